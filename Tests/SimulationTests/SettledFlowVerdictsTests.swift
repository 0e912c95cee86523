import Foundation
import Indicators
import Testing

@testable import Simulation

/// A seeded property over flows within a stock: the stock, a flow of it and a flow within that
/// flow, with random evidence (exact values, bounds either way, estimates, the stock's mid-year
/// counts, now and then a sum over years; one report in five off by up to 15%) and headline goals
/// (the stock's final value; each flow's sum or every-year floor). Wherever a verdict rests on
/// the evidence alone (status observed or settled) every path agrees: its P is 0 or 1, and a
/// settled milestone's year is on the verdict's side on every path. It kills the mutants that
/// read a flow's upper bound as its floor in a cumulative goal (2 broken verdicts) and that
/// settle an every-year goal on one year's verdict (209), stop 64.
struct SettledFlowVerdictsTests {
    static func plan(targets: [String: [Int: Double]], goals: [String: HeadlineGoal], _ obs: [Observation]) -> Plan {
        func indicator(_ id: String, _ parent: String?, _ row: String, _ kind: IndicatorKind) -> Indicator {
            Indicator(
                id: id, parent: parent, row: row, nameZh: id, nameEn: id, category: "c", kind: kind, unit: "家",
                targets: targets[id] ?? [:], headline: goals[id])
        }
        return Plan(
            metadata: PlanSimulatorTests.meta,
            indicators: [
                indicator("stock", nil, "1", .stock), indicator("flow", "stock", "1.1", .flow),
                indicator("sub", "flow", "1.1.1", .flow),
            ],
            drivers: [], observations: obs)
    }

    @Test func verdictsOnTheEvidenceHoldOnEveryPath() throws {
        var g = Xoshiro256PlusPlus(seed: 300)
        func unit() -> Double { g.nextOpenUnit() }
        func pick<T>(_ xs: [T]) -> T { xs[min(Int(unit() * Double(xs.count)), xs.count - 1)] }
        let qualities: [Quality?] = [nil, nil, .actual, .lowerBound, .upperBound, .estimate]
        var (judged, broken) = (0, [String]())
        for trial in 0..<200 {
            var stock = [2021: 300 + (unit() * 200).rounded()]
            var flow = [Int: Double](), sub = [Int: Double]()
            for y in 2021...2024 {
                flow[y] = (unit() * 80).rounded()
                sub[y] = (flow[y]! * unit()).rounded()
                if y > 2021 { stock[y] = stock[y - 1]! + flow[y]! - (unit() * 20).rounded() }
            }
            var obs = [Observation]()
            func add(_ id: String, _ y: Int, _ value: Double, _ q: Quality) {
                let v = unit() < 0.2 ? (value * (0.85 + unit() * 0.3)).rounded() : value
                obs.append(NetChangeFollowsStockTests.read(id, y, String(Int(v)), q, line: obs.count + 2))
            }
            for y in 2021...2024 {
                if let q = pick(qualities + [.snapshot]) { add("stock", y, stock[y]!, q) }
                if let q = pick(qualities) { add("flow", y, flow[y]!, q) }
                if let q = pick(qualities) { add("sub", y, sub[y]!, q) }
            }
            if unit() < 0.4 {
                // A sum over two or three years, exact or a lower bound, now and then into 2025.
                let a = 2022 + Int(unit() * 2), b = a + 1 + Int(unit() * 2)
                let total = (a...min(b, 2024)).reduce(0) { $0 + flow[$1]! } + (b > 2024 ? 40 : 0)
                var o = NetChangeFollowsStockTests.read(
                    "flow", min(b, 2025), String(Int(total)), unit() < 0.5 ? .actual : .lowerBound, line: obs.count + 2)
                o.since = a
                obs.append(o)
            }
            var targets = [String: [Int: Double]]()
            for y in 2022...2025 {
                targets["flow", default: [:]][y] = ((flow[y] ?? 40) * (0.5 + unit())).rounded()
                targets["sub", default: [:]][y] = ((sub[y] ?? 20) * (0.5 + unit())).rounded()
                targets["stock", default: [:]][y] = ((stock[y] ?? 400) * (0.9 + unit() * 0.2)).rounded()
            }
            func flowGoal(_ sum: Double, _ year: Double) -> HeadlineGoal {
                unit() < 0.5
                    ? HeadlineGoal(rule: .cumulative, value: (sum * (0.5 + unit())).rounded())
                    : HeadlineGoal(rule: .everyYear, value: (year * (0.3 + unit())).rounded())
            }
            let goals = [
                "stock": HeadlineGoal(rule: .final, value: (stock[2024]! * (0.9 + unit() * 0.3)).rounded()),
                "flow": flowGoal(160, 40), "sub": flowGoal(80, 20),
            ]
            guard let m = try? PlanModel.build(plan: Self.plan(targets: targets, goals: goals, obs)) else { continue }
            let n = 400
            let r = PlanSimulator.run(model: m, paths: n, seed: UInt64(trial), threads: 1)
            let v = EvidenceFlagsTests.paths(m, n, seed: UInt64(trial))
            for o in r.targets where o.status == .settled || o.status == .observed {
                judged += 1
                let name = o.spec.series.map { m.series[$0].id } ?? "all goals"
                if let p = o.pMet, p != 0 && p != 1 {
                    broken.append("trial \(trial): \(name) \(o.spec.kind) \(o.status) at P = \(p)")
                }
            }
            broken += SettledMilestones.check(m, r, paths: n, values: v).broken.map { "trial \(trial): \($0)" }
        }
        #expect(broken.isEmpty, "\(broken)")
        #expect(judged > 800, "only \(judged) verdicts on the evidence in 200 trials")
    }

    /// A flow's year known by bounds inside a reported sum it cannot fit: 100 in 2021, 2022
    /// within 100–200 (explicit bounds) and "增长40%" (39.5–40.5%, so 139.5–140.5 on the chain,
    /// `BoundChain.reachable`), and 120 over 2022–2024. The sum leaves 2022 at most 120, and
    /// `tieSums` moves its draws towards its lower bound until the sum holds: 120 on every path,
    /// below the chain's interval. A 2022 milestone of 130 is then not met on every path (P = 0),
    /// and the evidence alone does not settle it: the chain says "met", the sum "not met". (The
    /// sum check of `BoundChain.drawnInterval`, whose mutant this kills: without it the
    /// milestone read `settled` by the chain while its paths said P = 0. The flow has no stock,
    /// so the containment check does not answer first.)
    @Test func aYearASumMovesIsNoVerdictOfItsChain() throws {
        let ind = Indicator(
            id: "flow", row: "1", nameZh: "flow", nameEn: "flow", category: "c", kind: .flow, unit: "家",
            targets: [2022: 130, 2023: 50], headline: HeadlineGoal(rule: .cumulative, value: 300))
        var bounded = NetChangeFollowsStockTests.read("flow", 2022, "150", .lowerBound, line: 3)
        (bounded.explicitLower, bounded.explicitUpper) = (100, 200)
        var rate = NetChangeFollowsStockTests.read("flow", 2022, "40", line: 4)
        rate.measure = .growth
        var sum = NetChangeFollowsStockTests.read("flow", 2024, "120", line: 5)
        sum.since = 2022
        let m = try PlanModel.build(
            plan: Plan(
                metadata: PlanSimulatorTests.meta, indicators: [ind], drivers: [],
                observations: [NetChangeFollowsStockTests.read("flow", 2021, "100", line: 2), bounded, rate, sum]))
        let t = try #require(m.years.firstIndex(of: 2022))
        #expect(m.series[0].sources[t] == .bounded)
        let n = 1000
        let v = EvidenceFlagsTests.paths(m, n, seed: 9)
        #expect((0..<n).allSatisfy { abs(v(0, t, $0) - 120) < 1e-6 }, "2022 on the paths: \(v(0, t, 0))")
        let o = EvidenceFlagsTests.outcome(PlanSimulator.run(model: m, paths: n, seed: 9, threads: 1), .milestone, 2022)
        #expect(o.status == .simulated && o.pMet == 0, "\(o.status) at P = \(String(describing: o.pMet))")
    }
}
