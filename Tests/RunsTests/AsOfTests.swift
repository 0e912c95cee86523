import Foundation
import PlanFiles
import Testing

@testable import Runs

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

/// An --as-of before every observation says so (every goal is then insufficient_data, which
/// looked like a plan without data); from the first observation's year on it is silent.
struct AsOfBeforeEveryFigureTests {
    @Test func anAsOfBeforeEveryFigureIsWarnedOf() throws {
        let plan = try PlanLoader.load(
            directory: RunPipelineTests.root.appendingPathComponent("Notebooks-data/kunshan-2022-2025").path
        ).plan
        // The bundled data's first figure: GDP 2010 (observations.csv, line 3), read by hand.
        let first = 2010
        func asOfWarnings(_ year: Int) -> [String] {
            RunPipeline.warnings(plan: plan, scenarios: [], asOf: year).filter { $0.contains("--as-of") }
        }
        #expect(
            asOfWarnings(first - 1) == [
                "warning: --as-of \(first - 1) is before the plan's first observation (\(first)): no goal has data to forecast from"
            ])
        #expect(asOfWarnings(first).isEmpty)
        // In Chinese for a Chinese run (stderr follows --lang; the manifest keeps English).
        #expect(
            RunPipeline.warnings(plan: plan, scenarios: [], asOf: first - 1, language: .zh).filter {
                $0.contains("--as-of")
            } == ["警告: --as-of \(first - 1) 早于计划的第一个观测值（\(first)年）：没有任何目标有可用于预测的数据"])
        #expect(RunPipeline.warnings(plan: plan, scenarios: [], asOf: nil).allSatisfy { !$0.contains("--as-of") })
    }
}
