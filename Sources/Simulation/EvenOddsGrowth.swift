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
/// (unicorn candidates, a median of 21 firms: 0.54). A small yearly flow of whole units is drawn
/// around its expected count, which is what the lever moves: its milestones are searched
/// (`search`). `EvenOddsGrowthTests` reruns the bundled plan with each answer as a lever: P
/// within 0.47–0.53 for levels, shares and searched targets, 0.46–0.60 for whole counts; on the
/// five-year fixture, whose every-year and cumulative goals are searched on 2,048 paths, within
/// four of that search's standard errors (±0.044: seeds 1–8 gave 0.4975–0.5339).
public struct EvenOddsGrowth: Sendable, Equatable {
    /// Percent a year, to add to the series' growth from `fromYear` on.
    public let percentPerYear: Double
    /// The series' first simulated year, where the lever starts.
    public let fromYear: Int
    /// Set where a search found no growth within −90%…+900% a year that makes the target as
    /// likely as not (`percentPerYear` is then the end of the range the answer lies beyond):
    /// met as often as not at any pace in the range, or short of ½ even at its far end.
    public var beyond: Beyond? = nil

    public enum Beyond: String, Sendable {
        case anyPace, outOfReach
    }

    /// The extra growth for a yearly milestone or a final-level goal (its value in the last
    /// year, also as a growth or change goal implies it) whose year is simulated; nil for other
    /// targets (cumulative and every-year goals, small counts' and derived net changes'
    /// milestones: `search`; the all-milestones target), years observed,
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
    /// (`of`) for milestones and final-level goals, a search (`search`) for the targets no
    /// single median answers; a searched target without a crossing has none.
    public static func all(
        model: PlanModel, levers: [Lever], outcomes: [TargetOutcome], seed: UInt64, paths: Int = 2048,
        threads: Int = 1
    ) -> [EvenOddsGrowth?] {
        let (answers, searched) = search(
            model: model, levers: levers, outcomes: outcomes, seed: seed, paths: paths, threads: threads)
        return outcomes.enumerated().map { j, o in searched.contains(j) ? answers[j] : of(o, model: model) }
    }

    /// Median of a small yearly flow of whole units below which its milestones are searched:
    /// the count is drawn around the expected count the lever moves (Poisson, standard deviation
    /// √λ, a tenth of λ at 100), so the closed form's answer is more than enough there (new R&D
    /// institutions, a milestone of one with the expected count moved to about one: P(at least
    /// one) ≈ 0.63; 0.65–0.67 measured before they were searched).
    static let smallCount = 100.0

    /// The same answer where no single median gives it, found by bisection on u = ln(1 + g/100)
    /// within [ln 0.1, ln 10] (−90% to +900% a year), each step simulating `paths` paths (four
    /// blocks) with the lever added — the lever as a scenario would apply it, from the first year
    /// it moves the series (`PlanModel.reach`), so bounds, sums over years, counts and
    /// constraints are all in:
    ///
    /// - cumulative and every-year goals (a sum over years moved by different powers of the
    ///   factor);
    /// - any goal of a net change derived from its stock (the lever scales the stock's steps,
    ///   `PreparedScenario.scaleNetChange`);
    /// - milestones of small yearly flows of whole units (median below `smallCount`; since
    ///   2026-12-01: the closed form's answer left them at P 0.65–0.67) and of a derived net
    ///   change, every year at once.
    ///
    /// Targets are searched together, one lever per series, in passes that never hold two
    /// series tied to one another (`passes`). With common random numbers P(met) moves
    /// monotonically with g (whole counts by steps), and 12 steps leave u within 1.1·10⁻³ (about
    /// 0.1% a year, below the Monte Carlo error: on 2,048 paths P's standard error at ½ is
    /// 0.011). Where even +900% a year stays below ½, or −90% stays at or above it, the answer
    /// says which (`beyond`); only targets whose P is simulated. Returns the answers and every
    /// target searched.
    public static func search(
        model: PlanModel, levers: [Lever], outcomes: [TargetOutcome], seed: UInt64, paths: Int = 2048,
        steps: Int = 12, threads: Int = 1
    ) -> (answers: [Int: EvenOddsGrowth], searched: Set<Int>) {
        var goals = [Goal](), milestones = [Goal]()
        for (j, o) in outcomes.enumerated() {
            let spec = o.spec
            guard o.status == .simulated, let k = spec.series,
                let first = model.years.indices.first(where: { model.moves(k, t: $0, from: model.years[0]) })
            else { continue }
            let ser = model.series[k]
            var goal = Goal(j: j, k: k, id: ser.id, from: model.years[first], increase: spec.direction == .increase)
            if spec.kind == .goal {
                let derived = model.years.indices.contains { model.derivedThroughStock(k, t: $0) }
                if spec.rule == .cumulative || spec.rule == .everyYear || derived { goals.append(goal) }
            } else if spec.kind == .milestone, let year = spec.year, let t = model.years.firstIndex(of: year) {
                // A small count's milestone in a forecast year; a derived net change's in a year
                // its lever reaches through the stock (net′(t) = net(t) + (m(t) − 1)·|net(t)|: one year's factor
                // moves that year's milestone alone, as for a count).
                let smallFlow =
                    !ser.isDriver && ser.kind == .flow && ser.isCount && (o.median ?? .infinity) < smallCount
                    && ser.sources[t] == .simulated
                guard smallFlow || model.derivedThroughStock(k, t: t) else { continue }
                goal.year = year
                milestones.append(goal)
            }
        }
        var answers = [Int: EvenOddsGrowth]()
        // Goals: one growth lever per series, u = ln(1 + g/100).
        for pass in passes(goals.map(\.k), model: model) {
            let list = pass.map { goals[$0] }
            let u = bisect(
                list, model: model, levers: levers, seed: seed, paths: paths, steps: steps, threads: threads
            ) { u in
                zip(list, u).map { goal, u in
                    Lever(
                        name: "even-odds:\(goal.id)", series: [goal.id],
                        action: .growth(fromYear: goal.from, percentPerYear: .fixed(100 * (exp(u) - 1))))
                }
            }
            for (goal, u) in zip(list, u) {
                switch u {
                case .at(let u):
                    answers[goal.j] = EvenOddsGrowth(percentPerYear: 100 * (exp(u) - 1), fromYear: goal.from)
                case .beyond(let b):
                    answers[goal.j] = goal.beyond(b)
                }
            }
        }
        // Milestones of small counts, every year at once: a count in one year depends on that
        // year's expected count alone (its own random stream, `drawCounts`), so a factor e^{u_Y}
        // on year Y only — level levers of e^{u_Y − u_{Y'}} in each milestone year Y after the
        // previous one Y', whose product telescopes — moves each year's milestone apart. The
        // growth lever from y₁ that gives the same factor in Y is (1 + g/100)^(Y − y₁ + 1) = e^{u_Y}.
        // (every milestone of a series in the same pass: passes are over series)
        let milestoneSeries = Array(Set(milestones.map(\.k))).sorted()
        for pass in passes(milestoneSeries, model: model) {
            let chosen = Set(pass.map { milestoneSeries[$0] })
            let list = milestones.filter { chosen.contains($0.k) }
            let u = bisect(
                list, model: model, levers: levers, seed: seed, paths: paths, steps: steps, threads: threads
            ) { u in
                var previous = [Int: Double](), out = [Lever]()
                for (goal, u) in zip(list, u).sorted(by: { ($0.0.k, $0.0.year ?? 0) < ($1.0.k, $1.0.year ?? 0) }) {
                    let step = u - (previous[goal.k] ?? 0)
                    previous[goal.k] = u
                    out.append(
                        Lever(
                            name: "even-odds:\(goal.id):\(goal.year ?? 0)", series: [goal.id],
                            action: .level(year: goal.year ?? goal.from, percent: .fixed(100 * (exp(step) - 1)))))
                }
                return out
            }
            for (goal, u) in zip(list, u) {
                guard let year = goal.year else { continue }
                switch u {
                case .at(let u):
                    let g = 100 * (exp(u / Double(year - goal.from + 1)) - 1)
                    answers[goal.j] = EvenOddsGrowth(percentPerYear: g, fromYear: goal.from)
                case .beyond(let b):
                    answers[goal.j] = goal.beyond(b)
                }
            }
        }
        return (answers, Set((goals + milestones).map(\.j)))
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

    /// A searched target: its index (`j`), series (`k`, `id`), the first year a lever moves the
    /// series, its direction, and a milestone's year.
    struct Goal {
        let j: Int, k: Int, id: String, from: Int, increase: Bool
        var year: Int? = nil
        /// Years of growth u stands for (a milestone's factor in its year: Y − y₁ + 1), which
        /// scale the bracket so that it is −90%…+900% a year for every target.
        var span: Double { year.map { Double($0 - from + 1) } ?? 1 }

        /// The answer beyond the range: its end on that side (−90% or +900% a year).
        func beyond(_ b: Beyond) -> EvenOddsGrowth {
            let slow = (b == .anyPace) == increase
            return EvenOddsGrowth(percentPerYear: slow ? -90 : 900, fromYear: from, beyond: b)
        }
    }

    enum Crossing {
        case at(Double)
        case beyond(Beyond)
    }

    /// One pass of the search: every target's unknown u at once, bisected together within
    /// span·[ln 0.1, ln 10] with the levers `leversAt(u)` added; u where P(met) crosses ½ (the least
    /// u with P ≥ ½ for an increase, the greatest for a decrease), or which side of the range
    /// the answer lies beyond.
    private static func bisect(
        _ goals: [Goal], model: PlanModel, levers: [Lever], seed: UInt64, paths: Int, steps: Int, threads: Int,
        leversAt: ([Double]) -> [Lever]
    ) -> [Crossing] {
        // Met shares of the targets with the levers at u (one value per target).
        func met(_ u: [Double]) -> [Double] {
            let prepared = PreparedScenario(model: model, levers: levers + leversAt(u))
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
        var lo = goals.map { log(0.1) * $0.span }, hi = goals.map { log(10.0) * $0.span }
        let atLow = met(lo), atHigh = met(hi)
        // The side of the bracket where P ≥ ½, and whether the target has a crossing at all.
        let crosses = goals.indices.map { i in
            Self.crosses(increase: goals[i].increase, atSlowest: atLow[i], atFastest: atHigh[i])
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
        return goals.indices.map { i in
            if crosses[i] { return .at(goals[i].increase ? hi[i] : lo[i]) }
            // Met as often as not at the slow end for an increase (the fast end for a decrease):
            // at any pace in the range; otherwise out of reach.
            return .beyond((goals[i].increase ? atLow[i] : atHigh[i]) >= 0.5 ? .anyPace : .outOfReach)
        }
    }

    /// Whether P(met) crosses ½ between the slowest and the fastest pace of the bracket: an
    /// increase goal below ½ at the slowest and at least ½ at the fastest, a decrease goal the
    /// other way round. Where it does not, the goal is met as often as not at any pace in the
    /// bracket, or at none.
    static func crosses(increase: Bool, atSlowest: Double, atFastest: Double) -> Bool {
        increase ? atFastest >= 0.5 && atSlowest < 0.5 : atSlowest >= 0.5 && atFastest < 0.5
    }
}
