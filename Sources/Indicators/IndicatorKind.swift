/// What an indicator measures, which decides how its targets are read and its natural scale
/// (DESIGN.md §2).
public enum IndicatorKind: String, Sendable, CaseIterable, Codable {
    /// A level at year end that accumulates (有效高新技术企业): met when value ≥ target; log scale.
    case stock
    /// The year's new additions (新增高技能人才): met when the year's amount ≥ target; ≥ 0.
    case flow
    /// A percentage in (0, 100) (研发支出占GDP比重): logit of value/100.
    case share
    /// A non-accumulating amount (科技服务业收入): log scale.
    case level
    /// stock(t) − stock(t−1) of its parent stock (净增高新技术企业), derived path by path.
    case netChange = "net_change"

    /// The kind in Chinese, for tables in Chinese: 存量, 新增量, 比重, 水平, 净增.
    public var zh: String {
        switch self {
        case .stock: "存量"
        case .flow: "新增量"
        case .share: "比重"
        case .level: "水平"
        case .netChange: "净增"
        }
    }

    /// The smallest admissible value (exclusive bounds are checked separately for shares).
    public var lowerBound: Double? {
        switch self {
        case .stock, .flow, .level: return 0
        case .share: return 0
        case .netChange: return nil
        }
    }

    /// The values a forecast of this kind may take (nil: any).
    public var valueRange: ClosedRange<Double>? {
        switch self {
        case .share: return 0...100
        case .stock, .flow, .level: return 0...Double.greatestFiniteMagnitude
        case .netChange: return nil
        }
    }

    /// Whether `value` lies inside the kind's range: shares strictly inside (0, 100),
    /// counts and levels ≥ 0, net changes anything finite.
    public func admits(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch self {
        case .share: return value > 0 && value < 100
        case .stock, .flow, .level: return value >= 0
        case .netChange: return true
        }
    }
}

/// Which way is better.
public enum Direction: String, Sendable, CaseIterable, Codable {
    case increase
    case decrease

    /// Whether `value` meets `target` in this direction.
    public func meets(_ value: Double, _ target: Double) -> Bool {
        self == .increase ? value >= target : value <= target
    }
}

/// How a headline (2025) goal is judged.
public enum HeadlineRule: String, Sendable, CaseIterable, Codable {
    /// The value in the last year of the plan.
    case final
    /// The sum of the yearly flows over the plan period (新增高技能人才 4万人 = 4 × 10,000).
    case cumulative
    /// Each year must meet it (每年新引进科创项目 1000 个).
    case everyYear = "every_year"

    /// The rule in Chinese words, for tables and reports in Chinese: 末年值, 累计, 每年.
    public var zh: String {
        switch self {
        case .final: "末年值"
        case .cumulative: "累计"
        case .everyYear: "每年"
        }
    }
}
