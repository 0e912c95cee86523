import IO

/// The files of a plan and of a run, recognised by name or header, so that one given where
/// another is read is named for what it is (`--observations indicators.csv` reported "column
/// 'target_2022' looks like a year"; `forecast --input observations.csv` took bounds as values).
enum KnownTable: CustomStringConvertible {
    case yaml, indicators, drivers, observations, outcomes, attainment, forecasts, seriesInput

    /// What `t` is, or nil for a table none of these.
    static func of(_ t: CSVTable) -> KnownTable? {
        let h = Set(t.header)
        let name = t.file.lowercased()
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return .yaml }
        if h.contains("headline_goal") || h.contains("headline_rule") { return .indicators }
        if h.contains("p_met") { return .attainment }
        if h.contains("scenario") && h.contains("observed") && h.contains("p05") { return .forecasts }
        if h.contains("met") && !h.contains("year") { return .outcomes }
        if h.contains("kind") && h.contains("name_zh") && !h.contains("year") { return .drivers }
        if h.contains("series_id") && h.contains("period") { return .seriesInput }
        // Columns only an observations file has: how each figure is to be read (in English, or
        // under the Chinese names an observations file may use, `ObservationsLoader.chineseColumns`).
        let reading: Set = ["quality", "selected", "lower", "upper", "since", "measure"]
        let english = Set(h.map { ObservationsLoader.chineseColumns[$0] ?? $0 })
        if english.contains("indicator") && english.contains("year") && !english.isDisjoint(with: reading) {
            return .observations
        }
        return nil
    }

    var description: String {
        switch self {
        case .yaml: "a YAML file (a plan or a scenario)"
        case .indicators: "a plan's indicators table"
        case .drivers: "a plan's drivers table"
        case .observations: "a plan's observations table (with how each figure is read)"
        case .outcomes: "a table of outcomes (indicator,met)"
        case .attainment: "a run's attainment table (plancast's output)"
        case .forecasts: "a run's forecasts table (plancast's output)"
        case .seriesInput: "a forecast input (series_id,period,value)"
        }
    }

    /// `description` in Chinese.
    var zh: String {
        switch self {
        case .yaml: "YAML 文件（规划或情景）"
        case .indicators: "规划的指标表（indicators）"
        case .drivers: "规划的驱动因素表（drivers）"
        case .observations: "规划的观测值表（含每个数字的读法）"
        case .outcomes: "结果表（indicator,met）"
        case .attainment: "运行结果的达标表（plancast 的输出 attainment）"
        case .forecasts: "运行结果的预测表（plancast 的输出 forecasts）"
        case .seriesInput: "预测输入（series_id,period,value）"
        }
    }
}
