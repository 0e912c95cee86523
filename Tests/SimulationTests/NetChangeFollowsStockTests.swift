import Indicators
import Testing

@testable import Simulation

/// A net change tied to its stock where the stock's years are not all exact: which evidence
/// decides a net change's year, and which net-change years follow a stock year drawn per path.
/// Closed forms throughout; each test kills a mutant of mutation round seed 79 that no earlier
/// test caught (DEVELOPERS.md, stop 63).
struct NetChangeFollowsStockTests {
    static let meta = PlanSimulatorTests.meta

    /// A stock of firms, its net change with `netTargets`, and another stock with its own net
    /// change (no targets).
    static func plan(netTargets: [Int: Double], _ obs: [Observation]) -> Plan {
        let firms = Indicator(
            id: "firms", row: "1", nameZh: "f", nameEn: "f", category: "c", kind: .stock, unit: "家", targets: [:],
            headline: nil)
        let net = Indicator(
            id: "net", parent: "firms", row: "1.1", nameZh: "n", nameEn: "n", category: "c", kind: .netChange,
            unit: "家", targets: netTargets, headline: nil)
        let labs = Indicator(
            id: "labs", row: "2", nameZh: "l", nameEn: "l", category: "c", kind: .stock, unit: "家", targets: [:],
            headline: nil)
        let labNet = Indicator(
            id: "lab_net", parent: "labs", row: "2.1", nameZh: "ln", nameEn: "ln", category: "c", kind: .netChange,
            unit: "家", targets: [:], headline: nil)
        return Plan(metadata: meta, indicators: [firms, net, labs, labNet], drivers: [], observations: obs)
    }

    /// An observation as read from line `line` of a file (rounding and estimate intervals apply
    /// only to values read from a file).
    static func read(_ id: String, _ year: Int, _ text: String, _ q: Quality = .actual, line: Int) -> Observation {
        Observation(
            indicator: id, year: year, value: Double(text)!, text: text, quality: q,
            location: Indicators.SourceLocation(file: "observations.csv", line: line))
    }

    /// Stock exact in 2022 and 2024, 2023 between them; the net change reported only as
    /// "at least 400" (explicit lower 400, read 400–440) in 2023. The stock is known at one end
    /// of the 2023 step only, so the net change's own bound decides its 2023 milestone: 300 is
    /// met and 500 not met, on the evidence alone. (Mutant: the stock's step decided as soon as
    /// one end was known, found no step, and left both as probabilities.)
    @Test func aNetChangesOwnBoundDecidesWhereItsStockIsKnownAtOneEndOnly() throws {
        for (milestone, met) in [(300.0, true), (500.0, false)] {
            var bound = Self.read("net", 2023, "400", .lowerBound, line: 4)
            bound.explicitLower = 400
            let m = try PlanModel.build(
                plan: Self.plan(
                    netTargets: [2023: milestone],
                    [Self.read("firms", 2022, "2744", line: 2), Self.read("firms", 2024, "3600", line: 3), bound]))
            let (ks, kn) = (m.series.firstIndex { $0.id == "firms" }!, m.series.firstIndex { $0.id == "net" }!)
            let t = try #require(m.years.firstIndex(of: 2023))
            #expect(m.series[ks].sources[t] == .interpolated && m.series[ks].sources[t - 1] == .observed)
            #expect(m.series[kn].sources[t] == .bounded)
            let r = PlanSimulator.run(model: m, paths: 2000, seed: 3, threads: 1)
            let o = try #require(r.targets.first { $0.spec.kind == .milestone && $0.spec.series == kn })
            #expect(
                o.status == .settled && o.pMet == (met ? 1 : 0),
                "\(milestone): \(o.status) \(String(describing: o.pMet))")
        }
    }

    /// A report of `id` summed over `since`…`year`, read from line `line`.
    static func sum(_ id: String, _ since: Int, _ year: Int, _ text: String, line: Int) -> Observation {
        var o = read(id, year, text, line: line)
        o.since = since
        return o
    }

    /// A net change's 2022 estimate (189 ± 2%, 185.22–192.78: the whole numbers 186–192, which
    /// straddle its milestone of 189.5) gives its stock's 2022 by identity from an exact 2021
    /// (2,674), so that year is drawn per path. A report of 410 over 2022–2023 gives the stock's
    /// 2023 (3,084) and the 2023 net change (410 − 189 = 221) by identity; that net change follows
    /// the draw: on every path net(2022) + net(2023) = 410 and net(2023) = stock(2023) −
    /// stock(2022), net(2022) is a whole number in 186–192, and each of the seven comes up about
    /// 1/7 of the time (within 4 binomial standard errors). (Mutant: the widened year's own net
    /// change kept 221 on every path beside the moving stock, which broke the sum.) Another
    /// stock's net change given by an identity of exact values in the same years stays observed.
    /// (Mutant: every net change of the plan was made to follow.)
    @Test func netChangesFollowAStockYearDrawnWithinAnEstimate() throws {
        let obs = [
            Self.read("firms", 2021, "2674", line: 2), Self.sum("net", 2022, 2023, "410", line: 3),
            Self.read("net", 2021, "182.19", line: 4), Self.read("net", 2022, "189", .estimate, line: 5),
            Self.read("labs", 2021, "10", line: 6), Self.read("labs", 2022, "12", line: 7),
            Self.read("labs", 2023, "15", line: 8),
        ]
        let m = try PlanModel.build(plan: Self.plan(netTargets: [2022: 189.5], obs))
        let index = { (id: String) in m.series.firstIndex { $0.id == id }! }
        let (ks, kn, kl) = (index("firms"), index("net"), index("lab_net"))
        let (t22, t23) = (m.years.firstIndex(of: 2022)!, m.years.firstIndex(of: 2023)!)
        #expect(m.series[ks].sources[t22] == .bounded && m.series[kn].sources[t23] == .derived)
        #expect(m.series[kl].sources[t22] == .observed && m.series[kl].sources[t23] == .observed)
        let n = 8000
        let v = EvidenceFlagsTests.paths(m, n, seed: 11)
        var counts = [Double: Int]()
        var broken = 0
        for p in 0..<n {
            let (a, b) = (v(kn, t22, p), v(kn, t23, p))
            counts[a, default: 0] += 1
            if abs(a + b - 410) > 1e-6 || abs(b - (v(ks, t23, p) - v(ks, t22, p))) > 1e-6 { broken += 1 }
            if v(kl, t23, p) != 3 { broken += 1 }
        }
        #expect(broken == 0, "\(broken) of \(n) paths (seed 11)")
        #expect(Set(counts.keys) == Set((186...192).map(Double.init)), "\(counts)")
        let se = (1.0 / 7 * 6 / 7 / Double(n)).squareRoot()
        for (value, count) in counts {
            #expect(abs(Double(count) / Double(n) - 1.0 / 7) < 4 * se, "P(\(value)) (seed 11)")
        }
    }
}
