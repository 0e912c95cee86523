import Foundation
import Testing

@testable import SimulationBenchmark

struct MCBenchmarkTests {
    @Test func sameResultsWithOneOrTwoThreads() throws {
        let bench = try MCBenchmark(indicators: 6, years: 3)
        let a = bench.run(paths: 20_000, seed: 5, threads: 1, blockSize: 1024)
        let b = bench.run(paths: 20_000, seed: 5, threads: 2, blockSize: 1024)
        #expect(a.mean == b.mean && a.p50 == b.p50 && a.pHit == b.pHit)
    }

    /// A log-scale series with drift μ ~ N(0.05, 0.015²) and σ = 0.04: log value after h years is
    /// normal with mean base + 0.05h and variance (0.015h)² + 0.04²h, so its median is
    /// exp(base + 0.05h) in closed form. Checked within 3 standard errors of a sample median.
    @Test func medianMatchesClosedForm() throws {
        let bench = try MCBenchmark(indicators: 1, years: 4)
        let n = 200_000
        let r = bench.run(paths: n, seed: 9, threads: 2)
        for h in 1...4 {
            let sd = ((0.015 * Double(h)) * (0.015 * Double(h)) + 0.0016 * Double(h)).squareRoot()
            let median = exp(log(1000.0) + 0.05 * Double(h))
            // SE of the sample median ≈ √(π/2)·σ/√n on the log scale.
            let se = median * (Double.pi / 2).squareRoot() * sd / Double(n).squareRoot()
            #expect(abs(r.p50[h - 1] - median) < 3 * se + r.quantileErrorBound, "h = \(h) (seed 9)")
        }
    }
}
