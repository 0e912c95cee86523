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
    }

    /// Per series: the sums (as of the model's `asOf`, within the model's years) that leave two or
    /// more of their years open, which the identity of `Plan.sumIdentities` cannot use. A
    /// cumulative goal Σₜ x(t) over the plan's years is then Σ of the reported sums within them + Σ of the
    /// other years on each path: exact whatever the split of a sum among its years, which stays
    /// unknown (the milestones of those years stay probabilities; `tieSums` moves each path so
    /// that the sum holds). A sum stated as a bound is drawn within its interval on each path
    /// (`tieSums`) and counted through the path's years. Overlapping sums: the longest first,
    /// then the latest. Sums whose years are all known are left out: the years carry them.
    static func knownSums(of model: PlanModel) -> [KnownSums] {
        let first = model.plan.metadata.firstYear, last = model.plan.metadata.lastYear
        return model.series.map { s in
            guard !s.isDriver, s.kind == .flow else { return KnownSums() }
            var out = KnownSums()
            let sums = model.plan.usableSums(of: s.id, asOf: model.asOf).filter { o in o.year <= last }
            let ordered = sums.sorted { a, b in
                let la = a.year - a.since!, lb = b.year - b.since!
                return la != lb ? la > lb : a.year > b.year
            }
            for o in ordered {
                let idx = (o.since!...o.year).compactMap { model.years.firstIndex(of: $0) }
                guard idx.count == o.year - o.since! + 1,
                    out.spans.allSatisfy({ Set($0.years).isDisjoint(with: idx) }),
                    idx.contains(where: { s.sources[$0] != .observed })
                else { continue }
                if let b = o.bounds(kind: .flow) {
                    guard let lo = b.lower, let hi = b.upper, lo <= hi else { continue }
                    out.spans.append((idx, lo, hi))
                } else {
                    // The goal counts a reported sum only within its own years (the plan's).
                    if o.since! >= first {
                        out.covered.formUnion(idx)
                        out.total += o.value
                    }
                    out.spans.append((idx, o.value, o.value))
                }
            }
            return out
        }
    }

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
    /// Only sums whose open years are all forecast from the series' origin take part; a path
    /// whose moved values would leave the flow's range (below 0) keeps its draw. The cumulative
    /// goal counts reported values exactly in any case (`evaluateTargets`).
    func tieSums(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        for (k, known) in sums.enumerated() where !known.spans.isEmpty {
            let ser = model.series[k]
            guard let origin = ser.origin else { continue }
            let horizon = model.years.map { $0 - origin }
            var open = [[Int]](), constant = [Double](), intervals = [(lo: Double, hi: Double)]()
            for span in known.spans {
                let o = span.years.filter { ser.sources[$0] != .observed }
                guard o.allSatisfy({ ser.sources[$0] == .simulated && horizon[$0] >= 1 }) else { continue }
                open.append(o)
                intervals.append((span.lo, span.hi))
                constant.append(
                    span.years.filter { ser.sources[$0] == .observed }.reduce(0) { $0 + (ser.known[$1] ?? 0) })
            }
            let m = open.count
            guard m > 0 else { continue }
            let moved = (0..<yearCount).filter { ser.sources[$0] == .simulated && horizon[$0] >= 1 }
            func cov(_ t: Int, _ j: Int) -> Double { open[j].reduce(0) { $0 + Double(min(horizon[t], horizon[$1])) } }
            // Gains G = K M⁻¹, one row per moved year: M is symmetric, so row t solves M gₜ = Kₜ
            // (Cholesky through LAPACK, `solvePositiveDefinite`).
            let mmat = (0..<m).map { i in (0..<m).map { j in open[i].reduce(0) { $0 + cov($1, j) } } }
            guard let mm = try? Matrix(mmat),
                let gains = try? moved.map({ t throws(LinearAlgebraError) in
                    try mm.solvePositiveDefinite((0..<m).map { cov(t, $0) })
                })
            else { continue }
            let cells = moved.map { at(k, $0, n) }
            let openCells = open.map { $0.map { at(k, $0, n) } }
            // A sum stated as a bound is drawn uniformly within it on each path, as a year known
            // by bounds is (its own stream, the same in every scenario).
            var g = Xoshiro256PlusPlus.stream(seed: seed, named: "sums:" + ser.id, block: b)
            var d = [Double](repeating: 0, count: m)
            for p in 0..<n {
                for j in 0..<m {
                    let (lo, hi) = intervals[j]
                    let value = lo == hi ? lo : lo + (hi - lo) * g.nextUnit()
                    d[j] = value - constant[j] - openCells[j].reduce(0) { $0 + s.vals[$1 + p] }
                }
                // Checked first, written after.
                guard d.allSatisfy(\.isFinite),
                    zip(cells, gains).allSatisfy({ c, g in
                        let v = s.vals[c + p] + (0..<m).reduce(0) { $0 + g[$1] * d[$1] }
                        return v.isFinite && v >= 0
                    })
                else { continue }
                for (c, g) in zip(cells, gains) { s.vals[c + p] += (0..<m).reduce(0) { $0 + g[$1] * d[$1] } }
            }
        }
    }
}
