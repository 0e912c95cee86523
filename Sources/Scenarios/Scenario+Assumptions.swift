import Indicators

extension Scenario {
    /// One warning for each assumed value of a year the plan observes (with data through
    /// `asOf`), in English or Chinese: the observation is used and the assumption ignored. `run`
    /// and `check` both print them; `check` used not to, and a reviewer saw "0 warnings" for a
    /// scenario that assumed a published figure away.
    public func observedAssumptionWarnings(plan: Plan, asOf: Int? = nil, zh: Bool) -> [String] {
        assumptions.sorted { $0.key < $1.key }.flatMap { id, years in
            let observed = plan.history(of: id, asOf: asOf)
            return years.keys.sorted().filter { observed.value(in: $0) != nil }.map { y in
                zh
                    ? "情景“\(name)”假设了 \(id) 在 \(y) 年的值，而该年已有观测：使用观测值"
                    : "scenario '\(name)' assumes \(id) in \(y), which is observed; the observation is used"
            }
        }
    }
}
