import IO

/// Chinese column headers of indicators.csv and drivers.csv, read as their English columns
/// (DESIGN.md §2 names the English ones), as observations files read 指标,年份,数值
/// (`ObservationsLoader.chineseColumns`). A planning office's own table heads its columns
/// 序号, 指标, 单位, 2025年目标, 指标属性: until 2026-12-05 such a table was refused with "no
/// column named 'indicator'".
///
/// 指标 is the id column, as in observations files (a Chinese name there is refused as an
/// id, with the rule for ids); the Chinese name is 指标名称 or 名称. A milestone column is
/// "YYYY年目标", "YYYY年目标值" or "YYYY年" (`target_YYYY`).
enum PlanColumns {
    static let chinese = [
        "指标": "indicator", "指标代码": "indicator", "代码": "indicator", "上级指标": "parent", "上级": "parent",
        "序号": "row", "指标名称": "name_zh", "名称": "name_zh", "中文名称": "name_zh", "英文名称": "name_en",
        "类别": "category", "分类": "category", "指标类型": "kind", "类型": "kind", "单位": "unit", "方向": "direction",
        "目标规则": "headline_rule", "考核方式": "headline_rule", "总体目标": "headline_goal", "规划目标": "headline_goal",
        "目标值": "headline_goal", "责任部门": "departments", "牵头部门": "departments", "部门": "departments",
        "指标属性": "binding", "属性": "binding", "约束性": "binding",
    ]

    /// `t` with its Chinese headers renamed; two headers for one column are an error at the
    /// second (`CSVTable.renamingColumns`).
    static func renamingChinese(_ t: CSVTable) throws(InputError) -> CSVTable {
        var names = chinese
        for name in t.header {
            if let year = milestoneYear(name) { names[name] = "target_\(year)" }
        }
        return try t.renamingColumns(names)
    }

    /// The year of a Chinese milestone header: "2023年目标", "2023年目标值", "2023年".
    static func milestoneYear(_ name: String) -> Int? {
        var rest = Substring(name)
        for suffix in ["目标值", "目标"] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        guard rest.hasSuffix("年") else { return nil }
        rest = rest.dropLast()
        guard rest.count == 4, rest.allSatisfy(\.isASCII), let y = Int(rest) else { return nil }
        return y
    }
}
