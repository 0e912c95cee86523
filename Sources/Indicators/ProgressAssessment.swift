import Foundation

/// The Destatis verdict on a target (the "weather symbols" of the German sustainability
/// indicator report): on track (sun), partly (sun and cloud), off track (cloud), or a trend in
/// the wrong direction (thunderstorm).
public enum DestatisVerdict: String, Sendable, CaseIterable {
    case onTrack = "on_track"
    case partly
    case offTrack = "off_track"
    case wrongDirection = "wrong_direction"
}

/// Official-practice progress measures, from the published figures only (`History.published`:
/// a bound an identity computed from growth rates or sums is no one's figure, and its value is
/// only its interval's lower end).
public enum ProgressAssessment {
    /// Statistics Canada / Eurostat progress ratio: the observed compound annual growth since the
    /// base year over the growth required to reach the target from the base year by its year
    /// (Eurostat, *Sustainable development in the European Union — monitoring report*,
    /// methodological annex: "actual growth rate / required growth rate"). Uses the base-year
    /// observation, or the latest observation at or before it; nil without one, without a later
    /// observation, when no growth is required, or when the ratio is not a finite number (a base
    /// of 5e-324, a subnormal lower bound, made both growths infinite and wrote "-nan" into
    /// attainment.csv; found by `mutate_pipeline.py` with growth rates, 2026-12-01).
    ///
    /// `kind`: a stock's mid-year count stands at its measuring time (`time(of:kind:)`).
    public static func progressRatio(
        history: History, baseYear: Int, target: Double, targetYear: Int, kind: IndicatorKind? = nil
    ) -> Double? {
        let history = history.published
        guard let base = history.points.last(where: { $0.year <= baseYear }),
            let latest = history.points.last, latest.year > base.year, targetYear > base.year,
            base.value > 0, latest.value > 0, target > 0
        else { return nil }
        let (tb, tl) = (time(of: base, kind: kind), time(of: latest, kind: kind))
        let actual = pow(latest.value / base.value, 1 / (tl - tb)) - 1
        let required = pow(target / base.value, 1 / (Double(targetYear) - tb)) - 1
        guard actual.isFinite, required.isFinite, abs(required) > 1e-12 else { return nil }
        let ratio = actual / required
        return ratio.isFinite ? ratio : nil
    }

    /// When a figure was measured, in years (a year's end is the year itself): a stock's mid-year
    /// count (quality `snapshot`, Notebooks-data/README.md) half a year earlier; every other
    /// figure, and a snapshot of another kind (read as the year's value), at its year.
    static func time(of o: Observation, kind: IndicatorKind?) -> Double {
        Double(o.year) - (kind == .stock && o.quality == .snapshot ? 0.5 : 0)
    }

    /// The category of a progress ratio: ≥ 0.95 on track, 0.6–0.95 acceleration needed, 0–0.6
    /// limited progress, < 0 moving away.
    static func progressCategory(_ ratio: Double) -> String {
        switch ratio {
        case 0.95...: return "on_track"
        case 0.6..<0.95: return "acceleration_needed"
        case 0..<0.6: return "limited_progress"
        default: return "moving_away"
        }
    }

    /// The Destatis rule (Federal Statistical Office, *Sustainable Development in Germany —
    /// Indicator Report*, "weather symbols"): the mean of the last five yearly changes (fewer if
    /// fewer exist) extended linearly from the latest value to the target year. Missing the target
    /// by less than 5% of the gap still to close: on track; 5–20%: partly; over 20%: off track;
    /// a trend in the wrong direction: wrong direction. Nil with fewer than 2 observations.
    ///
    /// A target year the data have reached is judged on that year's value, not the latest one
    /// (a 2022 milestone missed in 2022 is off track even when 2024 exceeds it): its observation,
    /// or the straight line between the observations either side of it.
    ///
    /// `kind`: a stock's mid-year count (quality `snapshot`) was measured half a year before its
    /// year's end (`time(of:kind:)`), so a target of that year is projected from it, not judged
    /// on it. Until 2026-12-05 the count was taken as the year-end value: a mid-2024 count below
    /// the 2024 milestone read "off track" whatever the rest of the year would add.
    public static func destatis(
        history: History, target: Double, targetYear: Int, direction: Direction, kind: IndicatorKind? = nil
    ) -> DestatisVerdict? {
        let pts = history.published.points
        guard let latest = pts.last else { return nil }
        let t = pts.map { time(of: $0, kind: kind) }
        let end = Double(targetYear)
        if t[t.count - 1] >= end {
            let value: Double
            if let at = t.firstIndex(of: end) {
                value = pts[at].value
            } else if let a = t.lastIndex(where: { $0 < end }), let b = t.firstIndex(where: { $0 > end }) {
                value = pts[a].value + (pts[b].value - pts[a].value) * (end - t[a]) / (t[b] - t[a])
            } else {
                return nil  // the first observation comes after the target year
            }
            return direction.meets(value, target) ? .onTrack : .offTrack
        }
        guard pts.count >= 2 else { return nil }
        // Yearly changes per year of gap, the last five.
        var changes = [Double]()
        for k in stride(from: pts.count - 1, to: 0, by: -1) where changes.count < 5 {
            changes.append((pts[k].value - pts[k - 1].value) / (t[k] - t[k - 1]))
        }
        let slope = changes.reduce(0, +) / Double(changes.count)
        let projected = latest.value + slope * (end - t[t.count - 1])
        let gap = target - latest.value
        let sign = direction == .increase ? 1.0 : -1.0
        if sign * gap <= 0 { return direction.meets(projected, target) ? .onTrack : .offTrack }
        if sign * slope < 0 { return .wrongDirection }
        let shortfall = sign * (target - projected) / abs(gap)
        switch shortfall {
        case ..<0.05: return .onTrack
        case ..<0.2: return .partly
        default: return .offTrack
        }
    }
}
