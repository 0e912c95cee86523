import Foundation
import Testing

@testable import IO
@testable import Reporting
@testable import Runs

/// The run pipeline in process, on the bundled Kunshan plan: the folder, the manifest's hashes of
/// what was read, and `compare` naming an edited file.
@Suite(.serialized)
struct RunPipelineTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let plan = root.appendingPathComponent("Notebooks-data/kunshan-2022-2025").path

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-runs-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func request(_ scenarios: [String], out: String, paths: Int = 2048) -> RunRequest {
        var r = RunRequest(planDirectory: plan)
        r.scenarioFiles = scenarios
        r.outputFolder = out
        r.paths = paths
        r.seed = 7
        r.threads = 2
        r.sensitivity = false
        return r
    }

    @Test func manifestHashesEveryFileRead() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parent = dir.appendingPathComponent("base.yaml").path
        let child = dir.appendingPathComponent("child.yaml").path
        try "name: base\ngrowth:\n  - indicators: [high_tech_enterprises]\n    from: 2025\n    percent_per_year: 1\n"
            .write(toFile: parent, atomically: true, encoding: .utf8)
        try "name: child\ninherits: base\n".write(toFile: child, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("run").path
        let outcome = try RunPipeline.run(Self.request([child], out: out))
        #expect(outcome.runs.map(\.scenario.name) == ["child"])
        #expect(outcome.runs[0].scenario.leverNames.count == 1, "the parent's lever is inherited")
        let manifest = try JSONFile.read(path: out + "/manifest.json", what: "manifest")
        let inputs = manifest["inputs"] as? [[String: Any]] ?? []
        let hashed = Set(inputs.compactMap { $0["path"] as? String })
        for f in [
            child, parent, Self.plan + "/plan.yaml", Self.plan + "/indicators.csv", Self.plan + "/observations.csv",
        ] {
            #expect(hashed.contains(f), "\(f) is hashed in the manifest")
        }
        for i in inputs {
            #expect(try sha256Hex(path: i["path"] as! String) == i["sha256"] as! String)
        }
        let outputs = manifest["outputs"] as? [[String: Any]] ?? []
        #expect(
            Set(outputs.compactMap { $0["path"] as? String })
                == ["attainment.csv", "forecasts.csv", "comparison.csv", "sensitivity.csv", "report.html"])
    }

    @Test func compareNamesAnEditedInheritedParent() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parent = dir.appendingPathComponent("base.yaml").path
        let child = dir.appendingPathComponent("child.yaml").path
        try "name: base\n".write(toFile: parent, atomically: true, encoding: .utf8)
        try "name: child\ninherits: base\n".write(toFile: child, atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        _ = try RunPipeline.run(Self.request([child], out: a))
        try "name: base\ngrowth:\n  - indicators: [high_tech_enterprises]\n    from: 2025\n    percent_per_year: 20\n"
            .write(toFile: parent, atomically: true, encoding: .utf8)
        _ = try RunPipeline.run(Self.request([child], out: b))
        let c = try RunComparison.load(a, b)
        #expect(c.inputDifferences.map(\.what) == ["scenario:base.yaml"], "\(c.inputDifferences)")
        #expect(!c.summary.contains("different build"), "\(c.summary)")
        #expect(c.summary.contains("base.yaml"))
    }

    @Test func rerunReproducesByteForByte() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenarios = Self.root.appendingPathComponent("Scenarios")
        let files = ["baseline.yaml", "rd-push.yaml"].map { scenarios.appendingPathComponent($0).path }
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        var ra = Self.request(files, out: a)
        ra.threads = 1
        _ = try RunPipeline.run(ra)
        _ = try RunPipeline.run(Self.request(files, out: b))
        let c = try RunComparison.load(a, b)
        #expect(c.reproduces, "\(c.summary)")
        #expect(c.summary.hasPrefix("REPRODUCES"))
    }

    /// A plan folder without a Scenarios/ folder runs one baseline without levers.
    @Test func planWithoutScenariosRunsABaseline() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let planCopy = dir.appendingPathComponent("a/b/plan")
        try FileManager.default.createDirectory(
            at: planCopy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.plan, toPath: planCopy.path)
        var r = Self.request([], out: dir.appendingPathComponent("run").path)
        r.planDirectory = planCopy.path
        let cwd = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir.path)
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        let outcome = try RunPipeline.run(r)
        #expect(outcome.runs.map(\.scenario.name) == ["baseline"])
        #expect(outcome.runs[0].scenario.levers.isEmpty)
    }
}
