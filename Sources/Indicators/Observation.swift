import Foundation

/// How far an observed value can be trusted.
public enum Quality: String, Sendable, CaseIterable, Codable {
    /// A reported outcome.
    case actual
    /// The plan's own statement of its base-year value (基期值): what growth and change goals
    /// are measured from.
    case planBase = "plan_base"
    /// The source's own rounded or provisional figure (约, 预计).
    case estimate
    /// The true value is at least this (突破, 超过).
    case lowerBound = "lower_bound"
    /// The true value is at most this (近, 不到).
    case upperBound = "upper_bound"
    /// Filled by an identity (a stock from the next year's stock and net change).
    case derived
    /// The middle of a year's bounds, standing in for it as a forecast's starting point (never
    /// read from a file).
    case boundMiddle = "bound_middle"
    /// A count taken during the year, not at year end.
    case snapshot
    /// From a predecessor or differently named series.
    case spliced
    /// Part of a year only: never used for a yearly value.
    case partialYear = "partial_year"
    /// Measures something else: never used.
    case notComparable = "not_comparable"

    /// The quality in Chinese words, for a Chinese report (the report's legend uses the same:
    /// 实际值, 估计值, 时点值, 拼接口径).
    public var zh: String {
        switch self {
        case .actual: "实际值"
        case .planBase: "规划基数"
        case .estimate: "估计值"
        case .lowerBound: "下限"
        case .upperBound: "上限"
        case .derived: "推算值"
        case .boundMiddle: "范围中点"
        case .snapshot: "时点值"
        case .spliced: "拼接口径"
        case .partialYear: "非全年"
        case .notComparable: "口径不可比"
        }
    }

    /// Whether an observations file may use this quality (`derived` and `bound_middle` are
    /// plancast's own).
    public var isReadable: Bool { self != .derived && self != .boundMiddle }

    /// Whether a value of this quality may stand for the year.
    public var isUsable: Bool { self != .partialYear && self != .notComparable }

    /// Preference order among usable qualities (lower is better).
    public var rank: Int {
        switch self {
        case .actual: return 0
        case .derived: return 1
        case .estimate, .planBase: return 1
        case .lowerBound, .upperBound, .boundMiddle: return 2
        case .snapshot: return 3
        case .spliced: return 4
        case .partialYear, .notComparable: return 99
        }
    }
}

/// What an observation's value measures.
public enum Measure: String, Sendable, CaseIterable {
    /// The year's value.
    case value
    /// The growth over the previous year, in percent: x(t) = x(t − 1)·(1 + g/100).
    case growth
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
    /// Explicit bounds on the true value (`lower`/`upper` columns), overriding the quality's reading.
    public var explicitLower: Double? = nil
    public var explicitUpper: Double? = nil
    /// For a sum over years of a flow ("2022年以来累计新增90个"): the first year of the sum, which
    /// runs through `year`; nil for a value of one year. `Plan` keeps such rows apart (`sums`) and
    /// an identity turns them into the one year they leave open (`Plan.derivedPoints`).
    public var since: Int? = nil
    /// What the value measures: the year's value itself, or its growth over the previous year
    /// in percent ("比上年增长6.1%", the `measure` column). `Plan` keeps growth rows apart
    /// (`growths`) and an identity turns them into bounds on a year the data leave open
    /// (`Plan.growthBounds`).
    public var measure: Measure = .value
    /// The row's `unit` cell as written ("万人（原文380,000 talents）"), nil without one; only
    /// checked against the series' unit (`PlanConsistency.checkUnits`), never used to convert.
    public var unit: String? = nil
    /// Set on the bounds an identity computes (`Plan.identityBound`), never read from a file:
    /// they are no one's published figure.
    public var isIdentityBound = false

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

    /// How far beyond a round figure "突破/超 X" (or below "近 X") the true value is read to lie:
    /// 10% (a report that says 突破3000 of a value above 3,300 would round to 3,300). A stated
    /// assumption: explicit `lower`/`upper` columns override it, and `sensitivity.csv` shows the
    /// headline goals also under the strict reading (the bound is the value).
    public static let roundingReach = 0.10

    /// The bounds this observation puts on the year's true value (DESIGN.md §5 extensions;
    /// Notebooks-data/README.md "How quality flags are read"): a lower bound X gives [X, X + 0.1·|X|],
    /// an upper bound X gives [X − 0.1·|X|, X] (1.1·X and 0.9·X for positive X), and a mid-year snapshot X of a stock gives [X, 1.1·X]
    /// for the year end (the plan's stocks grow), reaching at least one unit for whole counts
    /// (stocks and flows: "超7" is [7, 8]); explicit `lower`/`upper` columns replace either end. Nil for a value that is taken as exact (explicit bounds on it are its rounding
    /// interval, `roundingInterval`).
    public func bounds(kind: IndicatorKind) -> (lower: Double?, upper: Double?)? {
        let raw: (lower: Double?, upper: Double?)
        // A small whole count reaches at least one unit: "超7" is 7–8, not 7–7.7 (which would
        // settle a milestone of 8 as missed).
        let unit = (kind == .stock || kind == .flow) && value == value.rounded() ? 1.0 : 0
        // The reach is 10% of the size: a net change's "≤ −47.99" is [−52.79, −47.99]; taken as
        // 0.9·X it was [−47.99, −47.99], the bound read as exact (plan_shapes.py, seed 43).
        let (far, near) =
            value >= 0
            ? (1 + Self.roundingReach, 1 - Self.roundingReach) : (1 - Self.roundingReach, 1 + Self.roundingReach)
        let above = max(value * far, value + unit)
        let below = min(value * near, value - unit)
        switch quality {
        case .lowerBound: raw = (explicitLower ?? value, explicitUpper ?? above)
        case .upperBound: raw = (explicitLower ?? below, explicitUpper ?? value)
        case .snapshot where kind == .stock || kind == .flow: raw = (explicitLower ?? value, explicitUpper ?? above)
        case .snapshot where explicitLower != nil && explicitUpper != nil: raw = (explicitLower, explicitUpper)
        default:
            // An exact value with explicit bounds keeps its value: the bounds say how it is rounded.
            return nil
        }
        return Self.clamped(raw, kind: kind)
    }

    /// Bounds inside the kind's range: a share's reading of "超95%" stops short of 100.
    static func clamped(_ raw: (lower: Double?, upper: Double?), kind: IndicatorKind) -> (
        lower: Double?, upper: Double?
    ) {
        guard let range = kind.valueRange else { return raw }
        let top = kind == .share ? range.upperBound * (1 - 1e-6) : range.upperBound
        let bottom = kind == .share ? 1e-6 : range.lowerBound
        return (raw.lower.map { min(max($0, bottom), top) }, raw.upper.map { min(max($0, bottom), top) })
    }

    /// Where the true value of an exact value read from a file lies, given how it is written
    /// (rounded values are intervals; Notebooks-data/README.md "How quality flags are read"): the
    /// file's explicit `lower`/`upper` when it gives them, otherwise half a unit of the last
    /// significant digit either side — "50.5" is 50.45–50.55, "2744" is 2,743.5–2,744.5, and a
    /// whole number's trailing zeros are significant up to its second digit (a stated, overridable
    /// assumption): "3300" is 3,250–3,350, "10000" (a report's "1万") 9,500–10,500, "200" 195–205.
    /// An `estimate` (a provisional or rounded figure, 预计/约) stands for at least ±2% around it
    /// (`estimateReach`), or its rounding interval if wider.
    /// Nil for bounds and for values not read from a file (derived, assumed, bounds' middles).
    public func roundingInterval(kind: IndicatorKind) -> (lower: Double, upper: Double)? {
        guard location != nil, bounds(kind: kind) == nil, quality != .derived, quality != .boundMiddle,
            value.isFinite
        else { return nil }
        let half = writtenHalfUnit
        // A provisional figure (预计) may be revised: at least ±2% around it.
        let reach = quality == .estimate ? max(half, Self.estimateReach * abs(value)) : half
        let raw = (lower: explicitLower ?? value - reach, upper: explicitUpper ?? value + reach)
        let c = Self.clamped((raw.lower, raw.upper), kind: kind)
        return (c.lower ?? raw.lower, c.upper ?? raw.upper)
    }

    /// `roundingInterval(kind:)` cut to the whole numbers it holds when the value is a count
    /// (`wholeNumbers(from:to:)`): "271" 家 is 271, not anything in 270.5–271.5, and "3300" is
    /// 3,250–3,350. An interval that holds no whole number (a count written with decimals, which
    /// `check` warns of) is kept as it is. The one interval a year drawn within its written
    /// value is drawn in, whichever rule asks for the draw: a target the value does not settle
    /// (`Indicator.unsettledByRounding`), or a provisional figure a forecast starts from. (The
    /// second took the uncut interval until 2026-12-04, so moving an every-year goal into or out
    /// of an estimate's interval moved that year's draws: `plan_metamorphic.py --seed 23`.)
    public func roundingInterval(kind: IndicatorKind, isCount: Bool) -> (lower: Double, upper: Double)? {
        guard let interval = roundingInterval(kind: kind) else { return nil }
        guard isCount, let whole = wholeNumbers(from: interval.lower, to: interval.upper) else { return interval }
        return (whole.least, whole.most)
    }

    /// Half a unit of the value's last significant digit as written: "50.5" 0.05, "2744" 0.5,
    /// and a whole number's trailing zeros significant up to its second digit ("1万" entered as
    /// 10000 is ±500, not ±5,000); 0 for a value written with an exponent.
    public var writtenHalfUnit: Double {
        let written = text.trimmingCharacters(in: .whitespaces)
        if written.contains("e") || written.contains("E") { return 0 }
        if let dot = written.firstIndex(of: ".") {
            let decimals = written[written.index(after: dot)...].filter(\.isNumber).count
            return 0.5 * pow(10, -Double(decimals))
        }
        let digits = written.filter(\.isNumber).drop { $0 == "0" }.count
        return 0.5 * pow(10, Double(max(0, digits - max(significantDigits, 2))))
    }

    /// How far a provisional figure may lie from the final one, either way: a stated, overridable
    /// assumption (explicit `lower`/`upper`). The bundled data's two pairs of a government work
    /// report's 预计 and the later statistical figure differ by 0.6% and 1.0% (GDP 2020: 4,250
    /// against 4,276.8; 2021: 4,700 against 4,748.06).
    public static let estimateReach = 0.02

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

    /// The points taken as exact values, and the bounds of the others, by year.
    public func split(kind: IndicatorKind) -> (exact: History, bounds: [Int: (lower: Double?, upper: Double?)]) {
        var exact = [Observation]()
        var bounds = [Int: (lower: Double?, upper: Double?)]()
        for p in points {
            if let b = p.bounds(kind: kind) { bounds[p.year] = b } else { exact.append(p) }
        }
        return (History(indicator: indicator, points: exact), bounds)
    }

    /// The figures a planner reads off the published record: every point but the bounds that
    /// an identity computed (`Plan.identityBound`: from growth rates, sums over years, or a stock
    /// and its net change known by bounds), which no one published and whose value is only the
    /// interval's lower end. Exact values the identities give (quality `derived`, high-tech
    /// enterprises 2021 = 2,744 − 436) stay: a planner does that subtraction too.
    public var published: History {
        History(indicator: indicator, points: points.filter { !$0.isIdentityBound })
    }

    public var years: [Int] { points.map(\.year) }
    public var values: [Double] { points.map(\.value) }
    public var count: Int { points.count }
    public var firstYear: Int? { points.first?.year }
    public var lastYear: Int? { points.last?.year }
    /// The value observed in `year`, if any.
    public func value(in year: Int) -> Double? { points.first { $0.year == year }?.value }
}
