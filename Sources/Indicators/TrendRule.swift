/// The rule a planner applies by hand (issue 14's first reference rule): draw the straight line
/// through the last three published figures (two when only two exist) and read the goal off it —
/// p = 1 when the line reaches the goal, 0 when it does not.
///
/// The figures are read as a planner reads them, as the Destatis rule does (`ProgressAssessment`):
/// the published ones (`History.published`: not the bounds an identity computed), a bound as its
/// value ("超3300" is 3,300), and a stock's mid-year count stands half a year
/// before its year's end (`ProgressAssessment.time(of:kind:)`). The line is the least-squares fit
/// of value on that time; the judged quantity follows the goal's rule: the line's value at the
/// final year's end (final, growth and change goals), the sum of the plan years (a year-end
/// figure where published, the line elsewhere) for a cumulative goal, and every plan year for an
/// every-year bound.
public enum TrendRule {
    /// 1 or 0, or nil with fewer than two published figures.
    ///
    /// `kind`: the indicator's kind, which places a stock's mid-year count (nil: every figure at
    /// its year's end).
    public static func probability(
        history: History, kind: IndicatorKind? = nil, threshold: Double, direction: Direction, rule: HeadlineRule,
        planYears: ClosedRange<Int>
    ) -> Double? {
        let history = history.published
        let pts = Array(history.points.suffix(3))
        guard pts.count >= 2, threshold.isFinite else { return nil }
        let xs = pts.map { ProgressAssessment.time(of: $0, kind: kind) }, ys = pts.map(\.value)
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        func line(_ year: Int) -> Double { my + slope * (Double(year) - mx) }
        // A year's own figure where it is the year's (not a mid-year count), the line elsewhere.
        func value(_ year: Int) -> Double {
            let own = history.points.first {
                $0.year == year && ProgressAssessment.time(of: $0, kind: kind) == Double(year)
            }
            return own?.value ?? line(year)
        }
        let met: Bool
        switch rule {
        case .final: met = direction.meets(value(planYears.upperBound), threshold)
        case .cumulative: met = direction.meets(planYears.map(value).reduce(0, +), threshold)
        case .everyYear: met = planYears.allSatisfy { direction.meets(value($0), threshold) }
        }
        return met ? 1 : 0
    }
}
