import Foundation
import Parallel

/// What it would take: the extra growth a year that makes a target as likely as not.
///
/// A scenario's growth lever multiplies a series' simulated value in year T by (1 + g/100)ⁿ,
/// n = T − y₁ + 1 counted from the year it starts, y₁ (`Lever.Action.growth`,
/// `PreparedScenario.multiplySimulated`). Started in the series' first simulated year, it moves
/// every path's X_T by the same factor, so P(X_T·(1 + g/100)ⁿ ≥ G) = P(X_T ≥ G/(1 + g/100)ⁿ),
/// which is ½ when G/(1 + g/100)ⁿ is the median X̃_T:
///
///     g = 100·((G / X̃_T)^(1/n) − 1)
///
/// (the same for a decrease goal, P(X_T·(1 + g/100)ⁿ ≤ G) = ½). Negative g is the slack: how
/// much slower than forecast the series could grow and still meet the target as often as not.
/// It is the answer to the planner's question "how much faster must this grow?", in the units a
/// scenario file's `growth` lever takes, from the year it names (`fromYear`).
///
/// Exact for a level, a share away from its bounds, or a stock without a child that bounds it;
/// approximate where a share is held below 100 or a parent and child constrain each other after
/// the lever. A whole count lands above ½: the mass at its median stays on the target's side
/// (unicorn candidates, a median of 21 firms: 0.54), and a yearly flow of whole units is drawn
/// around its expected count, which is what the lever moves, so for a small flow the answer is
/// more than enough (new R&D institutions, a milestone of one with the expected count moved to
/// about one: P(at least one) ≈ 0.63; 0.65–0.67 measured).
/// `EvenOddsGrowthTests` reruns the bundled plan with each answer as a lever: P within 0.47–0.53
/// for levels and shares, 0.47–0.75 for counts.
public struct EvenOddsGrowth: Sendable, Equatable {
    /// Percent a year, to add to the series' growth from `fromYear` on.
    public let percentPerYear: Double
    /// The series' first simulated year, where the lever starts.
    public let fromYear: Int

    /// The extra growth for a yearly milestone or a final-level goal (its value in the last
    /// year, also as a growth or change goal implies it) whose year is simulated; nil for other
    /// targets (cumulative and every-year goals: `search`; all milestones), years observed,
    /// bounded or derived, a median or goal ≤ 0, or a non-finite answer.
    public static func of(_ outcome: TargetOutcome, model: PlanModel) -> EvenOddsGrowth? {
        let spec = outcome.spec
        guard outcome.status == .simulated, let k = spec.series, let year = spec.year,
            spec.kind == .milestone || (spec.kind == .goal && spec.rule == .final),
            let median = outcome.median, median > 0, spec.threshold > 0, spec.threshold.isFinite,
            let t = model.years.firstIndex(of: year), model.series[k].sources[t] == .simulated,
            let first = model.series[k].sources.firstIndex(of: .simulated)
        else { return nil }
        let n = Double(year - model.years[first] + 1)
        let g = 100 * (pow(spec.threshold / median, 1 / n) - 1)
        guard g.isFinite else { return nil }
        return EvenOddsGrowth(percentPerYear: g, fromYear: model.years[first])
    }
}

extension EvenOddsGrowth {
    /// Every target's answer, in the order of `outcomes` (a run's targets): the closed form
    /// (`of`) for milestones and final-level goals, a search (`search`) for cumulative and
    /// every-year goals.
    public static func all(
        model: PlanModel, levers: [Lever], outcomes: [TargetOutcome], seed: UInt64, paths: Int = 2048,
        threads: Int = 1
    ) -> [EvenOddsGrowth?] {
        let searched = search(
            model: model, levers: levers, outcomes: outcomes, seed: seed, paths: paths, threads: threads)
        return outcomes.enumerated().map { j, o in searched[j] ?? of(o, model: model) }
    }

    /// The same answer for cumulative and every-year goals, and for any goal of a net change
    /// derived from its stock, which no single median gives (a sum over years moved by different
    /// powers of the factor; a count drawn around the expected count the lever moves; a stock's
    /// steps scaled, `PreparedScenario.scaleNetChange`), from the first year a lever on the
    /// series moves (`PlanModel.reach`): found by bisection on u = ln(1 + g/100) within [ln 0.1, ln 10]
    /// (−90% to +900% a year), each step simulating `paths` paths (four blocks) with the lever
    /// added — the lever as a scenario would apply it, so bounds, sums over years, counts and
    /// constraints are all in. Goals are searched together, one lever per series, in passes
    /// that never hold two series tied to one another (`passes`). With common random numbers P(met) moves monotonically with g
    /// (whole counts by steps), and 12 steps leave u within 1.1·10⁻³ (about 0.1% a year, below the
    /// Monte Carlo error: on 2,048 paths P's standard error at ½ is 0.011). Nil where even +900% a year
    /// stays below ½, or −90% stays at or above it; only targets whose P is simulated.
    public static func search(
        model: PlanModel, levers: [Lever], outcomes: [TargetOutcome], seed: UInt64, paths: Int = 2048,
        steps: Int = 12, threads: Int = 1
    ) -> [Int: EvenOddsGrowth] {
        var goals = [Goal]()
        for (j, o) in outcomes.enumerated() {
            let spec = o.spec
            guard o.status == .simulated, spec.kind == .goal, let k = spec.series,
                let first = model.years.indices.first(where: { model.moves(k, t: $0, from: model.years[0]) })
            else { continue }
            // A net change derived from its stock is moved through the stock (`scaleNetChange`),
            // which no median gives either.
            let derived = model.years.indices.contains { model.derivedThroughStock(k, t: $0) }
            guard spec.rule == .cumulative || spec.rule == .everyYear || derived else { continue }
            goals.append(
                Goal(
                    j: j, k: k, id: model.series[k].id, from: model.years[first], increase: spec.direction == .increase)
            )
        }
        // Goals of series tied to one another (a child and its parent, a net change and its
        // stock) are searched in separate passes: their levers would move each other's targets.
        var out = [Int: EvenOddsGrowth]()
        for pass in passes(goals.map(\.k), model: model) {
            out.merge(
                bisect(
                    pass.map { goals[$0] }, model: model, levers: levers, seed: seed, paths: paths, steps: steps,
                    threads: threads)
            ) { a, _ in a }
        }
        return out
    }

    /// Groups of `series` (indices into it) in which no two share a root (the series reached
    /// by following `parent`), in the order given: each group can take one lever per series
    /// without any lever moving another's target.
    static func passes(_ series: [Int], model: PlanModel) -> [[Int]] {
        var passes = [[Int]](), roots = [Set<Int>]()
        for (i, k) in series.enumerated() {
            let r = model.root(k)
            if let p = roots.firstIndex(where: { !$0.contains(r) }) {
                passes[p].append(i)
                roots[p].insert(r)
            } else {
                passes.append([i])
                roots.append([r])
            }
        }
        return passes
    }

    /// A searched goal: its target (`j`), series (`k`, `id`), the lever's first year and direction.
    struct Goal {
        let j: Int, k: Int, id: String, from: Int, increase: Bool
    }

    /// One pass of the search: every goal's lever at once, bisected together.
    private static func bisect(
        _ goals: [Goal], model: PlanModel, levers: [Lever], seed: UInt64,
        paths: Int, steps: Int, threads: Int
    ) -> [Int: EvenOddsGrowth] {
        // Met shares of the goals with the lever at u (one value per goal).
        func met(_ u: [Double]) -> [Double] {
            let added = zip(goals, u).map { goal, u in
                Lever(
                    name: "even-odds:\(goal.id)", series: [goal.id],
                    action: .growth(fromYear: goal.from, percentPerYear: .fixed(100 * (exp(u) - 1))))
            }
            let prepared = PreparedScenario(model: model, levers: levers + added)
            // Four blocks of a quarter of the paths each, on up to `threads` threads: the
            // blocks, not the threads, fix the draws.
            let blocks = 4, size = max(1, paths / blocks)
            let targets = goals.map(\.j)
            let counts = parallelMap(0..<blocks, threads: threads) { b -> [Int] in
                var s = prepared.scratch(size)
                prepared.simulate(block: b, paths: size, seed: seed, into: &s)
                return targets.map { s.metCount[$0] }
            }
            return goals.indices.map { i in Double(counts.reduce(0) { $0 + $1[i] }) / Double(blocks * size) }
        }
        let (low, high) = (log(0.1), log(10.0))
        let atLow = met(goals.map { _ in low }), atHigh = met(goals.map { _ in high })
        // The side of the bracket where P ≥ ½, and whether the goal has a crossing at all.
        var lo = goals.map { _ in low }, hi = goals.map { _ in high }
        let crosses = goals.indices.map { i in
            goals[i].increase ? atHigh[i] >= 0.5 && atLow[i] < 0.5 : atLow[i] >= 0.5 && atHigh[i] < 0.5
        }
        for _ in 0..<steps {
            let mid = goals.indices.map { (lo[$0] + hi[$0]) / 2 }
            let p = met(mid)
            for i in goals.indices {
                // An increase goal is met more often as u grows: keep the least u with P ≥ ½ in
                // hi; a decrease goal less often: keep the greatest such u in lo.
                if (p[i] >= 0.5) == goals[i].increase { hi[i] = mid[i] } else { lo[i] = mid[i] }
            }
        }
        var out = [Int: EvenOddsGrowth]()
        for (i, goal) in goals.enumerated() where crosses[i] {
            let u = goal.increase ? hi[i] : lo[i]
            out[goal.j] = EvenOddsGrowth(percentPerYear: 100 * (exp(u) - 1), fromYear: goal.from)
        }
        return out
    }
}
