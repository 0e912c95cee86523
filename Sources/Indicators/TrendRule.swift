/// The rule a planner applies by hand (issue 14's first reference rule): draw the straight line
/// through the last three observed points (two when only two exist) and read the goal off it —
/// p = 1 when the line reaches the goal, 0 when it does not.
///
/// The line is the least-squares fit of value on year; the judged quantity follows the goal's
/// rule: the line's value in the final year (final, growth and change goals), the sum of the
/// plan years (observed where observed, the line elsewhere) for a cumulative goal, and every plan
/// year for an every-year bound.
public enum TrendRule {
    /// 1 or 0, or nil with fewer than two observed points.
    public static func probability(
        history: History, threshold: Double, direction: Direction, rule: HeadlineRule, planYears: ClosedRange<Int>
    ) -> Double? {
        let pts = Array(history.points.suffix(3))
        guard pts.count >= 2, threshold.isFinite else { return nil }
        let xs = pts.map { Double($0.year) }, ys = pts.map(\.value)
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        func line(_ year: Int) -> Double { my + slope * (Double(year) - mx) }
        func value(_ year: Int) -> Double { history.value(in: year) ?? line(year) }
        let met: Bool
        switch rule {
        case .final: met = direction.meets(value(planYears.upperBound), threshold)
        case .cumulative: met = direction.meets(planYears.map(value).reduce(0, +), threshold)
        case .everyYear: met = planYears.allSatisfy { direction.meets(value($0), threshold) }
        }
        return met ? 1 : 0
    }
}
