import Indicators
import Testing

@testable import Simulation

/// The libm-free rounding of counts equals `rounded()` (half away from zero) on v ≥ 0,
/// ties and huge values included.
struct RoundedCountTests {
    @Test func matchesRounded() {
        var values: [Double] = [
            0, 0.5, 1.5, 2.5, 2.4999999999999996, 0.49999999999999994, 1e15 + 0.5, 0x1p52, 0x1p53 + 2, 1e300,
        ]
        var x: UInt64 = 12345
        for _ in 0..<100_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let v = Double(x >> 11) * 0x1p-53 * 1e7
            values.append(v)
            values.append(v.rounded(.down) + 0.5)
        }
        for v in values {
            #expect(PreparedScenario.roundedCount(v) == v.rounded(), "\(v)")
        }
        #expect(PreparedScenario.roundedCount(.nan).isNaN)
        #expect(PreparedScenario.roundedCount(.infinity) == .infinity)
    }
}

/// A count's years drawn on the paths are whole numbers, and so are their quantiles, also when
/// the count's own figures are not (a count written with decimals, which `check` warns of).
struct WholeQuantilesTests {
    /// A count flow reported as 24.63 (2022) and 26.00 (2024), and "at least 26.37" in 2023
    /// (26.37–29.007: the whole numbers 27–29). 2023 is bridged between the two figures and
    /// truncated to its bound, so it is 27 on most paths: its quantiles are 27, not 27.0001–
    /// 27.0019 (the histogram bin of 27 interpolated), beside P(≤ 27); every 2023 path is 27, 28
    /// or 29. Before 2026-12-06 the decimals of 2022 and 2024 kept every quantile of the series
    /// unrounded (plan_shapes.py, seed 6302).
    @Test func aCountWithDecimalFiguresHasWholeQuantilesWhereItIsDrawn() throws {
        let ind = Indicator(
            id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: .flow, unit: "家", direction: .decrease,
            targets: [2023: 27, 2025: 29], headline: HeadlineGoal(rule: .final, value: 29))
        let obs = [
            NetChangeFollowsStockTests.read("x", 2020, "23.30", line: 2),
            NetChangeFollowsStockTests.read("x", 2021, "26.01", line: 3),
            NetChangeFollowsStockTests.read("x", 2022, "24.63", line: 4),
            NetChangeFollowsStockTests.read("x", 2023, "26.37", .lowerBound, line: 5),
            NetChangeFollowsStockTests.read("x", 2024, "26.00", line: 6),
        ]
        let m = try PlanModel.build(
            plan: Plan(metadata: PlanSimulatorTests.meta, indicators: [ind], drivers: [], observations: obs))
        let t23 = try #require(m.years.firstIndex(of: 2023))
        let n = 4000
        let v = EvidenceFlagsTests.paths(m, n, seed: 2)
        #expect((0..<n).allSatisfy { [27.0, 28, 29].contains(v(0, t23, $0)) })
        let r = PlanSimulator.run(model: m, paths: n, seed: 2, threads: 1)
        for year in [2023, 2025] {
            let cell = try #require(r.cells.first { $0.series == 0 && $0.year == year }?.quantiles)
            #expect(cell.allSatisfy { $0 == $0.rounded() }, "\(year): \(cell)")
        }
        let m23 = try #require(r.targets.first { $0.spec.kind == .milestone && $0.spec.year == 2023 })
        #expect([m23.p05, m23.median, m23.p95].allSatisfy { $0 == $0?.rounded() }, "\(m23)")
        // The median agrees with the probability: 27 is met (≤ 27) on more than half the paths.
        #expect(m23.median == 27 && m23.pMet! > 0.5, "\(m23)")
    }

    /// A count child clamped to a parent whose figures are not whole takes the parent's value
    /// on those paths (24.5 in 2023), so its quantiles are not rounded: a 95% quantile of 25
    /// would put the child above its parent.
    @Test func aChildClampedToAParentWithDecimalsKeepsItsValues() throws {
        let parent = Indicator(
            id: "p", row: "1", nameZh: "p", nameEn: "p", category: "c", kind: .stock, unit: "家", targets: [:],
            headline: nil)
        let child = Indicator(
            id: "c", parent: "p", row: "1.1", nameZh: "c", nameEn: "c", category: "c", kind: .stock, unit: "家",
            targets: [2023: 24], headline: HeadlineGoal(rule: .final, value: 28))
        func read(_ id: String, _ year: Int, _ text: String, _ q: Quality, _ line: Int) -> Observation {
            NetChangeFollowsStockTests.read(id, year, text, q, line: line)
        }
        let obs = [
            read("p", 2021, "20", .actual, 2), read("p", 2022, "22.5", .actual, 3), read("p", 2023, "24.5", .actual, 4),
            read("p", 2024, "26.5", .actual, 5), read("c", 2018, "15", .actual, 6), read("c", 2019, "17", .actual, 7),
            read("c", 2020, "19", .actual, 8), read("c", 2021, "20", .actual, 9),
        ]
        let m = try PlanModel.build(
            plan: Plan(metadata: PlanSimulatorTests.meta, indicators: [parent, child], drivers: [], observations: obs))
        let kc = try #require(m.series.firstIndex { $0.id == "c" })
        let r = PlanSimulator.run(model: m, paths: 4000, seed: 4, threads: 1)
        let cell = try #require(r.cells.first { $0.series == kc && $0.year == 2023 }?.quantiles)
        #expect(cell.allSatisfy { $0 <= 24.5 } && cell.contains(24.5), "\(cell)")
    }

    /// What is not drawn whole keeps its fractions: a net change whose stock has a figure that is
    /// not whole (2,674.45 in 2021, then 2022 drawn whole from a net change's estimate of 189.78,
    /// ± 2%), whose 2022 is then one of 186.55 … 192.55 on every path (its quantiles lie within
    /// a histogram bin of those, never on a whole number); and a level in a unit that
    /// counts nothing.
    @Test func netChangesOfDecimalStocksAndLevelsKeepTheirFractions() throws {
        let obs = [
            NetChangeFollowsStockTests.read("firms", 2021, "2674.45", line: 2),
            NetChangeFollowsStockTests.read("net", 2022, "189.78", .estimate, line: 3),
        ]
        let m = try PlanModel.build(plan: NetChangeFollowsStockTests.plan(netTargets: [2022: 189.5], obs))
        let kn = try #require(m.series.firstIndex { $0.id == "net" })
        let r = PlanSimulator.run(model: m, paths: 4000, seed: 5, threads: 1)
        let net = try #require(r.cells.first { $0.series == kn && $0.year == 2022 }?.quantiles)
        // Within the histogram's bin of each value: never a whole number.
        #expect(net.allSatisfy { $0 >= 186.55 - 1e-9 && $0 <= 192.55 + 1e-9 && abs($0 - $0.rounded()) > 0.4 }, "\(net)")
        let milestone = try #require(r.targets.first { $0.spec.kind == .milestone && $0.spec.series == kn })
        #expect(abs(milestone.median! - milestone.median!.rounded()) > 0.4, "\(milestone)")
        let level = try ScenarioRunnerFreeLevel.run()
        #expect(level.contains { $0 != $0.rounded() }, "\(level)")
    }
}

/// The forecast quantiles of a level in a unit that counts nothing ("u"): x = 100 + 3t + noise.
enum ScenarioRunnerFreeLevel {
    static func run() throws -> [Double] {
        let ind = Indicator(
            id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: .level, unit: "u", targets: [2025: 130],
            headline: HeadlineGoal(rule: .final, value: 130))
        let values = [100.0, 104, 107, 113, 116, 121, 125, 131]
        let obs = values.enumerated().map { Observation(indicator: "x", year: 2014 + $0.offset, value: $0.element) }
        let m = try PlanModel.build(
            plan: Plan(metadata: PlanSimulatorTests.meta, indicators: [ind], drivers: [], observations: obs))
        let r = PlanSimulator.run(model: m, paths: 2000, seed: 6, threads: 1)
        return r.cells.filter { $0.year == 2025 }.flatMap { $0.quantiles ?? [] }
    }
}
