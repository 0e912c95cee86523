/// How far an observed value can be trusted.
public enum Quality: String, Sendable, CaseIterable, Codable {
    /// A reported outcome.
    case actual
    /// The source's own rounded or provisional figure (约, 预计).
    case estimate
    /// The true value is at least this (突破, 超过).
    case lowerBound = "lower_bound"
    /// A count taken during the year, not at year end.
    case snapshot
    /// From a predecessor or differently named series.
    case spliced
    /// Part of a year only: never used for a yearly value.
    case partialYear = "partial_year"
    /// Measures something else: never used.
    case notComparable = "not_comparable"

    /// Whether a value of this quality may stand for the year.
    public var isUsable: Bool { self != .partialYear && self != .notComparable }

    /// Preference order among usable qualities (lower is better).
    public var rank: Int {
        switch self {
        case .actual: return 0
        case .estimate: return 1
        case .lowerBound: return 2
        case .snapshot: return 3
        case .spliced: return 4
        case .partialYear, .notComparable: return 99
        }
    }
}

/// One observed value with its provenance.
public struct Observation: Sendable, Equatable {
    public let indicator: String
    public let year: Int
    public let value: Double
    /// The value as written in the source file (for precision: significant digits).
    public let text: String
    public let quality: Quality
    public let source: String
    public let url: String
    public let location: SourceLocation?
    /// The file's own choice among conflicting reports (`selected` column): true for the row to
    /// use, false for a row kept only for the record, nil when the file does not say.
    public let selected: Bool?

    public init(
        indicator: String, year: Int, value: Double, text: String? = nil, quality: Quality = .actual,
        source: String = "", url: String = "", location: SourceLocation? = nil, selected: Bool? = nil
    ) {
        self.selected = selected
        self.indicator = indicator
        self.year = year
        self.value = value
        self.text = text ?? String(value)
        self.quality = quality
        self.source = source
        self.url = url
        self.location = location
    }

    /// Significant digits as written ("4276.8" → 5, "4250" → 3, "5140.60" → 6).
    var significantDigits: Int {
        let digits = text.filter(\.isNumber)
        let trimmedLeading = digits.drop { $0 == "0" }
        if text.contains(".") { return trimmedLeading.count }
        return trimmedLeading.reversed().drop { $0 == "0" }.count
    }
}

/// The selected observations of one series, in year order.
public struct History: Sendable, Equatable {
    public let indicator: String
    public let points: [Observation]

    /// A history from observations already selected (one per year, in year order).
    public init(indicator: String, points: [Observation]) {
        self.indicator = indicator
        self.points = points
    }

    public var years: [Int] { points.map(\.year) }
    public var values: [Double] { points.map(\.value) }
    public var count: Int { points.count }
    public var firstYear: Int? { points.first?.year }
    public var lastYear: Int? { points.last?.year }
    /// The value observed in `year`, if any.
    public func value(in year: Int) -> Double? { points.first { $0.year == year }?.value }
}
