import Indicators
import LinearAlgebra

/// Sums over years of a flow that a cumulative goal takes as known (`Observation.since`).
extension PreparedScenario {
    /// The plan years of one series that reported sums cover, and what those years add up to.
    struct KnownSums: Sendable {
        /// Year indices (into `PlanModel.years`) whose values the sums stand for.
        var covered: Set<Int> = []
        /// The sum of the covered years: the reports' values.
        var total = 0.0
        /// Each sum: its years (indices into `PlanModel.years`) and the interval it states (a
        /// reported value is an interval of width 0; "累计超90" is [90, 99]).
        var spans: [(years: [Int], lo: Double, hi: Double)] = []
        /// How the paths are moved so that the sums hold (`tie(_:of:)`), nil when none can be.
        var tie: Tie? = nil
    }

    /// The path conditioning of one series' sums (`tieSums`), fixed for a scenario: computed
    /// once when it is prepared, applied to every block.
    struct Tie: Sendable {
        /// Per sum: its open years (forecast, backcast or interpolated), the value of its exact
        /// years, and its interval.
        var open: [[Int]], constant: [Double], intervals: [(lo: Double, hi: Double)]
        /// Per sum: its years known by bounds, whose path values count as given (they stay where
        /// their bounds drew them).
        var drawn: [[Int]] = []
        /// The years moved (every forecast year) and their gains, row t of K M⁻¹.
        var moved: [Int], gains: [[Double]]
    }

    /// Per series: the sums (as of the model's `asOf`, within the model's years) that leave two or
    /// more of their years open, which the identity of `Plan.sumIdentities` cannot use. A
    /// cumulative goal Σₜ x(t) over the plan's years is then Σ of the reported sums within them + Σ of the
    /// other years on each path: exact whatever the split of a sum among its years, which stays
    /// unknown (the milestones of those years stay probabilities; `tieSums` moves each path so
    /// that the sum holds). A sum stated as a bound is drawn within its interval on each path
    /// (`tieSums`) and counted through the path's years. Overlapping sums all hold on the paths
    /// (since 2026-12-01; before, only the first); the goal counts one of them, in this order:
    /// exact ones within the plan's years first (those a cumulative goal can count), then the
    /// longest, then the latest.
    /// Sums whose years are all known are left out: the years carry them. (Before 2026-12-01 the
    /// longest came first: "68 over 2021–2025" beside "19 over 2022–2025" took the goal's years,
    /// and the goal read P = 0.03 against 150 where the 19 settles it; sum_fuzz seed 9115.)
    static func knownSums(of model: PlanModel) -> [KnownSums] {
        let first = model.plan.metadata.firstYear, last = model.plan.metadata.lastYear
        return model.series.map { s in
            guard !s.isDriver, s.kind == .flow else { return KnownSums() }
            var out = KnownSums()
            let sums = model.plan.usableSums(of: s.id, asOf: model.asOf).filter { o in o.year <= last }
            func counted(_ o: Observation) -> Bool { o.since! >= first && o.bounds(kind: .flow) == nil }
            let ordered = sums.sorted { a, b in
                let la = a.year - a.since!, lb = b.year - b.since!
                if counted(a) != counted(b) { return counted(a) }
                return la != lb ? la > lb : a.year > b.year
            }
            // Spans the goal counts do not overlap (their values add up); the paths hold every
            // sum whose years are not already implied by the others (`tie`).
            var counted = [Set<Int>]()
            for o in ordered {
                let idx = (o.since!...o.year).compactMap { model.years.firstIndex(of: $0) }
                guard idx.count == o.year - o.since! + 1, idx.contains(where: { s.sources[$0] != .observed })
                else { continue }
                if let b = o.bounds(kind: .flow) {
                    guard let lo = b.lower, let hi = b.upper, lo <= hi else { continue }
                    out.spans.append((idx, lo, hi))
                } else {
                    // The goal counts a reported sum only within its own years (the plan's), and
                    // only one of sums that overlap.
                    if o.since! >= first, counted.allSatisfy({ $0.isDisjoint(with: idx) }) {
                        out.covered.formUnion(idx)
                        out.total += o.value
                        counted.append(Set(idx))
                    }
                    out.spans.append((idx, o.value, o.value))
                }
            }
            out.tie = tie(out.spans, of: s, years: model.years)
            return out
        }
    }

    /// The conditioning of `tieSums` for series `ser`'s sums: their open years, all forecast
    /// from the series' origin, backcast before its first known year or interpolated between
    /// known years (other sums take no part),
    /// and the gains K M⁻¹ of every such year, M solved by Cholesky through LAPACK
    /// (`solvePositiveDefinite`). Nil when no sum qualifies or M is singular.
    static func tie(_ spans: [(years: [Int], lo: Double, hi: Double)], of ser: SimulationSeries, years: [Int]) -> Tie? {
        let horizon = years.map { $0 - (ser.origin ?? Int.max / 2) }
        func forecast(_ t: Int) -> Bool { ser.origin != nil && ser.sources[t] == .simulated && horizon[t] >= 1 }
        // An interpolated year's bridge, as `bridge(block:paths:seed:into:)` takes it.
        func anchors(_ t: Int) -> (a: Int, c: Int)? {
            bridgeAnchors(ser, t, years: years).map { (a: $0.before, c: $0.after) }
        }
        // A backcast year (before the first known one, drawn backwards from it: `backcast`).
        let anchor = ser.sources.firstIndex { $0 != .backcast && $0 != .unavailable }
        func backcast(_ t: Int) -> Bool { ser.sources[t] == .backcast && anchor.map { t < $0 } ?? false }
        func held(_ t: Int) -> Bool {
            forecast(t) || backcast(t) || anchors(t).map { $0.a < years[t] && years[t] < $0.c } ?? false
        }
        // cov(x_t, x_u) up to a common factor: a random walk from the origin for forecast years,
        // the same walk run backwards from the first known year for backcast years, a Brownian
        // bridge between its anchors for interpolated years, none between any two of these.
        func pair(_ t: Int, _ u: Int) -> Double {
            if forecast(t) && forecast(u) { return Double(min(horizon[t], horizon[u])) }
            if backcast(t) && backcast(u), let a = anchor {
                return Double(min(years[a] - years[t], years[a] - years[u]))
            }
            guard let s = anchors(t), let v = anchors(u), s == v else { return 0 }
            let (lo, hi) = (min(years[t], years[u]), max(years[t], years[u]))
            return Double((lo - s.a) * (s.c - hi)) / Double(s.c - s.a)
        }
        var tie = Tie(open: [], constant: [], intervals: [], moved: [], gains: [])
        func cov(_ t: Int, _ j: Int) -> Double { tie.open[j].reduce(0) { $0 + pair(t, $1) } }
        func covariance() -> [[Double]] {
            (0..<tie.open.count).map { i in (0..<tie.open.count).map { j in tie.open[i].reduce(0) { $0 + cov($1, j) } }
            }
        }
        for span in spans {
            let open = span.years.filter { ser.sources[$0] != .observed && ser.sources[$0] != .bounded }
            guard !open.isEmpty, open.allSatisfy(held) else { continue }
            tie.open.append(open)
            // A sum the others already imply (its open years a combination of theirs: "40 over
            // 2022–2023" beside 2022–2024 and 2024 alone) would make M singular: left out, as the
            // others hold it. Its Schur complement in M, relative to its own variance, says so.
            if tie.open.count > 1, !Self.independent(covariance()) {
                tie.open.removeLast()
                continue
            }
            tie.intervals.append((span.lo, span.hi))
            tie.drawn.append(span.years.filter { ser.sources[$0] == .bounded })
            tie.constant.append(
                span.years.filter { ser.sources[$0] == .observed }.reduce(0) { $0 + (ser.known[$1] ?? 0) })
        }
        let m = tie.open.count
        guard m > 0 else { return nil }
        let mmat = covariance()
        tie.moved = years.indices.filter(held)
        // M is symmetric, so row t of K M⁻¹ solves M gₜ = Kₜ.
        guard let mm = try? Matrix(mmat),
            let gains = try? tie.moved.map({ t throws(LinearAlgebraError) in
                try mm.solvePositiveDefinite((0..<m).map { cov(t, $0) })
            })
        else { return nil }
        tie.gains = gains
        return tie
    }

    /// Whether the last sum of covariance matrix `mm` (m ≥ 2) adds a constraint the others do not
    /// imply: its Schur complement M_mm − k M₀⁻¹ kᵀ (M₀ the others' block, k their covariances with
    /// it) is above 10⁻⁶ of M_mm (covariances of whole years: a dependent sum leaves rounding
    /// error, an independent one a sizeable share).
    static func independent(_ mm: [[Double]]) -> Bool {
        let m = mm.count, last = mm[m - 1][m - 1]
        guard last > 0, let m0 = try? Matrix(mm.prefix(m - 1).map { Array($0.prefix(m - 1)) }) else { return false }
        let k = (0..<(m - 1)).map { mm[m - 1][$0] }
        guard let x = try? m0.solvePositiveDefinite(k) else { return false }
        let schur = last - zip(k, x).reduce(0) { $0 + $1.0 * $1.1 }
        return schur > 1e-6 * last
    }

    /// Most passes of proportional fitting after a clamp (`tieSums`).
    static let fittingPasses = 200

    /// The forecast years of each series with sums over open years, moved on every path so that
    /// each sum holds: the conditional mean of a random walk given its sums. With innovations of
    /// equal variance from the forecast origin, cov(x_t, x_u) ∝ min(h_t, h_u) (h the years since
    /// the origin), so for sums S_j over open years O_j, with D_j = S_j − Σ_{u ∈ O_j} x_u on the path
    /// (less the sum's exact years),
    ///
    ///     x_t ← x_t + Σ_j (K M⁻¹)_{tj} D_j,   K_{tj} = Σ_{u ∈ O_j} min(h_t, h_u),
    ///     M_{ij} = Σ_{u ∈ O_i} Σ_{v ∈ O_j} min(h_u, h_v),
    ///
    /// which adds exactly D_i over O_i and moves the years before, between and after with the
    /// information the sums carry about the level (Rasmussen & Williams 2006, eq. A.6; the walk
    /// is on the original scale here, an approximation for a series forecast on the log scale).
    /// S_j is the reported value, or a uniform draw within a bounded sum's interval on each path.
    /// Only sums whose open years are all forecast from the series' origin, backcast before its
    /// first known year (cov ∝ min of the years back, since 2026-12-01) or interpolated between
    /// known years take part (a year known by bounds counts with the value its bounds drew on the
    /// path, as a known year does), overlapping ones too, except one the others imply
    /// (`independent`) (an interpolated year's covariance is the Brownian
    /// bridge's, (s − a)(c − t)/(c − a) for a ≤ s ≤ t ≤ c between its anchors a and c, and
    /// none with forecast years); where the shift takes an open year below 0, the sums' open
    /// years are projected back (negatives to 0, each sum's other years shrunk in proportion, in
    /// turn until all hold: iterative proportional fitting, Deming & Stephan 1940). The cumulative
    /// goal counts reported values exactly in any case (`evaluateTargets`).
    func tieSums(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch, only: [Bool]? = nil) {
        for (k, known) in sums.enumerated() where only?[k] ?? true {
            guard let tie = known.tie else { continue }
            let m = tie.open.count
            let cells = tie.moved.map { at(k, $0, n) }
            let openCells = tie.open.map { $0.map { at(k, $0, n) } }
            let drawnCells = tie.drawn.map { $0.map { at(k, $0, n) } }
            // A sum stated as a bound is drawn uniformly within it on each path, as a year known
            // by bounds is (its own stream, the same in every scenario).
            var g = Xoshiro256PlusPlus.stream(seed: seed, named: "sums:" + model.series[k].id, block: b)
            var d = [Double](repeating: 0, count: m), target = [Double](repeating: 0, count: m)
            var shift = [Double](repeating: 0, count: cells.count)
            var value = [Double](repeating: 0, count: m)
            // The lower ends of each sum's years known by bounds, fixed for the scenario.
            let floors = tie.drawn.map { $0.map { max(0, model.series[k].lower[$0] ?? 0) } }
            for p in 0..<n {
                for j in 0..<m {
                    let (lo, hi) = tie.intervals[j]
                    value[j] = lo == hi ? lo : lo + (hi - lo) * g.nextUnit()
                }
                // The years known by bounds cannot take more than the sum leaves them (the open
                // years of a flow are ≥ 0): where their draws do, they move towards their lower
                // bounds in proportion to their room, so that the sum holds. Before 2026-12-01
                // "超15" and "超4" inside 20 over three years kept draws up to 21.5, and the
                // years added up to 20.3 on average.
                for j in 0..<m where !drawnCells[j].isEmpty {
                    let excess =
                        tie.constant[j] + drawnCells[j].reduce(0) { $0 + s.vals[$1 + p] } - value[j]
                    guard excess > 0 else { continue }
                    var room = 0.0
                    for (c, floor) in zip(drawnCells[j], floors[j]) { room += max(0, s.vals[c + p] - floor) }
                    guard room > 0 else { continue }
                    let f = min(1, excess / room)
                    for (c, floor) in zip(drawnCells[j], floors[j]) {
                        s.vals[c + p] -= f * max(0, s.vals[c + p] - floor)
                    }
                }
                for j in 0..<m {
                    target[j] = value[j] - tie.constant[j] - drawnCells[j].reduce(0) { $0 + s.vals[$1 + p] }
                    d[j] = target[j] - openCells[j].reduce(0) { $0 + s.vals[$1 + p] }
                }
                guard d.allSatisfy(\.isFinite) else { continue }
                var finite = true
                for (i, c) in cells.enumerated() where finite {
                    shift[i] = (0..<m).reduce(0) { $0 + tie.gains[i][$1] * d[$1] }
                    finite = (s.vals[c + p] + shift[i]).isFinite
                }
                guard finite else { continue }
                // A flow is ≥ 0: a year the shift took below 0 is 0, and where that was an open
                // year the sum's other open years shrink in proportion, so the sum still holds.
                // Before 2026-12-01 such a path kept its draw, and a sum that leaves its open
                // years little ("19 over 2022–2025" with 19 in 2025) held on few paths.
                var clamped = false
                for (i, c) in cells.enumerated() {
                    let v = s.vals[c + p] + shift[i]
                    clamped = clamped || v < 0
                    s.vals[c + p] = max(0, v)
                }
                guard clamped else { continue }
                // Each sum's open years scaled to it in turn, until all hold (one pass when the
                // sums are disjoint; iterative proportional fitting when they overlap).
                for _ in 0..<Self.fittingPasses {
                    var moved = false
                    for j in 0..<m {
                        let total = openCells[j].reduce(0.0) { $0 + s.vals[$1 + p] }, want = max(0, target[j])
                        guard abs(total - want) > 1e-9 * max(1, want) else { continue }
                        moved = true
                        for c in openCells[j] {
                            s.vals[c + p] = total > 0 ? s.vals[c + p] * want / total : want / Double(openCells[j].count)
                        }
                    }
                    if !moved { break }
                }
            }
        }
    }
}
