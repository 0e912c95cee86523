import Forecasting
import Foundation
import Indicators
import LinearAlgebra
import Testing

@testable import Simulation

/// Levers reach forecast years only; a lever on a net change derived from its stock moves the
/// stock's steps (`PreparedScenario.scaleNetChange`), and a lever that moves nothing is named
/// (`PlanModel.reach`). Identity scale and a standard normal calibration: a forecast year is
/// centre + σ·Z, so every expectation below is arithmetic on each path.
struct LeverReachTests {
    /// Deposits (a stock in 亿元, no whole counts) observed 2021–2022 and forecast 2023–2025;
    /// their net change derived path by path every year (2022 from the two observed stocks);
    /// and an indicator without any data.
    static func model(center: [Double] = [1200, 1300, 1400]) throws -> PlanModel {
        let stock = Indicator(
            id: "deposits", row: "1", nameZh: "d", nameEn: "d", category: "c", kind: .stock, unit: "亿元",
            targets: [:], headline: HeadlineGoal(rule: .final, value: 1500))
        let net = Indicator(
            id: "net", parent: "deposits", row: "1.1", nameZh: "n", nameEn: "n", category: "c", kind: .netChange,
            unit: "亿元", targets: [2025: 100], headline: HeadlineGoal(rule: .cumulative, value: 400))
        let empty = Indicator(
            id: "empty", row: "2", nameZh: "e", nameEn: "e", category: "c", kind: .level, unit: "u", targets: [:],
            headline: HeadlineGoal(rule: .final, value: 1))
        let plan = Plan(
            metadata: PlanSimulatorTests.meta, indicators: [stock, net, empty], drivers: [], observations: [])
        let none = History(indicator: "x", points: [])
        let s = SimulationSeries(
            id: "deposits", kind: .stock, transform: .identity, isCount: false, isDriver: false, parent: nil,
            known: [1000, 1100, nil, nil, nil], sources: [.observed, .observed, .simulated, .simulated, .simulated],
            origin: 2022, center: center, scale: [30, 40, 50], evidence: Evidence(history: none),
            models: ["test"], usesAssumptions: false)
        let n = SimulationSeries(
            id: "net", kind: .netChange, transform: .identity, isCount: false, isDriver: false, parent: 0,
            known: [nil, 100, nil, nil, nil], sources: [.unavailable, .derived, .derived, .derived, .derived],
            origin: nil, center: [], scale: [], evidence: Evidence(history: none), models: [], usesAssumptions: false)
        let e = SimulationSeries(
            id: "empty", kind: .level, transform: .identity, isCount: false, isDriver: false, parent: nil,
            known: Array(repeating: nil, count: 5), sources: Array(repeating: .unavailable, count: 5), origin: nil,
            center: [], scale: [], evidence: Evidence(history: none), models: [], usesAssumptions: false)
        return try PlanModel(
            plan: plan, years: Array(2021...2025), series: [s, n, e],
            calibration: PlanSimulatorTests.normalCalibration(horizon: 3), simulated: [0], correlation: .identity(1),
            horizon: 3)
    }

    /// A driver, gdp, simulated every year of 2021–2025 (identity scale): 1,000 rising by 50 a
    /// year, σ 10–22.
    static let gdp = Driver(id: "gdp", nameZh: "g", nameEn: "g", kind: .level, unit: "亿元")
    static let gdpSeries = SimulationSeries(
        id: "gdp", kind: .level, transform: .identity, isCount: false, isDriver: true, parent: nil,
        known: Array(repeating: nil, count: 5), sources: Array(repeating: .simulated, count: 5), origin: 2020,
        center: [1000, 1050, 1100, 1150, 1200], scale: [10, 14, 17, 20, 22],
        evidence: Evidence(history: History(indicator: "gdp", points: [])), models: ["test"], usesAssumptions: false)

    /// One block of `n` paths with `levers`, read as value(series, year, path).
    static func paths(_ m: PlanModel, _ levers: [Lever], _ n: Int, seed: UInt64) -> (Int, Int, Int) -> Double {
        let prepared = PreparedScenario(model: m, levers: levers)
        var scratch = prepared.scratch(n)
        prepared.simulate(block: 0, paths: n, seed: seed, into: &scratch)
        let vals = scratch.vals
        return { k, year, p in vals[prepared.at(k, year - 2021, n) + p] }
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    /// A level lever of +100% on the net change from 2024 doubles net(2024) and net(2025) on
    /// every path and leaves 2022–2023 alone; the stock moves by the added steps, stock′(2025) −
    /// stock(2025) = net(2024) + net(2025), and net = stock(t) − stock(t − 1) still holds. Before
    /// 2026-12-01 the lever moved nothing (the net change is not a forecast series).
    @Test func aLeverOnADerivedNetChangeMovesItsStocksSteps() throws {
        let m = try Self.model()
        let n = 500
        let base = Self.paths(m, [], n, seed: 3)
        let doubled = Self.paths(
            m, [Lever(name: "more", series: ["net"], action: .level(year: 2024, percent: .fixed(100)))], n, seed: 3)
        let grown = Self.paths(
            m, [Lever(name: "g", series: ["net"], action: .growth(fromYear: 2023, percentPerYear: .fixed(10)))], n,
            seed: 3)
        var failures = 0
        for p in 0..<n {
            var ok = Self.close(doubled(1, 2022, p), 100) && Self.close(doubled(1, 2023, p), base(1, 2023, p))
            ok = ok && Self.close(doubled(1, 2024, p), 2 * base(1, 2024, p))
            ok = ok && Self.close(doubled(1, 2025, p), 2 * base(1, 2025, p))
            ok = ok && base(1, 2024, p) > 0 && base(1, 2025, p) > 0
            ok = ok && Self.close(doubled(0, 2023, p), base(0, 2023, p))
            ok = ok && Self.close(doubled(0, 2025, p) - base(0, 2025, p), base(1, 2024, p) + base(1, 2025, p))
            ok = ok && Self.close(doubled(1, 2025, p), doubled(0, 2025, p) - doubled(0, 2024, p))
            // Growth compounds from its year: ×1.1, ×1.21, ×1.331.
            for (year, f) in [(2023, 1.1), (2024, 1.21), (2025, 1.331)] {
                ok = ok && abs(grown(1, year, p) - f * base(1, year, p)) <= 1e-9 * max(1, abs(base(1, year, p))) * 10
            }
            if !ok { failures += 1 }
        }
        #expect(failures == 0, "\(failures) of \(n) paths (seed 3)")
    }

    /// A lever moves a change by its factor times the change's size, whatever its sign:
    /// c′ = c + (m − 1)·|c|. On a falling stock (steps near −100 a year) "+10% a year" makes each
    /// fall smaller (×0.9, ×0.79, ×0.669) and "−20% in 2024" makes 2024's and 2025's falls
    /// larger (×1.2); before 2026-12-01 m·c turned "+10%" into deeper falls. The identity
    /// net = stock(t) − stock(t − 1) holds on every path.
    @Test func aLeverMovesAFallTheWayItMovesARise() throws {
        #expect(PreparedScenario.scaledChange(100, by: 1.1) == 100 * 1.1)
        #expect(abs(PreparedScenario.scaledChange(-50, by: 1.1) - -45) < 1e-12)
        #expect(abs(PreparedScenario.scaledChange(-50, by: 0.8) - -60) < 1e-12)
        let m = try Self.model(center: [1000, 900, 800])
        let n = 500
        let base = Self.paths(m, [], n, seed: 4)
        let grown = Self.paths(
            m, [Lever(name: "g", series: ["net"], action: .growth(fromYear: 2023, percentPerYear: .fixed(10)))], n,
            seed: 4)
        let cut = Self.paths(
            m, [Lever(name: "c", series: ["net"], action: .level(year: 2024, percent: .fixed(-20)))], n, seed: 4)
        var failures = 0, falls = 0
        for p in 0..<n {
            var ok = true
            for (year, f) in [(2023, 1.1), (2024, 1.21), (2025, 1.331)] {
                let c = base(1, year, p)
                if c < 0 { falls += 1 }
                ok = ok && abs(grown(1, year, p) - (c + (f - 1) * abs(c))) <= 1e-9 * max(1, abs(c)) * 10
                ok = ok && Self.close(grown(1, year, p), grown(0, year, p) - grown(0, year - 1, p))
            }
            for year in [2024, 2025] {
                let c = base(1, year, p)
                ok = ok && abs(cut(1, year, p) - (c - 0.2 * abs(c))) <= 1e-9 * max(1, abs(c)) * 10
            }
            ok = ok && Self.close(cut(1, 2023, p), base(1, 2023, p))
            if !ok { failures += 1 }
        }
        #expect(failures == 0, "\(failures) of \(n) paths (seed 4)")
        #expect(falls > 1_400, "the steps are falls: \(falls) of 1,500")
    }

    /// A shock is a lasting change of level, not a rate: a sure shock of −10% in 2023 makes
    /// every simulated year from 2023 on 0.9 times its value without it (0.9, not 0.9, 0.81,
    /// 0.729), and a shock that never happens (probability 0) moves nothing.
    @Test func aShockChangesTheLevelOnceFromItsYear() throws {
        let m = try Self.model()
        let n = 300
        let base = Self.paths(m, [], n, seed: 6)
        func shock(_ probability: Double) -> (Int, Int, Int) -> Double {
            Self.paths(
                m,
                [
                    Lever(
                        name: "s", series: ["deposits"],
                        action: .shock(year: 2023, probability: probability, percent: .fixed(-10)))
                ], n, seed: 6)
        }
        let (sure, never) = (shock(1), shock(0))
        var failures = 0
        for p in 0..<n {
            var ok = Self.close(sure(0, 2022, p), base(0, 2022, p))
            for year in [2023, 2024, 2025] {
                ok = ok && Self.close(sure(0, year, p), 0.9 * base(0, year, p))
                ok = ok && never(0, year, p) == base(0, year, p)
            }
            if !ok { failures += 1 }
        }
        #expect(failures == 0, "\(failures) of \(n) paths (seed 6)")
    }

    /// A driver forecast from the timeline's first year (its last observation is before the
    /// base year): a driver path keeps that first year as simulated (there is no year before it
    /// to grow from), follows the baseline's ratio in a year it does not name, and grows by the
    /// named rate in 2023, path by path: d′(2022) = d(2022), d′(2023) = 1.1·d(2022),
    /// d′(2024) = d′(2023)·d(2024)/d(2023); a linked indicator with elasticity 1 moves by d′/d.
    @Test func aDriverPathFromTheTimelinesFirstYear() throws {
        let gdp = Self.gdp
        let ind = Indicator(
            id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: .level, unit: "u", targets: [:],
            headline: HeadlineGoal(rule: .final, value: 1))
        let plan = Plan(metadata: PlanSimulatorTests.meta, indicators: [ind], drivers: [gdp], observations: [])
        let none = History(indicator: "x", points: [])
        let d = Self.gdpSeries
        let x = SimulationSeries(
            id: "x", kind: .level, transform: .identity, isCount: false, isDriver: false, parent: nil,
            known: [100, 110, nil, nil, nil], sources: [.observed, .observed, .simulated, .simulated, .simulated],
            origin: 2022, center: [120, 130, 140], scale: [3, 4, 5], evidence: Evidence(history: none),
            models: ["test"], usesAssumptions: false)
        let m = try PlanModel(
            plan: plan, years: Array(2021...2025), series: [d, x],
            calibration: PlanSimulatorTests.normalCalibration(horizon: 5), simulated: [0, 1],
            correlation: .identity(2), horizon: 5)
        let n = 300
        let base = Self.paths(m, [], n, seed: 7)
        let path = Self.paths(
            m,
            [
                Lever(
                    name: "p", series: ["gdp"],
                    action: .driverPath(
                        driver: "gdp", growthPercent: [2023: .fixed(10)],
                        links: [Lever.DriverLink(series: ["x"], elasticity: 1)]))
            ], n, seed: 7)
        var failures = 0
        for p in 0..<n {
            var ok = path(0, 2021, p) == base(0, 2021, p) && Self.close(path(0, 2022, p), base(0, 2022, p))
            ok = ok && Self.close(path(0, 2023, p), 1.1 * path(0, 2022, p))
            ok = ok && Self.close(path(0, 2024, p), path(0, 2023, p) * base(0, 2024, p) / base(0, 2023, p))
            for year in [2023, 2024, 2025] {
                ok = ok && Self.close(path(1, year, p), base(1, year, p) * path(0, year, p) / base(0, year, p))
            }
            ok = ok && path(1, 2022, p) == 110
            if !ok { failures += 1 }
        }
        #expect(failures == 0, "\(failures) of \(n) paths (seed 7)")
    }

    /// A lever that names the stock and its net change moves the stock once: the net change
    /// follows it, as without levers (the "enterprises" group holds both).
    @Test func aLeverOnAStockAndItsNetChangeMovesTheStockOnce() throws {
        let m = try Self.model()
        let cut = Lever.Action.level(year: 2024, percent: .fixed(-8))
        let both = Self.paths(m, [Lever(name: "c", series: ["deposits", "net"], action: cut)], 300, seed: 5)
        let stock = Self.paths(m, [Lever(name: "c", series: ["deposits"], action: cut)], 300, seed: 5)
        let differs = (0..<300).contains { p in
            [2023, 2024, 2025].contains { y in both(0, y, p) != stock(0, y, p) || both(1, y, p) != stock(1, y, p) }
        }
        #expect(!differs)
    }

    /// What each lever reaches: forecast years from its year on; a derived net change through
    /// its stock (forecast 2023–2025), directly or because the lever moves the stock; nothing of
    /// an indicator without data, nor of a net change under a volatility lever — each with why.
    @Test func reachNamesTheYearsMovedAndWhyNone() throws {
        let m = try Self.model()
        func reach(_ series: [String], _ action: Lever.Action) -> [LeverReach] {
            m.reach(of: Lever(name: "l", series: series, action: action))
        }
        let grow = Lever.Action.growth(fromYear: 2024, percentPerYear: .fixed(1))
        #expect(reach(["net"], grow).map(\.years) == [[2024, 2025]])
        #expect(reach(["deposits"], grow).map(\.years) == [[2024, 2025]])
        #expect(
            reach(["deposits", "net"], .level(year: 2023, percent: .fixed(1))).map(\.years) == [
                [2023, 2024, 2025], [2023, 2024, 2025],
            ])
        let empty = try #require(reach(["empty"], grow).first)
        #expect(empty.years.isEmpty && empty.why?.contains("no data") == true, "\(empty)")
        // Listed beside its stock, a net change derived from it follows the stock's moved years
        // (2023–2025) and the year after each, never a year before them (round seed 87's
        // mutant added 2022).
        #expect(
            reach(["deposits", "net"], .volatility(scale: 2)).map(\.years) == [
                [2023, 2024, 2025], [2023, 2024, 2025],
            ],
            "\(reach(["deposits", "net"], .volatility(scale: 2)))")
        let volatile = try #require(reach(["net"], .volatility(scale: 2)).first)
        #expect(volatile.years.isEmpty && volatile.why?.contains("stock deposits") == true, "\(volatile)")
        let unknown = try #require(reach(["nowhere"], grow).first)
        #expect(unknown.years.isEmpty)
        // In a model observed to the last year a lever moves nothing; the reason names the years
        // and how to see the what-if before they were known.
        let none = History(indicator: "x", points: [])
        let observed = SimulationSeries(
            id: "deposits", kind: .stock, transform: .identity, isCount: false, isDriver: false, parent: nil,
            known: [1000, 1100, 1200, 1300, 1400], sources: Array(repeating: .observed, count: 5), origin: nil,
            center: [], scale: [], evidence: Evidence(history: none), models: [], usesAssumptions: false)
        let known = try PlanModel(
            plan: m.plan, years: m.years, series: [observed], calibration: m.calibration, simulated: [],
            correlation: .identity(0), horizon: 0)
        let r = try #require(known.reach(of: Lever(name: "l", series: ["deposits"], action: grow)).first)
        #expect(r.years.isEmpty && r.why?.contains("2024 observed, 2025 observed") == true, "\(r)")
        #expect(r.why?.contains("--as-of 2023") == true, "\(r)")
        // In Chinese, the years' sources in Chinese too (they were the English ids).
        #expect(r.whyZh?.contains("2024年已观测、2025年已观测") == true, "\(r)")
        #expect(r.whyZh?.contains("observed") == false, "\(r)")
        let unmoved = LeverReach.unmoved(
            [
                Lever(name: "a", series: ["empty", "net"], action: grow),
                Lever(name: "b", series: ["net"], action: grow),
            ],
            model: m)
        #expect(unmoved.map(\.lever) == ["a"] && unmoved.map(\.reach.series) == ["empty"])
    }

    /// A driver path linked to a net change derived from its stock moves none of its years: the
    /// link moves forecast years of an indicator, and the net change follows its stock, so the
    /// reach says to link the stock (round seed 87's mutant listed the derived years as moved).
    /// Linked to the stock, the stock's forecast years from the path's year on are moved.
    @Test func aDriverLinkedToADerivedNetChangeSaysToLinkTheStock() throws {
        let m = try Self.model()
        let gdp = Self.gdp
        let d = Self.gdpSeries
        let withDriver = try PlanModel(
            plan: Plan(metadata: m.plan.metadata, indicators: m.plan.indicators, drivers: [gdp], observations: []),
            years: m.years, series: m.series + [d], calibration: PlanSimulatorTests.normalCalibration(horizon: 5),
            simulated: [0, 3], correlation: .identity(2), horizon: 5)
        func reach(_ linked: [String]) -> [LeverReach] {
            withDriver.reach(
                of: Lever(
                    name: "p", series: ["gdp"],
                    action: .driverPath(
                        driver: "gdp", growthPercent: [2024: .fixed(3)],
                        links: [Lever.DriverLink(series: linked, elasticity: 1)])))
        }
        let net = try #require(reach(["net"]).first { $0.series == "net" })
        #expect(net.years.isEmpty && net.why?.contains("link the stock instead") == true, "\(net)")
        let stock = try #require(reach(["deposits"]).first { $0.series == "deposits" })
        #expect(stock.years == [2024, 2025], "\(stock)")
    }
}
