import Indicators

/// The `kind`, `direction` and `headline_rule` cells of indicators.csv (and `kind` of
/// drivers.csv) as people write them: the word itself in any case, with spaces or hyphens for
/// underscores ("Every year", "net-change"), or the Chinese word a planning office uses
/// ("存量", "上升", "累计"). Only words with one reading are taken; "总量" (a stock or a level?)
/// and growth or change goals, whose value means something else, stay errors with the valid
/// words. Since 2026-12-01; before, only the words as written in DESIGN.md.
enum PlanWords {
    static let kinds: [String: IndicatorKind] = [
        "存量": .stock, "新增": .flow, "新增量": .flow, "增量": .flow, "流量": .flow, "比重": .share, "占比": .share,
        "比例": .share, "水平": .level, "净增": .netChange, "净增量": .netChange,
    ]
    static let directions: [String: Direction] = [
        "上升": .increase, "增加": .increase, "提高": .increase, "增长": .increase, "越大越好": .increase,
        "下降": .decrease, "减少": .decrease, "降低": .decrease, "越小越好": .decrease,
    ]
    static let rules: [String: HeadlineRule] = [
        "期末": .final, "末年": .final, "期末值": .final, "末年值": .final, "累计": .cumulative, "每年": .everyYear, "逐年": .everyYear,
    ]

    /// Chinese words of a growth or change goal (as the Chinese report prints them: 年均增速,
    /// 较基期变化) are not read, because the goal's value then means a rate; the hint says which
    /// English word to write and what the goal's value must then be.
    static func rateHint(_ text: String, chinese: Bool = false) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if ["年均增速", "年均增长", "年均增长率", "增速", "增长率"].contains(t) {
            return chinese
                ? "请写 growth，目标写每年的百分数（年均 6.5% 写 6.5）"
                : "write growth, with the goal as the percent a year (6.5 for 6.5% a year)"
        }
        if ["较基期变化", "较基期", "变化", "变化率", "降幅", "增幅"].contains(t) {
            return chinese
                ? "请写 change，目标写相对基期的百分数（下降 15% 写 -15）"
                : "write change, with the goal as the percent against the base year (-15 for a 15% cut)"
        }
        return nil
    }

    static func kind(_ text: String) -> IndicatorKind? { word(text, kinds) }
    static func direction(_ text: String) -> Direction? { word(text, directions) }
    static func rule(_ text: String) -> HeadlineRule? { word(text, rules) }
    /// `growth` or `change` (or `level`) in any case; no Chinese words (their value means a rate).
    static func form(_ text: String) -> GoalForm? { word(text, [:]) }

    /// `text` as the raw value itself, its Chinese word, or the raw value in other case or with
    /// spaces or hyphens for underscores.
    static func word<T: RawRepresentable>(_ text: String, _ chinese: [String: T]) -> T? where T.RawValue == String {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let v = T(rawValue: t) ?? chinese[t] { return v }
        return T(rawValue: String(t.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }))
    }
}
