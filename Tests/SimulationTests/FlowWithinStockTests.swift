import Forecasting
import Foundation
import Indicators
import LinearAlgebra
import Testing

@testable import Simulation

/// A flow never exceeds the stock it comes from (identity scale, standard normal calibration, so
/// a simulated year is exactly centre + σ·Z before the constraint).
struct FlowWithinStockTests {
    /// A plan of two indicators of one kind, "all" and its "其中" row "part", each with a 2025
    /// milestone and final goal of `goal`.
    static func parentAndPart(kind: IndicatorKind, unit: String, goal: Double) -> Plan {
        func indicator(_ id: String, parent: String?) -> Indicator {
            Indicator(
                id: id, parent: parent, row: parent == nil ? "1" : "1.1", nameZh: id, nameEn: id, category: "c",
                kind: kind, unit: unit, targets: [2025: goal], headline: HeadlineGoal(rule: .final, value: goal))
        }
        return Plan(
            metadata: PlanSimulatorTests.meta,
            indicators: [indicator("all", parent: nil), indicator("part", parent: "all")], drivers: [],
            observations: [])
    }

    /// Poor people (a stock to reduce) observed 2021–2025; people lifted out of poverty (a flow,
    /// of the same unit) simulated in 2025 as 20 + 10·Z. What leaves the stock was in it the year
    /// before: flow₂₀₂₅ = min(20 + 10·Z, 25), so P(flow ≥ 26) = 0 (unclamped 1 − Φ(0.6) = 0.27),
    /// P(flow ≥ 22) = 1 − Φ(0.2) and the 95th percentile is 25.
    @Test func whatLeavesAStockWasInIt() throws {
        let poor = Indicator(
            id: "poor", row: "1", nameZh: "p", nameEn: "p", category: "c", kind: .stock, unit: "万人",
            direction: .decrease, targets: [:], headline: nil)
        let lifted = Indicator(
            id: "lifted", parent: "poor", row: "1.1", nameZh: "l", nameEn: "l", category: "c", kind: .flow,
            unit: "万人", targets: [2025: 26, 2024: 10], headline: HeadlineGoal(rule: .final, value: 22))
        let plan = Plan(metadata: PlanSimulatorTests.meta, indicators: [poor, lifted], drivers: [], observations: [])
        let none = History(indicator: "x", points: [])
        let stock = SimulationSeries(
            id: "poor", kind: .stock, transform: .identity, isCount: false, isDriver: false, parent: nil,
            known: [100, 70, 45, 25, 12], sources: Array(repeating: .observed, count: 5), origin: nil, center: [],
            scale: [], evidence: Evidence(history: none), models: [], usesAssumptions: false)
        let flow = SimulationSeries(
            id: "lifted", kind: .flow, transform: .identity, isCount: false, isDriver: false, parent: 0,
            known: [28, 30, 25, 20, nil], sources: [.observed, .observed, .observed, .observed, .simulated],
            origin: 2024, center: [20], scale: [10], evidence: Evidence(history: none), models: ["test"],
            usesAssumptions: false)
        let model = try PlanModel(
            plan: plan, years: Array(2021...2025), series: [stock, flow],
            calibration: PlanSimulatorTests.normalCalibration(horizon: 1), simulated: [1], correlation: .identity(1),
            horizon: 1)
        let r = PlanSimulator.run(model: model, paths: 100_000, seed: 3, threads: 2)
        let m25 = r.targets.first { $0.spec.kind == .milestone && $0.spec.year == 2025 }!
        #expect(m25.pMet == 0, "never more than the 25 who were poor in 2024")
        #expect(abs(m25.p95! - 25) < 0.1, "the histogram's resolution")
        let goal = r.targets.first { $0.spec.kind == .goal }!
        let exact = 1 - StudentT.normalCDF(0.2)
        #expect(abs(goal.pMet! - exact) < 3 * goal.standardError!, "\(goal.pMet!) vs \(exact) (seed 3)")
    }

    /// A child's year with a lower bound of its own keeps it under a forecast parent: the parent
    /// is raised to the child (its evidence is the parent's too), where the child used to be
    /// clamped below its floor (93 under a floor of 111; plan_shapes.py, seed 13). Parent 2025
    /// is 100 + 5·Z, the child's 115 + 5·Z with a floor of 111: on every path
    /// 111 ≤ child ≤ parent.
    @Test func aChildsFloorHoldsUnderAForecastParent() throws {
        let plan = Self.parentAndPart(kind: .flow, unit: "个", goal: 105)
        let none = History(indicator: "x", points: [])
        func series(_ id: String, parent: Int?, center: Double) -> SimulationSeries {
            SimulationSeries(
                id: id, kind: .flow, transform: .identity, isCount: false, isDriver: false, parent: parent,
                known: [90, 95, 100, 105, nil], sources: [.observed, .observed, .observed, .observed, .simulated],
                origin: 2024, center: [center], scale: [5], evidence: Evidence(history: none), models: ["test"],
                usesAssumptions: false)
        }
        var part = series("part", parent: 0, center: 115)
        (part.lower, part.upper) = ([nil, nil, nil, nil, 111], [nil, nil, nil, nil, nil])
        let model = try PlanModel(
            plan: plan, years: Array(2021...2025), series: [series("all", parent: nil, center: 100), part],
            calibration: PlanSimulatorTests.normalCalibration(horizon: 1), simulated: [0, 1], correlation: .identity(2),
            horizon: 1)
        let prepared = PreparedScenario(model: model, levers: [])
        let n = 4096
        var scratch = prepared.scratch(n)
        prepared.simulate(block: 0, paths: n, seed: 13, into: &scratch)
        let child = (0..<n).map { scratch.vals[prepared.at(1, 4, n) + $0] }
        let parent = (0..<n).map { scratch.vals[prepared.at(0, 4, n) + $0] }
        #expect(child.allSatisfy { $0 >= 111 }, "\(child.min()!)")
        #expect(zip(child, parent).allSatisfy { $0 <= $1 })
    }

    /// A lever on a parent alone moves its child, through containment (child ≤ parent): a
    /// scenario that takes from the first scenario the series its levers do not reach must
    /// count the child among those it computes (`PreparedScenario.differing(from:)`), and comes
    /// out exactly as simulated alone.
    @Test func aLeverOnAParentReachesItsChild() throws {
        let plan = Self.parentAndPart(kind: .stock, unit: "家", goal: 90)
        let none = History(indicator: "x", points: [])
        func series(_ id: String, parent: Int?, known: Double, center: Double) -> SimulationSeries {
            SimulationSeries(
                id: id, kind: .stock, transform: .identity, isCount: false, isDriver: false, parent: parent,
                known: [known, known, known, known, nil],
                sources: [.observed, .observed, .observed, .observed, .simulated],
                origin: 2024, center: [center], scale: [10], evidence: Evidence(history: none), models: ["test"],
                usesAssumptions: false)
        }
        let model = try PlanModel(
            plan: plan, years: Array(2021...2025),
            series: [
                series("all", parent: nil, known: 100, center: 100), series("part", parent: 0, known: 95, center: 95),
            ],
            calibration: PlanSimulatorTests.normalCalibration(horizon: 1), simulated: [0, 1], correlation: .identity(2),
            horizon: 1)
        let cut = Lever(name: "cut", series: ["all"], action: .level(year: 2025, percent: .fixed(-20)))
        let sets: [[Lever]] = [[], [cut]]
        let plans = sets.map { PreparedScenario(model: model, levers: $0) }
        #expect(plans[1].differing(from: plans[0]) == nil, "the child is reached through its parent: both differ")
        let together = PlanSimulator.tallies(model: model, leverSets: sets, paths: 4096, seed: 9, threads: 2)
        let alone = PlanSimulator.tally(model: model, levers: [cut], paths: 4096, seed: 9, threads: 2)
        #expect(together[1].blocks == alone.blocks && together[1].bits == alone.bits)
        #expect(together[1].histogram == alone.histogram)
        #expect(together[1].blocks != together[0].blocks, "the cut moves the child too")
    }

    /// A worker's scratch serves block after block, and the last block's fewer paths lay the
    /// cells out afresh over the earlier blocks' values. A stock without any data (every year
    /// unavailable) must read as unknown there too: its flow was clamped to a stale value in
    /// the last block, and the run's mean changed with which worker took that block (found
    /// 2026-12-01 under load; 35.16502 or 35.16501842 for the same seed). The last block of a
    /// whole run, after a full one on the same worker, must equal the same block simulated alone.
    @Test func theLastShortBlockReadsNoStaleValues() throws {
        let lifted = Indicator(
            id: "lifted", parent: "poor", row: "1.1", nameZh: "l", nameEn: "l", category: "c", kind: .flow,
            unit: "万人", targets: [2025: 26], headline: HeadlineGoal(rule: .final, value: 22))
        let poor = Indicator(
            id: "poor", row: "1", nameZh: "p", nameEn: "p", category: "c", kind: .stock, unit: "万人",
            direction: .decrease, targets: [:], headline: nil)
        let plan = Plan(metadata: PlanSimulatorTests.meta, indicators: [lifted, poor], drivers: [], observations: [])
        let none = History(indicator: "x", points: [])
        // The flow first: the stock's cells in the short block lie where the flow's known years were.
        let flow = SimulationSeries(
            id: "lifted", kind: .flow, transform: .identity, isCount: false, isDriver: false, parent: 1,
            known: [28, 30, 25, 20, nil], sources: [.observed, .observed, .observed, .observed, .simulated],
            origin: 2024, center: [20], scale: [10], evidence: Evidence(history: none), models: ["test"],
            usesAssumptions: false)
        let stock = SimulationSeries(
            id: "poor", kind: .stock, transform: .identity, isCount: false, isDriver: false, parent: nil,
            known: [nil, nil, nil, nil, nil], sources: Array(repeating: .unavailable, count: 5), origin: nil,
            center: [], scale: [], evidence: Evidence(history: none), models: [], usesAssumptions: false)
        let model = try PlanModel(
            plan: plan, years: Array(2021...2025), series: [flow, stock],
            calibration: PlanSimulatorTests.normalCalibration(horizon: 1), simulated: [0], correlation: .identity(1),
            horizon: 1)
        let paths = 2048 + 576
        let whole = PlanSimulator.tally(model: model, paths: paths, seed: 5, threads: 1)
        let last = PlanSimulator.tally(model: model, paths: paths, seed: 5, threads: 1, blocks: 1..<2)
        #expect(whole.blocks.count == 2 && last.blocks.count == 1)
        #expect(whole.blocks[1] == last.blocks[0], "the short block after a full one, as alone")
    }

    /// The other way round: what left a stock in 2025 (an observed flow of 15) was in it at the
    /// end of 2024, so a forecast 2024 stock (10 + 10·Z) is raised to at least 15 on every path
    /// (the flow's evidence is also the stock's), to exactly 15 on a share Φ(0.5) = 0.691 of
    /// paths, and left as drawn on the others. The flow is known in the timeline's last year.
    @Test func anObservedOutflowRaisesTheStockItLeft() throws {
        let poor = Indicator(
            id: "poor", row: "1", nameZh: "p", nameEn: "p", category: "c", kind: .stock, unit: "万人",
            direction: .decrease, targets: [:], headline: nil)
        let lifted = Indicator(
            id: "lifted", parent: "poor", row: "1.1", nameZh: "l", nameEn: "l", category: "c", kind: .flow,
            unit: "万人", targets: [:], headline: nil)
        let plan = Plan(metadata: PlanSimulatorTests.meta, indicators: [poor, lifted], drivers: [], observations: [])
        let none = History(indicator: "x", points: [])
        let stock = SimulationSeries(
            id: "poor", kind: .stock, transform: .identity, isCount: false, isDriver: false, parent: nil,
            known: [100, 70, 45, nil, nil], sources: [.observed, .observed, .observed, .simulated, .simulated],
            origin: 2023, center: [10, 5], scale: [10, 10], evidence: Evidence(history: none), models: ["test"],
            usesAssumptions: false)
        let flow = SimulationSeries(
            id: "lifted", kind: .flow, transform: .identity, isCount: false, isDriver: false, parent: 0,
            known: [28, 30, 25, 20, 15], sources: Array(repeating: .observed, count: 5), origin: nil, center: [],
            scale: [], evidence: Evidence(history: none), models: [], usesAssumptions: false)
        let model = try PlanModel(
            plan: plan, years: Array(2021...2025), series: [stock, flow],
            calibration: PlanSimulatorTests.normalCalibration(horizon: 2), simulated: [0], correlation: .identity(1),
            horizon: 2)
        let n = 2000
        let v = EvidenceFlagsTests.paths(model, n, seed: 11)
        let stock2024 = (0..<n).map { v(0, 3, $0) }
        #expect(stock2024.allSatisfy { $0 >= 15 }, "\(stock2024.min()!)")
        let atFloor = Double(stock2024.filter { $0 == 15 }.count) / Double(n)
        let se = (0.691 * 0.309 / Double(n)).squareRoot()
        #expect(abs(atFloor - 0.6915) < 4 * se, "\(atFloor) (seed 11)")
        #expect((0..<n).allSatisfy { v(1, 4, $0) == 15 }, "the observed flow stays as observed")
    }
}
