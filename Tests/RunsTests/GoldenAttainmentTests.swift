import Foundation
import Testing

@testable import Runs

/// A small run at a fixed seed and path count against a stored `attainment.csv`. It guards
/// against unintended changes of any figure; an intended change regenerates the file with
/// `PLANCAST_UPDATE_GOLDEN=1 swift test --filter GoldenAttainmentTests` and says why in the
/// commit. (Correctness itself is tested against closed forms in SimulationTests.)
struct GoldenAttainmentTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden-attainment-baseline-rd-push-seed7-2048.csv")

    @Test func smallRunMatchesTheStoredAttainment() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenarios = RunPipelineTests.root.appendingPathComponent("Scenarios")
        let files = ["baseline.yaml", "rd-push.yaml"].map { scenarios.appendingPathComponent($0).path }
        let out = dir.appendingPathComponent("run").path
        _ = try RunPipeline.run(RunPipelineTests.request(files, out: out))
        let produced = try String(contentsOfFile: out + "/attainment.csv", encoding: .utf8)
        if ProcessInfo.processInfo.environment["PLANCAST_UPDATE_GOLDEN"] == "1" {
            try produced.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: Self.golden, encoding: .utf8)
        let a = produced.split(separator: "\n"), b = stored.split(separator: "\n")
        #expect(a.count == b.count)
        // Text exactly; numbers within 0.1% or 0.001 (OpenBLAS kernels may round differently,
        // which can move a path or two of 2,048 across a threshold).
        var mismatches = [String]()
        for (x, y) in zip(a, b) where x != y {
            let fx = x.split(separator: ",", omittingEmptySubsequences: false)
            let fy = y.split(separator: ",", omittingEmptySubsequences: false)
            let same =
                fx.count == fy.count
                && zip(fx, fy).allSatisfy { u, v in
                    if u == v { return true }
                    guard let p = Double(u), let q = Double(v) else { return false }
                    return abs(p - q) <= max(1e-3 * abs(q), 1e-3)
                }
            if !same { mismatches.append("\(x)\n   stored: \(y)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) rows differ, first: \(mismatches.first ?? "")")
    }
}
