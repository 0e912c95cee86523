/// How much data stands behind a forecast (DESIGN.md §3.5).
public struct Evidence: Sendable, Equatable {
    public enum Grade: String, Sendable {
        /// Fewer than 2 usable observations: no data-driven forecast.
        case insufficient = "insufficient_data"
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
    /// Observations that are not plain actuals (estimates, bounds, snapshots, spliced).
    let qualified: Int
    public let grade: Grade

    public init(history: History) {
        observations = history.count
        firstYear = history.firstYear
        lastYear = history.lastYear
        qualified = history.points.filter { $0.quality != .actual }.count
        switch history.count {
        case ..<2: grade = .insufficient
        case 2...3: grade = .weak
        case 4...7: grade = qualified * 2 > history.count ? .weak : .moderate
        default: grade = qualified * 2 > history.count ? .moderate : .strong
        }
    }

    /// Span in years from first to last observation (0 for one point).
    public var span: Int { (lastYear ?? 0) - (firstYear ?? 0) }

    /// A short tag for outputs: `weak:n=3,2019-2024,qualified=1`.
    public var tag: String {
        guard let f = firstYear, let l = lastYear else { return grade.rawValue + ":n=0" }
        return "\(grade.rawValue):n=\(observations),\(f)-\(l)" + (qualified > 0 ? ",qualified=\(qualified)" : "")
    }
}
