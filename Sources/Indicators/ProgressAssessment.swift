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

/// Official-practice progress measures, from the observed history only.
public enum ProgressAssessment {
    /// Statistics Canada / Eurostat progress ratio: the observed compound annual growth since the
    /// base year over the growth required to reach the target from the base year by its year
    /// (Eurostat, *Sustainable development in the European Union — monitoring report*,
    /// methodological annex: "actual growth rate / required growth rate"). Uses the base-year
    /// observation, or the latest observation at or before it; nil without one, without a later
    /// observation, when no growth is required, or when the ratio is not a finite number (a base
    /// of 5e-324, a subnormal lower bound, made both growths infinite and wrote "-nan" into
    /// attainment.csv; found by `mutate_pipeline.py` with growth rates, 2026-12-01).
    public static func progressRatio(history: History, baseYear: Int, target: Double, targetYear: Int) -> Double? {
        guard let base = history.points.last(where: { $0.year <= baseYear }),
            let latest = history.points.last, latest.year > base.year, targetYear > base.year,
            base.value > 0, latest.value > 0, target > 0
        else { return nil }
        let actual = pow(latest.value / base.value, 1 / Double(latest.year - base.year)) - 1
        let required = pow(target / base.value, 1 / Double(targetYear - base.year)) - 1
        guard actual.isFinite, required.isFinite, abs(required) > 1e-12 else { return nil }
        let ratio = actual / required
        return ratio.isFinite ? ratio : nil
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
    public static func destatis(history: History, target: Double, targetYear: Int, direction: Direction)
        -> DestatisVerdict?
    {
        let pts = history.points
        guard let latest = pts.last else { return nil }
        if latest.year >= targetYear {
            let value: Double
            if let at = pts.first(where: { $0.year == targetYear }) {
                value = at.value
            } else if let a = pts.last(where: { $0.year < targetYear }),
                let b = pts.first(where: { $0.year > targetYear })
            {
                value = a.value + (b.value - a.value) * Double(targetYear - a.year) / Double(b.year - a.year)
            } else {
                return nil  // the first observation comes after the target year
            }
            return direction.meets(value, target) ? .onTrack : .offTrack
        }
        guard pts.count >= 2 else { return nil }
        // Yearly changes per year of gap, the last five.
        var changes = [Double]()
        for k in stride(from: pts.count - 1, to: 0, by: -1) where changes.count < 5 {
            changes.append((pts[k].value - pts[k - 1].value) / Double(pts[k].year - pts[k - 1].year))
        }
        let slope = changes.reduce(0, +) / Double(changes.count)
        let projected = latest.value + slope * Double(targetYear - latest.year)
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
