import ArgumentParser
import Foundation
import IO
import SimulationBenchmark

/// `plancast bench`: measured workloads.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run a benchmark and print its figures.", subcommands: [MC.self])

    /// `plancast bench mc`: the plan-simulation reference workload (DESIGN.md §7).
    struct MC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mc",
            abstract: "Time the plan-simulation workload of shared/bench/mc_reference.py.",
            discussion:
                "Compare with: python3 shared/bench/mc_reference.py --paths N (same machine, one after the other).")

        @Option(parsing: .unconditional, help: "Sample paths.") var paths: Int = 1_000_000
        @Option(parsing: .unconditional, help: "Series (indicators and drivers).") var indicators: Int = 34
        @Option(parsing: .unconditional, help: "Horizon years.") var years: Int = 4
        @OptionGroup var threads: ThreadOptions
        @Option(parsing: .unconditional, help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Write the statistics (indicator,year,mean,p05,p50,p95,p_hit) here.") var out: String?

        func validate() throws {
            guard paths >= 1, indicators >= 1, years >= 1 else {
                throw ValidationError(
                    "--paths, --indicators and --years must be positive (got \(paths), \(indicators), \(years))")
            }
            // Bounds that keep a benchmark a benchmark: --paths 99999999999 ran for hours, and 1,000
            // indicators × 50 years held 5.2 GB at 20,000 paths. Each path correlates all series,
            // so the work grows as paths × indicators² × years: the reference workload (1 M paths,
            // 34 series, 4 years, 4.6e9) takes 0.55 s here, 500 series × 50 years at 20,000 paths
            // (2.5e11) 12 s; 1.2e12 is about a minute.
            let work = Double(paths) * Double(indicators) * Double(indicators) * Double(years)
            guard paths <= 100_000_000, indicators <= 500, years <= 50, work <= 1.2e12 else {
                throw ValidationError(
                    "--paths at most 100,000,000, --indicators at most 500, --years at most 50, and paths × "
                        + "indicators² × years at most 1.2e12 (about a minute)")
            }
            if let out, let why = outputConflict(out, inputs: []) { throw ValidationError("--out: \(why)") }
        }

        func run() throws {
            let t = threads.count
            let bench = try MCBenchmark(indicators: indicators, years: years)
            let start = DispatchTime.now()
            let r = bench.run(paths: paths, seed: seed, threads: t)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let peakMB = Double(usage.ru_maxrss) / 1024
            writeStdout(
                String(
                    format:
                        "plancast: %ld paths, %ld indicators, %ld years, %.3f s, peak memory %.1f MB, %ld threads (quantile error bound %.3g)\n",
                    paths, indicators, years, seconds, peakMB, t, r.quantileErrorBound))
            if let out {
                var s = "indicator,year,mean,p05,p50,p95,p_hit\n"
                for h in 0..<years {
                    for k in 0..<indicators {
                        let c = h * indicators + k
                        s +=
                            "\(k),\(h + 1),\(String(format: "%.6g", r.mean[c])),\(String(format: "%.6g", r.p05[c])),\(String(format: "%.6g", r.p50[c])),\(String(format: "%.6g", r.p95[c])),\(String(format: "%.6f", r.pHit[c]))\n"
                    }
                }
                try writeTextAtomically(s, to: out)
            }
        }
    }
}
