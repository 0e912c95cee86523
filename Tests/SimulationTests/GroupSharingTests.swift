import Indicators
import Testing

@testable import Simulation

/// Which histogram cells a later scenario of a group keeps as a difference from its reference
/// (`GroupSharing`): only those whose pilot range is the reference's at both ends and on the same
/// scale. Mutation round 132 turned the low end's `==` into `!=` with every test passing: the
/// shipped scenarios' pilots never differ at the low end alone, so the whole-run tests
/// (`scenariosSimulatedTogetherEqualEachAlone`) could not tell. Here the pilots are made by hand.
struct GroupSharingTests {
    /// Two scenarios of one stock (exact 2021 and 2022, simulated on), neither with a lever.
    static func plans() throws -> [PreparedScenario] {
        let ind = Indicator(
            id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: .stock, unit: "亿元",
            targets: [2023: 120], headline: HeadlineGoal(rule: .final, value: 150))
        let obs = [
            Observation(indicator: "x", year: 2021, value: 100), Observation(indicator: "x", year: 2022, value: 110),
        ]
        let m = try PlanModel.build(
            plan: Plan(metadata: PlanSimulatorTests.meta, indicators: [ind], drivers: [], observations: obs))
        return [PreparedScenario(model: m, levers: []), PreparedScenario(model: m, levers: [])]
    }

    /// Cells all on [0, 1] and the linear scale, but for those named.
    static func pilot(cells n: Int, lo: [Int: Double] = [:], hi: [Int: Double] = [:], log: Set<Int> = [])
        -> HistogramQuantiles
    {
        HistogramQuantiles(
            bins: 4, lo: (0..<n).map { lo[$0] ?? 0 }, hi: (0..<n).map { hi[$0] ?? 1 },
            logScale: (0..<n).map { log.contains($0) }, counts: [UInt32](repeating: 0, count: n * 6),
            minimum: [Double](repeating: .infinity, count: n), maximum: [Double](repeating: -.infinity, count: n),
            total: [Int](repeating: 0, count: n))!
    }

    @Test func aCellIsSharedOnlyWhereItsPilotRangeIsTheReferences() throws {
        let plans = try Self.plans()
        let series = plans[0].seriesCount * plans[0].yearCount, n = series + plans[0].targets.count
        #expect(series >= 3 && n > series, "\(series) series cells, \(n) in all")
        // Cell 0 differs at its low end only, cell 1 at its high end only, cell 2 in its scale.
        let reference = Self.pilot(cells: n)
        let later = Self.pilot(cells: n, lo: [0: -1], hi: [1: 2], log: [2])
        let sharing = GroupSharing(plans: plans, pilots: [reference, later], groups: [[0, 1]])
        #expect(sharing.reference == [nil, 0])
        #expect(sharing.cells[0].isEmpty)
        #expect(Array(sharing.cells[1].prefix(3)) == [false, false, false], "\(sharing.cells[1])")
        #expect(sharing.cells[1].dropFirst(3).allSatisfy { $0 }, "\(sharing.cells[1])")
        // Scenarios in groups of their own share nothing.
        let apart = GroupSharing(plans: plans, pilots: [reference, later], groups: [[0], [1]])
        #expect(apart.reference == [nil, nil] && apart.cells.allSatisfy(\.isEmpty))
    }
}
