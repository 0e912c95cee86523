import Indicators

extension Scenario {
    /// One warning for each assumed value of a year the plan observes (with data through
    /// `asOf`), in English or Chinese: the observation is used and the assumption ignored. `run`
    /// and `check` both print them; `check` used not to, and a reviewer saw "0 warnings" for a
    /// scenario that assumed a published figure away.
    public func observedAssumptionWarnings(plan: Plan, asOf: Int? = nil, zh: Bool) -> [String] {
        assumptions.sorted { $0.key < $1.key }.flatMap { id, years in
            let observed = plan.history(of: id, asOf: asOf)
            return years.keys.sorted().compactMap { y -> String? in
                // The figure and its quality: a year known by a bound (at least 3,300) was
                // called "observed" beside an assumption of 3,100 that it contradicts.
                guard let o = observed.points.first(where: { $0.year == y }) else { return nil }
                let figure = PlanConsistency.format(o.value)
                let assumed = PlanConsistency.format(years[y]!)
                return zh
                    ? "情景“\(name)”假设了 \(id) 在 \(y) 年为 \(assumed)，而该年已有观测（\(figure)，\(o.quality.zh)）：使用观测值"
                    : "scenario '\(name)' assumes \(id) in \(y) (\(assumed)), which is observed (\(figure), \(o.quality.rawValue)); the observation is used"
            }
        }
    }
}
