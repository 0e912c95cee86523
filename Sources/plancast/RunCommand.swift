import ArgumentParser
import Foundation
import IO
import Indicators
import Reporting
import Scenarios
import Simulation

/// `plancast run`: every scenario on the plan, with attainment, forecasts, comparison, manifest
/// and report (DESIGN.md §5–6).
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate the plan under each scenario and write attainment, forecasts, comparison, manifest and report.",
        discussion: """
            With no scenario files, runs every .yaml file in Scenarios/ on the bundled Kunshan plan. \
            Scenarios share random draws, so their differences are not noise. The same inputs and seed \
            give byte-identical CSV files whatever --threads is.
            """)

    @Argument(help: "Scenario files (default: every .yaml in Scenarios/).")
    var scenarioFiles: [String] = []

    @OptionGroup var planOptions: PlanOptions

    @Option(help: "Ignore every observation after this year (what would the tool have said then?).")
    var asOf: Int?

    @Option(help: "Sample paths per scenario.")
    var paths: Int = 100_000

    @Option(help: "Random seed.")
    var seed: UInt64 = 20220715

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Option(help: "Output folder (default: a new folder under runs/).")
    var out: String?

    @Option(help: "Language of names, the summary and the report: zh or en.")
    var lang: Language = .zh

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark so that Excel shows Chinese.")
    var excel = false

    @Flag(help: "Skip the per-lever sensitivity analysis (faster).")
    var noSensitivity = false

    func validate() throws {
        guard paths >= 100 && paths <= 50_000_000 else { throw ValidationError("--paths must be between 100 and 50,000,000") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        for f in scenarioFiles where !FileManager.default.isReadableFile(atPath: f) {
            throw ValidationError("cannot read scenario file '\(f)'")
        }
        if let asOf, !(1900...2200).contains(asOf) { throw ValidationError("--as-of must be a year") }
    }

    /// Scenario files: as given, else Scenarios/*.yaml beside the bundled plan (baseline first).
    func scenarioPaths(planDirectory: String) throws -> [String] {
        if !scenarioFiles.isEmpty { return scenarioFiles }
        let root = URL(fileURLWithPath: planDirectory).deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [FileManager.default.currentDirectoryPath + "/Scenarios", root.appendingPathComponent("Scenarios").path]
        for dir in candidates {
            if let files = try? FileManager.default.contentsOfDirectory(atPath: dir) {
                let yaml = files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted { a, b in
                    a.hasPrefix("baseline") != b.hasPrefix("baseline") ? a.hasPrefix("baseline") : a < b
                }
                if !yaml.isEmpty { return yaml.map { dir + "/" + $0 } }
            }
        }
        throw ValidationError("no scenario files given and no Scenarios/ folder found; pass scenario files")
    }

    func run() throws {
        let t0 = Date()
        let planDir = try planOptions.planDirectory()
        let plan = try planOptions.load()
        let files = try scenarioPaths(planDirectory: planDir)
        let scenarios = try ScenarioLoader.load(paths: files, plan: plan)
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let isTTY = isatty(STDERR_FILENO) == 1
        let progress: ((String) -> Void)? = isTTY ? { msg in FileHandle.standardError.write(Data("\r\u{1B}[K\(msg)".utf8)) } : nil
        let t1 = Date()
        let runs: [ScenarioRun]
        do {
            runs = try ScenarioRunner.run(plan: plan, scenarios: scenarios, asOf: asOf, paths: paths, seed: seed, threads: threadCount, progress: progress)
        } catch {
            throw InternalError("simulation failed: \(error)")
        }
        var sensitivity = [ScenarioRunner.Sensitivity]()
        if !noSensitivity {
            for r in runs where !r.scenario.leverNames.isEmpty {
                progress?("sensitivity: \(r.scenario.name)")
                sensitivity += ScenarioRunner.sensitivity(run: r, paths: min(paths, 20_000), seed: seed, threads: threadCount)
            }
        }
        if isTTY { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let t2 = Date()

        // Tables.
        let language = lang.rawValue
        var attainment = [[String]](), forecasts = [[String]]()
        for r in runs {
            attainment += RunTables.attainmentRows(scenario: r.scenario.name, model: r.model, result: r.result, language: language)
            forecasts += RunTables.forecastRows(scenario: r.scenario.name, model: r.model, result: r.result)
        }
        let comparison = RunTables.comparisonRows(runs.map { ($0.scenario.name, $0.model, $0.result) }, language: language)
        let sensitivityRows = sensitivity.map { s in
            [s.scenario, s.lever, s.indicator, String(format: "%.6f", s.pWith), String(format: "%.6f", s.pWithout), String(format: "%.6f", s.difference), String(format: "%.6f", s.standardError)]
        }
        let bom = excel
        var outputs: [(String, String)] = [
            ("attainment.csv", RunTables.csv(header: RunTables.attainmentColumns, rows: attainment)),
            ("forecasts.csv", RunTables.csv(header: RunTables.forecastColumns, rows: forecasts)),
            ("comparison.csv", RunTables.csv(header: RunTables.comparisonColumns, rows: comparison)),
            ("sensitivity.csv", RunTables.csv(header: RunTables.sensitivityColumns, rows: sensitivityRows)),
        ]
        outputs.append(("report.html", HTMLReport.render(runs: runs, sensitivity: sensitivity, language: language, settings: reportSettings(threadCount))))

        // Folder: a new one is staged and renamed into place, so it appears whole or not at all.
        let folder = out ?? defaultFolder()
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: folder)
        let staging = exists ? folder : folder + ".partial-\(getpid())"
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: folder, "cannot create the output folder", hint: "check the path and permissions")
        }
        do {
            for (name, text) in outputs {
                try writeTextAtomically(text, to: staging + "/" + name, byteOrderMark: bom && name.hasSuffix(".csv"))
            }
            var manifest = try RunManifest.object(
                plan: plan, planDirectory: planDir, observations: planOptions.observations, scenarioFiles: files, runs: runs,
                settings: RunManifest.Settings(
                    version: PlancastVersion.string, command: CommandLine.arguments, seed: seed, paths: paths, threads: threadCount,
                    asOf: asOf, language: lang.rawValue, excel: excel),
                timings: ["load_seconds": t1.timeIntervalSince(t0), "simulate_seconds": t2.timeIntervalSince(t1)])
            var outs = [[String: Any]]()
            for (name, _) in outputs { var e = try Manifest.fileEntry(staging + "/" + name); e["path"] = name; outs.append(e) }
            manifest["outputs"] = outs
            try writeTextAtomically(Manifest.json(manifest), to: staging + "/manifest.json")
            if !exists { try fm.moveItem(atPath: staging, toPath: folder) }
        } catch {
            if !exists { try? fm.removeItem(atPath: staging) }
            throw error
        }
        writeStdout(SummaryTable.render(runs, language: language))
        writeStdout((lang == .zh ? "输出目录：" : "Output folder: ") + folder + "\n")
    }

    func defaultFolder() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.timeZone = TimeZone(identifier: "UTC")
        var name = "runs/" + f.string(from: Date())
        var k = 2
        while FileManager.default.fileExists(atPath: name) { name = "runs/" + f.string(from: Date()) + "-\(k)"; k += 1 }
        return name
    }

    func reportSettings(_ threads: Int) -> [String: String] {
        ["seed": String(seed), "paths": String(paths), "as_of": asOf.map(String.init) ?? "", "version": PlancastVersion.string]
    }
}
