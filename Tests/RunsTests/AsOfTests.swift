import Foundation
import Runs
import Testing

/// `--as-of` for every year before the plan, with the shipped scenarios (a driver path used to
/// meet an unset baseline on the timeline's first year and trap on a NaN).
@Suite(.serialized)
struct AsOfTests {
    @Test("as-of years before the plan run and write finite numbers", arguments: Array(2011...2021))
    func asOf(year: Int) throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenarios = RunPipelineTests.root.appendingPathComponent("Scenarios")
        let files = ["baseline.yaml", "downturn-2023.yaml", "slower-gdp.yaml"].map {
            scenarios.appendingPathComponent($0).path
        }
        var r = RunPipelineTests.request(files, out: dir.appendingPathComponent("run").path, paths: 512)
        r.asOf = year
        let outcome = try RunPipeline.run(r)
        #expect(outcome.runs.allSatisfy { $0.result.nonFiniteSeries.isEmpty })
        let text = try String(contentsOfFile: outcome.folder + "/forecasts.csv", encoding: .utf8)
        #expect(!text.lowercased().contains("nan") && !text.contains("inf"))
    }
}
