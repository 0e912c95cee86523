import Indicators

/// Sums over years of a flow that a cumulative goal takes as known (`Observation.since`).
extension PreparedScenario {
    /// The plan years of one series that reported sums cover, and what those years add up to.
    struct KnownSums: Sendable {
        /// Year indices (into `PlanModel.years`) whose values the sums stand for.
        var covered: Set<Int> = []
        /// The sum of the covered years: the reports' values.
        var total = 0.0
    }

    /// Per series: the exact sums (as of the model's `asOf`) within the plan's years that leave
    /// two or more of their years open, which the identity of `Plan.sumIdentities` cannot use.
    /// A cumulative goal Σₜ x(t) over the plan's years is then Σ of the reports + Σ of the other
    /// years on each path: exact whatever the split of a sum among its years, which stays
    /// unknown (the milestones of those years are still simulated year by year). Overlapping
    /// sums: the longest first, then the latest. Bounded sums are left out (a draw within the
    /// bounds would be a reading, not a report); so are sums whose years are all known, which
    /// the years already carry.
    static func knownSums(of model: PlanModel) -> [KnownSums] {
        let first = model.plan.metadata.firstYear, last = model.plan.metadata.lastYear
        return model.series.map { s in
            guard !s.isDriver, s.kind == .flow else { return KnownSums() }
            var out = KnownSums()
            let sums = model.plan.usableSums(of: s.id, asOf: model.asOf).filter { o in
                o.bounds(kind: .flow) == nil && o.since! >= first && o.year <= last
            }
            let ordered = sums.sorted { a, b in
                let la = a.year - a.since!, lb = b.year - b.since!
                return la != lb ? la > lb : a.year > b.year
            }
            for o in ordered {
                let idx = (o.since!...o.year).compactMap { model.years.firstIndex(of: $0) }
                guard idx.count == o.year - o.since! + 1, out.covered.isDisjoint(with: idx),
                    idx.contains(where: { s.sources[$0] != .observed })
                else { continue }
                out.covered.formUnion(idx)
                out.total += o.value
            }
            return out
        }
    }
}
