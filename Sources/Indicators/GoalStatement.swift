import Foundation

/// How a plan states a headline goal, as governments write them (issue 14): a level to reach
/// by the final year, an average yearly growth over the period, or a change relative to the
/// base year. Growth and change goals are judged on the final year's value against the level
/// they imply from the base-year value:
/// - growth g% a year: base × (1 + g/100)^(last year − base year) (年均增长 6.5%);
/// - change c%: base × (1 + c/100) (单位GDP能耗下降 15% is c = −15).
public enum GoalForm: String, Sendable, CaseIterable, Codable {
    case level
    case growth
    case change

    /// The final-year level a goal of this form with `value` implies, from the base-year value
    /// `base` over `years` years (nil without a base for growth and change goals).
    public func level(value: Double, base: Double?, years: Int) -> Double? {
        switch self {
        case .level: return value
        case .growth:
            guard let base, base.isFinite else { return nil }
            return base * Foundation.pow(1 + value / 100, Double(years))
        case .change:
            guard let base, base.isFinite else { return nil }
            return base * (1 + value / 100)
        }
    }
}

/// Whether a plan binds itself to a goal (约束性指标, met through policy) or expects it
/// (预期性指标, a forecast the government steers towards).
public enum Commitment: String, Sendable, CaseIterable, Codable {
    case binding
    case expected

    /// Reads `binding`, `expected` or the plan's own words (约束性, 预期性).
    public init?(text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "binding", "约束性", "约束": self = .binding
        case "expected", "预期性", "预期": self = .expected
        default: return nil
        }
    }
}

extension Plan {
    /// The level a headline goal asks of the last year: the goal itself, or the level a growth
    /// or change goal implies from the series' base-year value (nil without one).
    public func goalLevel(_ goal: HeadlineGoal, of id: String) -> Double? {
        goal.form.level(
            value: goal.value, base: history(of: id).value(in: metadata.baseYear),
            years: metadata.lastYear - metadata.baseYear)
    }
}
