import Foundation

/// Where a definition came from, for messages: `file:line`, or `file:line:column` when the
/// message is about one cell (DESIGN.md §6: exit 65 names the file, line and column).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// The 1-based column of the cell this location points at, if it points at one.
    public let column: Int?
    /// The row's cells by their header name (1-based columns), so that a message about one
    /// field of the row can point at its cell (`at(_:)`). Every row of a file shares one
    /// dictionary (copy on write), so this costs a reference per row.
    public let fields: [String: Int]

    public init(file: String, line: Int, column: Int? = nil, fields: [String: Int] = [:]) {
        self.file = file
        self.line = line
        self.column = column
        self.fields = fields
    }

    /// The same row, pointing at the cell of `field` (a header name such as `headline_goal` or
    /// `target_2024`); the row's own column where the file has no such field.
    public func at(_ field: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: fields[field] ?? column, fields: fields)
    }

    public var description: String { column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)" }
}

/// A headline goal with its rule. `value` is as the plan writes it: a level (or a sum, or a
/// yearly bound) for `form == .level`, a percent for growth and change goals (judged on the
/// final value, `rule == .final`).
public struct HeadlineGoal: Sendable, Equatable {
    public let rule: HeadlineRule
    public let value: Double
    public let form: GoalForm
    /// The rule as the indicators table writes it: `final`, `cumulative`, `every_year`,
    /// `growth` or `change`.
    public var ruleText: String { form == .level ? rule.rawValue : form.rawValue }
    /// The same in Chinese words, for tables in Chinese: 末年值, 累计, 每年, 年均增速, 较基期变化.
    public var ruleTextZh: String {
        switch (form, rule) {
        case (.growth, _): "年均增速"
        case (.change, _): "较基期变化"
        case (.level, let rule): rule.zh
        }
    }

    public init(rule: HeadlineRule, value: Double, form: GoalForm = .level) {
        self.rule = rule
        self.value = value
        self.form = form
    }
}

/// Counting units: values are whole numbers and paths stay whole. The Chinese measure words of
/// whole items that plans count in (家 firms, 个 centres, 名/人/位 people, 项 projects, 件 patents,
/// 套 apartments, 户 households, 所 schools, 座/栋/幢 buildings, 台 machines, 支 teams, 篇 papers,
/// 次/人次 events, 辆 vehicles, 条 lines, 张 sheets, 部 works, 处 sites, 场 sessions, 只/头 animals,
/// 株 plants, 艘 ships, 架 aircraft, 枚 pieces, 册/本 volumes, 间 rooms, 宗/起/例 cases, 批
/// batches, 届 sessions, 期 issues, 门 courses, 种 kinds), and their English words for plans
/// written in English (any case). A unit with a magnitude (万人, 亿元) is not a count.
public let countUnits: Set<String> = [
    "名", "个", "家", "人", "项", "件", "套", "户", "所", "座", "栋", "幢", "台", "位", "支", "篇", "次", "人次", "辆",
    "条", "张", "部", "处", "场", "只", "头", "株", "艘", "架", "枚", "册", "本", "间", "宗", "起", "例", "批", "届",
    "期", "门", "种",
    "firms", "companies", "enterprises", "institutions", "people", "persons", "projects", "patents", "items",
    "pieces", "units", "count",
]

/// Whether `unit` (as written in indicators.csv or drivers.csv) counts whole items:
/// `countUnits`, ignoring spaces at the ends and the case of English words.
public func isCountUnit(_ unit: String) -> Bool {
    let u = unit.trimmingCharacters(in: .whitespaces)
    return countUnits.contains(u) || countUnits.contains(u.lowercased())
}

/// One indicator of a plan with its yearly targets.
public struct Indicator: Sendable, Equatable, Identifiable {
    public let id: String
    /// The indicator this one is a "其中" (of which) row of, if any.
    public let parent: String?
    /// The row label in the plan's table ("12", "12.1").
    public let row: String
    public let nameZh: String
    public let nameEn: String
    public let category: String
    public let kind: IndicatorKind
    public let unit: String
    public let direction: Direction
    public let departments: [String]
    /// Yearly targets by year.
    public let targets: [Int: Double]
    public let headline: HeadlineGoal?
    /// Binding (约束性) or expected (预期性), when the plan says.
    public let commitment: Commitment?
    public let location: SourceLocation?

    public init(
        id: String, parent: String? = nil, row: String, nameZh: String, nameEn: String,
        category: String, kind: IndicatorKind, unit: String, direction: Direction = .increase,
        departments: [String] = [], targets: [Int: Double], headline: HeadlineGoal?, commitment: Commitment? = nil,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.parent = parent
        self.row = row
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.category = category
        self.kind = kind
        self.unit = unit
        self.direction = direction
        self.departments = departments
        self.targets = targets
        self.headline = headline
        self.commitment = commitment
        self.location = location
    }

    /// Whether values are counts (whole numbers).
    public var isCount: Bool { isCountUnit(unit) }
}

/// A series that drives indicators (GDP, industrial output) without targets of its own.
public struct Driver: Sendable, Equatable, Identifiable {
    public let id: String
    public let nameZh: String
    public let nameEn: String
    public let kind: IndicatorKind
    public let unit: String
    public init(id: String, nameZh: String, nameEn: String, kind: IndicatorKind, unit: String) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.kind = kind
        self.unit = unit
    }
}
