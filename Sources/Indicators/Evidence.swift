/// How much data stands behind a forecast (DESIGN.md §3.5).
public struct Evidence: Sendable, Equatable {
    public enum Grade: String, Sendable {
        /// No exact observation: no forecast.
        case insufficient = "insufficient_data"
        /// One exact observation, or none and some years known by bounds: growth and spread from the
        /// reference library of real series, starting from that value (or the middle of the bounds).
        case referenceClass = "reference_class"
        /// 2–3 observations, or any that are only bounds, snapshots or spliced.
        case weak
        /// 4–7 observations.
        case moderate
        /// 8 or more.
        case strong
    }

    public let observations: Int
    public let firstYear: Int?
    public let lastYear: Int?
    /// Observations that are not plain actuals (estimates, derived, snapshots, spliced).
    let qualified: Int
    /// Years known only by a bound.
    public let bounds: Int
    /// The first and last year known only by a bound (nil without bounds).
    public let boundYears: ClosedRange<Int>?
    public let grade: Grade

    /// `history`: the exact values; `boundYears`: the further years known only by a bound.
    public init(history: History, boundYears: [Int] = []) {
        observations = history.count
        firstYear = history.firstYear
        lastYear = history.lastYear
        qualified = history.points.filter { $0.quality != .actual }.count
        bounds = boundYears.count
        self.boundYears = boundYears.min().flatMap { lo in boundYears.max().map { lo...$0 } }
        switch history.count {
        case ..<1: grade = bounds > 0 ? .referenceClass : .insufficient
        case 1: grade = .referenceClass
        case 2...3: grade = .weak
        case 4...7: grade = qualified * 2 > history.count ? .weak : .moderate
        default: grade = qualified * 2 > history.count ? .moderate : .strong
        }
    }

    /// Span in years from first to last observation (0 for one point).
    public var span: Int { (lastYear ?? 0) - (firstYear ?? 0) }

    /// A short tag for outputs: `weak:n=3,2019-2024,qualified=1`; with no exact value but bounds,
    /// `reference_class:n=0,bounds=1,bound_years=2024-2024`.
    public var tag: String {
        guard let f = firstYear, let l = lastYear else {
            guard let b = boundYears else { return grade.rawValue + ":n=0" }
            return grade.rawValue + ":n=0,bounds=\(bounds),bound_years=\(b.lowerBound)-\(b.upperBound)"
        }
        return "\(grade.rawValue):n=\(observations),\(f)-\(l)" + (qualified > 0 ? ",qualified=\(qualified)" : "")
            + (bounds > 0 ? ",bounds=\(bounds)" : "")
    }
}
