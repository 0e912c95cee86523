import Foundation
import IO
import Testing

@testable import Runs

/// The bundled run (baseline and R&D push, 2,048 paths, seed 7) judged against what the data
/// files themselves say, read here independently of the code that ran: observed years against
/// their targets, years a bound settles, rounded values at their target (a uniform interval:
/// P = ½), indicators without any usable figure, and that the same seed gives the same file.
/// It replaces a comparison with a stored copy of an earlier run, which could only say that a
/// figure had changed, not that it was wrong.
struct BundledRunTests {
    struct Row {
        let scenario, indicator, targetType, year, target, label: String
        let p: Double?, se: Double?, median: Double?, p05: Double?, p95: Double?
    }

    static func attainment(_ path: String) throws -> [Row] {
        let t = try CSVTable(path: path)
        func col(_ name: String) throws -> Int { try t.columnIndex(name) }
        let (sc, ind, tt, yr, tg, pm, se, md, lo, hi, lb) = (
            try col("scenario"), try col("indicator"), try col("target_type"), try col("year"), try col("target"),
            try col("p_met"), try col("p_met_se"), try col("median"), try col("p05"), try col("p95"), try col("label")
        )
        return t.rows.map {
            Row(
                scenario: $0[sc], indicator: $0[ind], targetType: $0[tt], year: $0[yr], target: $0[tg], label: $0[lb],
                p: Double($0[pm]), se: Double($0[se]), median: Double($0[md]), p05: Double($0[lo]), p95: Double($0[hi]))
        }
    }

    @Test func bundledRunAgreesWithItsData() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenarios = RunPipelineTests.root.appendingPathComponent("Scenarios")
        let files = ["baseline.yaml", "rd-push.yaml"].map { scenarios.appendingPathComponent($0).path }
        for name in ["a", "b"] {
            _ = try RunPipeline.run(RunPipelineTests.request(files, out: dir.appendingPathComponent(name).path))
        }
        let a = dir.appendingPathComponent("a/attainment.csv").path
        let b = dir.appendingPathComponent("b/attainment.csv").path
        #expect(FileManager.default.contentsEqual(atPath: a, andPath: b), "the same seed gives the same file")
        let rows = try Self.attainment(a)
        func row(_ s: String, _ i: String, _ type: String, _ y: String) throws -> Row {
            try #require(
                rows.first { $0.scenario == s && $0.indicator == i && $0.targetType == type && $0.year == y },
                "\(s) \(i) \(type) \(y)")
        }

        // Observed years (observations.csv): high-tech enterprises 2,744 in 2022 against 2,500;
        // R&D intensity 3.83 in 2022 against 4.0.
        let ht22 = try row("baseline", "high_tech_enterprises", "milestone", "2022")
        #expect(ht22.label == "met" && ht22.p == 1)
        let rd22 = try row("baseline", "rd_intensity", "milestone", "2022")
        #expect(rd22.label == "not_met" && rd22.p == 0)
        // Years a bound settles: "突破3000" in 2023 against 2,800; R&D 2024 below 4 (the 2026 target
        // row) against 4.3.
        let ht23 = try row("baseline", "high_tech_enterprises", "milestone", "2023")
        #expect(ht23.label == "met" && ht23.p == 1)
        let rd24 = try row("baseline", "rd_intensity", "milestone", "2024")
        #expect(rd24.label == "not_met" && rd24.p == 0)
        // Rounded values at their target are uniform on their interval: "50.5" (50.45–50.55)
        // against 50.5 and "1万" (9,500–10,500) against 10,000 give P = ½.
        for (i, y) in [("talent_resource_total", "2022"), ("new_high_skilled_workers", "2022")] {
            let r = try row("baseline", i, "milestone", y)
            let p = try #require(r.p), se = try #require(r.se)
            #expect(abs(p - 0.5) <= 3 * se, "\(i) \(y): \(p) ± \(se)")
        }
        // The mid-2024 count of high-level talents is 5.46 (5.455–5.465): 2023 ended at most
        // 5.465, so its milestone of 5.46 is met only in that last 0.005.
        let hl23 = try row("baseline", "high_level_talent_total", "milestone", "2023")
        #expect((hl23.p ?? 1) < 0.05, "\(hl23.p ?? .nan)")

        // Indicators with no usable figure in observations.csv (none, or only rows that never
        // count) are insufficient_data; every other goal has a probability.
        let plan = RunPipelineTests.root.appendingPathComponent("Notebooks-data/kunshan-2022-2025")
        let obs = try CSVTable(path: plan.appendingPathComponent("observations.csv").path)
        let (oi, oq) = (try obs.columnIndex("indicator"), try obs.columnIndex("quality"))
        let usable = Set(
            obs.rows.filter { !["partial_year", "not_comparable"].contains($0[oq]) }.map { $0[oi] })
        let inds = try CSVTable(path: plan.appendingPathComponent("indicators.csv").path)
        let ids = inds.rows.map { $0[0] }
        let goals = rows.filter { $0.scenario == "baseline" && $0.targetType.hasPrefix("goal") }
        #expect(goals.count == ids.count)
        for g in goals {
            // A net change is derived from its stock: it has a figure when its stock has one.
            let spec = try #require(inds.rows.first { $0[0] == g.indicator })
            let (parent, kind) = (spec[1], spec[try inds.columnIndex("kind")])
            let known = usable.contains(g.indicator) || (kind == "net_change" && usable.contains(parent))
            #expect((g.label == "insufficient_data") == !known, "\(g.indicator): \(g.label)")
        }
        let all = try row("baseline", "all", "all_goals", "")
        #expect(all.target == String(goals.filter { $0.label != "insufficient_data" }.count))

        // Every probability is one, and every simulated interval is ordered.
        for r in rows {
            if let p = r.p { #expect((0...1).contains(p), "\(r.indicator) \(r.year)") }
            if let lo = r.p05, let m = r.median, let hi = r.p95 {
                #expect(lo <= m && m <= hi, "\(r.scenario) \(r.indicator) \(r.targetType) \(r.year)")
            }
        }
        // The R&D push scenario raises R&D intensity's chance of its 2025 goal.
        let base = try row("baseline", "rd_intensity", "goal_final", "2025")
        let push = try row("rd-push", "rd_intensity", "goal_final", "2025")
        #expect((push.p ?? 0) > (base.p ?? 1) + 3 * (push.se ?? 0))
    }

    /// Scenarios simulated together share the draws, and each takes from the first the series
    /// its levers do not reach, directly or through containment and net changes
    /// (`PreparedScenario.differing(from:)`) — on the bundled plan, with its count flows, sums,
    /// bounds, stocks and net changes. Each shipped scenario must come out exactly as run alone:
    /// every attainment and forecast row byte for byte.
    @Test func eachShippedScenarioTogetherEqualsItAlone() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = RunPipelineTests.root.appendingPathComponent("Scenarios")
        let names = ["baseline", "downturn-2023", "rd-push", "slower-gdp", "talent-surge"]
        let files = names.map { folder.appendingPathComponent($0 + ".yaml").path }
        _ = try RunPipeline.run(RunPipelineTests.request(files, out: dir.appendingPathComponent("all").path))
        func rows(_ run: String, _ file: String, _ scenario: String) throws -> [String] {
            let text = try String(contentsOfFile: dir.appendingPathComponent("\(run)/\(file)").path, encoding: .utf8)
            return text.split(separator: "\n").filter { $0.hasPrefix(scenario + ",") }.map(String.init)
        }
        for (name, file) in zip(names, files).dropFirst() {
            _ = try RunPipeline.run(RunPipelineTests.request([file], out: dir.appendingPathComponent(name).path))
            for csv in ["attainment.csv", "forecasts.csv"] {
                let (together, alone) = (try rows("all", csv, name), try rows(name, csv, name))
                #expect(!alone.isEmpty && together == alone, "\(name): \(csv)")
            }
        }
    }
}
