import Foundation
import Indicators
import Testing

@testable import Simulation

/// `check` and the paths read a chain of stock and net-change reports alike: wherever the
/// chain the paths are drawn by (`BoundChain.feasible`) cannot honour a net change's report,
/// `check` warns of that net change in that year, beside its stocks (`checkNetChanges`) or
/// along the chain (`checkNetChangeChains`, stop 64; silent before).
struct ChainCheckAgreesWithPathsTests {
    @Test func everyNetChangeThePathsCannotHonourIsWarnedOf() throws {
        var g = Xoshiro256PlusPlus(seed: 64)
        func unit() -> Double { g.nextOpenUnit() }
        func pick<T>(_ xs: [T]) -> T { xs[min(Int(unit() * Double(xs.count)), xs.count - 1)] }
        // No estimates: the run reads an estimate as its value (with extra measurement noise in
        // a fit), `check` as ±2% around it.
        let qualities: [Quality?] = [nil, .actual, .lowerBound, .upperBound]
        var (infeasible, missed) = (0, [String]())
        for _ in 0..<400 {
            var stock = [2021: 2000 + (unit() * 500).rounded()]
            var net = [Int: Double]()
            for y in 2022...2024 {
                net[y] = (unit() * 600 - 100).rounded()
                stock[y] = stock[y - 1]! + net[y]!
            }
            var obs = [Observation]()
            func add(_ id: String, _ y: Int, _ value: Double, _ q: Quality) {
                let v = unit() < 0.25 ? (value * (0.9 + unit() * 0.2)).rounded() : value
                obs.append(NetChangeFollowsStockTests.read(id, y, String(Int(v)), q, line: obs.count + 2))
            }
            for y in 2021...2024 {
                if let q = pick(qualities + [.snapshot]) { add("firms", y, stock[y]!, q) }
            }
            for y in 2022...2024 {
                if let q = pick(qualities), net[y]! > 0 || q == .actual { add("net", y, net[y]!, q) }
            }
            let plan = NetChangeFollowsStockTests.plan(netTargets: [:], obs)
            guard let m = try? PlanModel.build(plan: plan) else { continue }
            let prepared = PreparedScenario(model: m, levers: [], drawing: false)
            let (ks, kn) = (m.series.firstIndex { $0.id == "firms" }!, m.series.firstIndex { $0.id == "net" }!)
            let chain = prepared.boundChain
            let tied = chain.feasible(ks).tied
            let warned = PlanConsistency.check(plan).filter { $0.indicator == "net" && $0.severity == .warning }
            for t in 1..<m.years.count
            where chain.known(ks, t) && chain.known(ks, t - 1) && chain.netInterval(ks, t) != nil && !tied[t - 1]
                && m.series[kn].sources[t] != .derived
                && (m.series[ks].sources[t] == .bounded || m.series[ks].sources[t - 1] == .bounded)
            {
                infeasible += 1
                // The same contradiction may be told at the step before: a stock year that an
                // identity and a bound each give differently.
                let years = [m.years[t], m.years[t - 1]]
                let told = warned.contains { w in
                    years.contains { w.message.hasPrefix("\($0):") || w.message.contains(" in \($0) ") }
                }
                if !told {
                    missed.append("\(m.years[t]): \(obs.map { "\($0.indicator) \($0.year) \($0.text) \($0.quality)" })")
                }
            }
        }
        #expect(missed.isEmpty, "\(missed.count) of \(infeasible): \(missed.prefix(3))")
        #expect(infeasible > 20, "only \(infeasible) infeasible steps in 400 trials")
    }
}
