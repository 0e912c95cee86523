/// Rounded values are intervals (Notebooks-data/README.md "How quality flags are read").
extension Indicator {
    /// The years whose exact value, as written, does not settle one of that year's targets: the
    /// target lies inside the value's rounding interval (`Observation.roundingInterval`; "50.5"
    /// stands for 50.45–50.55, so a milestone of 50.5 may have been missed). The simulation draws
    /// such a year uniformly within the interval on every path, like a year known by bounds, so
    /// its target is a probability instead of `met`/`not_met`. Targets are the year's milestone
    /// and a headline level judged on that year (the final year's, or every year's within
    /// `planYears`). Years that settle every target stay exact. Until 2026-12-04 an every-year
    /// goal counted for years outside the plan too: a base-year estimate of 265.05 (260–270)
    /// was drawn within its interval because an every-year goal of 265.76 fell inside it,
    /// though that goal judges 2022–2025 only, and the forecast moved with the goal
    /// (`plan_metamorphic.py`, seed 9).
    public func unsettledByRounding(_ exact: History, planYears: ClosedRange<Int>) -> [Int: (
        lower: Double, upper: Double
    )] {
        var out = [Int: (lower: Double, upper: Double)]()
        for p in exact.points {
            // A whole count lies on a whole number (a milestone of 271 read "very likely" at
            // P = 1 against "271" 家 instead of met; 2026-12-04).
            guard let interval = p.roundingInterval(kind: kind, isCount: isCount) else { continue }
            var thresholds = [Double]()
            if let t = targets[p.year] { thresholds.append(t) }
            if let g = headline, g.form == .level, planYears.contains(p.year),
                g.rule == .everyYear || (g.rule == .final && p.year == planYears.upperBound)
            {
                thresholds.append(g.value)
            }
            let unsettled = thresholds.contains { t in
                switch direction {
                case .increase: return interval.lower < t && interval.upper >= t
                case .decrease: return interval.upper > t && interval.lower <= t
                }
            }
            if unsettled { out[p.year] = interval }
        }
        return out
    }
}
