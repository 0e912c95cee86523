import Indicators

extension Scenario {
    /// Assumed values for years the plan observes (with data through `asOf`): the observation
    /// is used and the assumption ignored, so `run` and `check` warn of each. `check` used not
    /// to, and a reviewer saw "0 warnings" for a scenario that assumed a published figure away.
    public func assumptionsOnObservedYears(plan: Plan, asOf: Int? = nil) -> [(indicator: String, year: Int)] {
        assumptions.sorted { $0.key < $1.key }.flatMap { id, years in
            let observed = plan.history(of: id, asOf: asOf)
            return years.keys.sorted().filter { observed.value(in: $0) != nil }.map { (id, $0) }
        }
    }

    /// The warnings for `assumptionsOnObservedYears`, one a year, in English or Chinese.
    public func observedAssumptionWarnings(plan: Plan, asOf: Int? = nil, zh: Bool) -> [String] {
        assumptionsOnObservedYears(plan: plan, asOf: asOf).map { id, y in
            zh
                ? "情景“\(name)”假设了 \(id) 在 \(y) 年的值，而该年已有观测：使用观测值"
                : "scenario '\(name)' assumes \(id) in \(y), which is observed; the observation is used"
        }
    }
}
