import IO
import Indicators

/// Reads observations in either layout people keep them in:
///
/// - **long**: one row per value, columns `indicator,year,value` and optionally `quality`,
///   `source_title`, `source_url`, `quote`, `unit`, `selected`, `note`;
/// - **wide**: one row per indicator, column `indicator` and one column per year (`2021` or
///   `2021年`), cells that mark no value (`isNoValueMark`: blank, a dash) for missing years
///   (until 2026-12-06 only blank, `-` and `—`; `NA` and the like are refused with a hint);
///   other columns (names, units) are ignored.
///
/// Values may carry thousands separators or a `%` sign. Every problem is reported with file,
/// line and column: unknown ids (with the nearest valid id), text in a number column, values
/// outside the kind's range (a share above 100, a negative count), the same indicator and year
/// twice in a file without sources (with sources, the rows are conflicting reports and
/// `ObservationSelection` picks one).
public enum ObservationsLoader {
    public static func load(
        path: String, seriesIDs: [String], kinds: [String: IndicatorKind], names: [String: String] = [:],
        encoding: TextEncoding = .auto
    ) throws(InputError) -> [Observation] {
        try load(
            table: try CSVTable(path: path, encoding: encoding), seriesIDs: seriesIDs, kinds: kinds, names: names)
    }

    /// Observations from a table already read. `names` maps an indicator's or driver's name as
    /// the plan writes it (name_zh, name_en) to its id: a row may name its series either way, as a
    /// table pasted from a statistical bulletin does (since 2026-12-01; before, only ids).
    public static func load(
        table t: CSVTable, seriesIDs: [String], kinds: [String: IndicatorKind], names: [String: String] = [:]
    ) throws(InputError)
        -> [Observation]
    {
        let path = t.file
        if let other = KnownTable.of(t), other != .observations {
            throw InputError(
                file: path, line: 1, "this is \(other), not an observations file",
                hint: "give the observations (indicator,year,value, or indicator,2019,2020,…), e.g. observations.csv",
                zh: "这是\(other.zh)，不是观测值文件",
                hintZh: "请给出观测值文件（indicator,year,value，或 indicator,2019,2020,…），例如 observations.csv")
        }
        // A spreadsheet exported with Chinese headers (指标,年份,数值) is read by their English
        // names; a column the file also has in English keeps the English one.
        let t = try t.renamingColumns(Self.chineseColumns)
        guard t.header.contains("indicator") else {
            throw InputError(
                file: path, line: 1, "no 'indicator' column",
                hint: "long layout: indicator,year,value (or 指标,年份,数值); wide layout: indicator,2019,2020,…",
                zh: "没有“indicator”（指标）列",
                hintZh: "长格式：indicator,year,value（或 指标,年份,数值）；宽格式：indicator,2019,2020,…")
        }
        if t.rows.isEmpty {
            throw InputError(
                file: path, line: 1, "the file has a header but no data rows",
                hint: "add observations below the header",
                zh: "文件只有表头，没有数据行", hintZh: "请在表头下面加上观测值")
        }
        if t.header.contains("value") {
            return try loadLong(t, seriesIDs: seriesIDs, kinds: kinds, names: names)
        }
        let yearColumns = try YearText.columns(of: t)
        if !yearColumns.isEmpty {
            return try loadWide(t, years: yearColumns, seriesIDs: seriesIDs, kinds: kinds, names: names)
        }
        throw InputError(
            file: t.file, line: 1, "neither a 'value' column nor year columns",
            hint: "long layout: indicator,year,value; wide layout: indicator,2019,2020,…",
            zh: "既没有“value”（数值）列，也没有年份列",
            hintZh: "长格式：indicator,year,value（或 指标,年份,数值）；宽格式：indicator,2019,2020,…")
    }

    static func resolveID(
        _ id: String, _ t: CSVTable, line: Int, column: Int, seriesIDs: [String], names: [String: String] = [:]
    ) throws(InputError)
        -> String
    {
        let clean = id.trimmingWhitespace()
        if seriesIDs.contains(clean) { return clean }
        if let named = names[clean] { return named }
        if clean.isEmpty {
            throw InputError(
                file: t.file, line: line, column: column, "missing indicator id",
                hint: "every row needs an indicator id", zh: "缺少指标代码", hintZh: "每一行都需要指标代码")
        }
        let near = nearest(to: clean, among: seriesIDs + names.keys.sorted())
        throw InputError(
            file: t.file, line: line, column: column, "unknown indicator id '\(clean)'",
            hint: near.map { n in
                "did you mean '\(n)'\(names[n].map { " (\($0))" } ?? "")? (plancast indicators lists the ids and names)"
            }
                ?? "plancast indicators lists the valid ids and names",
            zh: "未知的指标代码“\(clean)”",
            hintZh: near.map { n in
                "是否想写“\(n)”\(names[n].map { "（\($0)）" } ?? "")？（plancast indicators 列出全部代码和名称）"
            }
                ?? "plancast indicators 列出全部有效的代码和名称")
    }

    static func checkRange(
        _ v: Double, text: String, id: String, named: String? = nil, kinds: [String: IndicatorKind], _ t: CSVTable,
        line: Int, column: Int
    ) throws(InputError) {
        guard let kind = kinds[id] else { return }
        let named = named ?? id
        if let refusal = MisplacedPercent.message("'\(text)'", text: text, id: named, kind: kind) {
            throw InputError(
                file: t.file, line: line, column: column, refusal,
                hint:
                    "write the value in the indicator's own unit; a growth rate goes in a row of its own with measure 'growth'",
                zh: MisplacedPercent.message("“\(text)”", text: text, id: named, kind: kind, chinese: true),
                hintZh: "请按指标自身的单位写数值；增长率另起一行，measure 写为“growth”"
            )
        }
        guard !kind.admits(v) else { return }
        let what =
            kind == .share
            ? "a share must lie strictly between 0 and 100 (percent)" : "a \(kind.rawValue) cannot be negative"
        let whatZh = kind == .share ? "比重必须严格介于 0 和 100（百分数）之间" : "\(kind.zh)不能为负"
        throw InputError(
            file: t.file, line: line, column: column, "value \(v) for '\(named)' is out of range: \(what)",
            hint: "check the unit and the sign", zh: "“\(named)”的数值 \(v) 超出范围：\(whatZh)",
            hintZh: "请检查单位和正负号")
    }

    static func loadLong(
        _ t: CSVTable, seriesIDs: [String], kinds: [String: IndicatorKind], names: [String: String] = [:]
    ) throws(InputError)
        -> [Observation]
    {
        let ci = try t.columnIndex("indicator"), cy = try t.columnIndex("year"), cv = try t.columnIndex("value")
        let cq = t.header.firstIndex(of: "quality")
        let cs = t.header.firstIndex(of: "source_title"), cu = t.header.firstIndex(of: "source_url")
        let csel = t.header.firstIndex(of: "selected")
        let clo = t.header.firstIndex(of: "lower"), chi = t.header.firstIndex(of: "upper")
        let csince = t.header.firstIndex(of: "since")
        let cmeasure = t.header.firstIndex(of: "measure"), cunit = t.header.firstIndex(of: "unit")
        try checkColumnNames(t)
        // Each row's cells by header name, for findings about one of them (`SourceLocation.at`).
        let fields = t.columnNumbers
        var out = [Observation]()
        var seen = [String: (line: Int, sourced: Bool)]()
        var chosen = [String: Int]()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            let id = try resolveID(row[ci], t, line: line, column: ci + 1, seriesIDs: seriesIDs, names: names)
            // Messages name the series as the row does: its id, or the name a pasted table gives it.
            let named = row[ci].trimmingWhitespace()
            let ytext = row[cy].trimmingWhitespace()
            guard let y = YearText.year(ytext) else {
                throw InputError(
                    file: t.file, line: line, column: cy + 1, "year \(InputError.excerpt(ytext)) is not a year",
                    hint: YearText.hint(for: ytext) ?? "write the year as four digits, e.g. 2023",
                    zh: "年份“\(ytext)”不是一个年份",
                    hintZh: YearText.hint(for: ytext, chinese: true) ?? "请把年份写成四位数字，例如 2023")
            }
            let vtext = row[cv].trimmingWhitespace()
            guard let v = parseNumber(vtext) else {
                let what = vtext.isEmpty ? "missing value" : "'\(vtext)' is not a number"
                throw InputError(
                    file: t.file, line: line, column: cv + 1, "\(what) for '\(named)' in \(y)",
                    hint: ValueWording.hint(for: vtext, layout: .long)
                        ?? "write a number (1,234.5, and 4.5% for a share, are fine); leave out rows without a value",
                    zh: vtext.isEmpty ? "“\(named)”\(y)年缺少数值" : "“\(named)”\(y)年的“\(vtext)”不是数字",
                    hintZh: ValueWording.hint(for: vtext, layout: .long, chinese: true)
                        ?? "请写一个数字（1,234.5 可以，比重写 4.5% 也可以）；没有数值的行请删去")
            }
            var quality = Quality.actual
            if let cq {
                let q = row[cq].trimmingWhitespace()
                if !q.isEmpty {
                    guard let parsed = QualityWords.quality(q), parsed.isReadable else {
                        throw InputError(
                            file: t.file, line: line, column: cq + 1, "unknown quality '\(q)'",
                            hint: (nearest(to: q, among: Quality.allCases.filter(\.isReadable).map(\.rawValue)).map {
                                "did you mean '\($0)'? "
                            } ?? "")
                                + "Valid: \(Quality.allCases.filter(\.isReadable).map(\.rawValue).joined(separator: ", ")) "
                                + "(or 实际, 基期, 预计, 下限, 上限, 年中, 拼接, 部分年度, 不可比)",
                            zh: "未知的数据质量“\(q)”",
                            hintZh: (nearest(to: q, among: Quality.allCases.filter(\.isReadable).map(\.rawValue)).map {
                                "是否想写“\($0)”？"
                            } ?? "")
                                + "可用：实际、基期、预计、下限、上限、年中、拼接、部分年度、不可比"
                                + "（或 \(Quality.allCases.filter(\.isReadable).map(\.rawValue).joined(separator: ", "))）"
                        )
                    }
                    quality = parsed
                }
            }
            let measure =
                try cmeasure.map { c throws(InputError) in
                    try Self.measure(
                        row[c], named: named, kind: kinds[id], quality: quality, t, line: line, column: c + 1)
                } ?? .value
            if measure == .growth {
                try checkGrowth(v, text: vtext, named: named, year: y, t, line: line, column: cv + 1)
            } else if quality.isUsable {
                try checkRange(v, text: vtext, id: id, named: named, kinds: kinds, t, line: line, column: cv + 1)
            }
            let selected = try csel.flatMap { c throws(InputError) in
                try selection(row[c], t, line: line, column: c + 1)
            }
            if measure == .growth, let c = csince {
                let written = row[c].trimmingWhitespace()
                if !written.isEmpty && YearText.year(written) != y {
                    throw InputError(
                        file: t.file, line: line, column: c + 1,
                        "a growth rate since \(InputError.excerpt(written)): only growth over the previous year is read",
                        hint:
                            "leave since blank and give the growth of each year in its own row, or the values themselves",
                        zh: "自“\(written)”以来的增长率：只读取比上年的增长",
                        hintZh: "请让 since 留空，每年的增长率各写一行，或直接给出各年的数值"
                    )
                }
            }
            let since = try csince.flatMap { c throws(InputError) in
                measure == .growth
                    ? nil
                    : try sumStart(
                        row[c], year: y, named: named, kind: kinds[id], quality: quality, t, line: line, column: c + 1)
            }
            let key =
                "\(id)\u{1}\(y)" + (since.map { "\u{1}\($0)" } ?? "") + (measure == .growth ? "\u{1}growth" : "")
            // Conflicting reports of one year are kept only when they say where they come from
            // (a quality or source on each row) or the file chooses among them (`selected`).
            let sourced =
                selected != nil || !(cq.map { row[$0] } ?? "").trimmingWhitespace().isEmpty
                || !(cs.map { row[$0] } ?? "").trimmingWhitespace().isEmpty
            if let first = seen[key], !(first.sourced && sourced) {
                throw InputError(
                    file: t.file, line: line, column: ci + 1,
                    "'\(named)' in \(y) appears twice (first on line \(first.line))",
                    hint:
                        "keep one row per indicator and year, or give each conflicting row its quality and source_title (and mark the one to use in a selected column)",
                    zh: "“\(named)”\(y)年出现了两次（第一次在第 \(first.line) 行）",
                    hintZh: "每个指标每年只保留一行；或给每条相互矛盾的行写明 quality 和 source_title（并在 selected 列标出要用的一行）"
                )
            }
            if selected == true {
                if let other = chosen[key] {
                    throw InputError(
                        file: t.file, line: line, column: csel! + 1,
                        "'\(named)' in \(y) is selected twice (also on line \(other))",
                        hint: "mark one row yes, the others no",
                        zh: "“\(named)”\(y)年被选用了两次（另一次在第 \(other) 行）",
                        hintZh: "只把一行标为 yes，其余标为 no")
                }
                chosen[key] = line
            }
            seen[key] = seen[key] ?? (line, sourced)
            var o = Observation(
                indicator: id, year: y, value: v, text: vtext, quality: quality,
                source: cs.map { row[$0] } ?? "", url: cu.map { row[$0] } ?? "",
                location: SourceLocation(file: t.file, line: line, column: cv + 1, fields: fields), selected: selected)
            o.since = since
            o.measure = measure
            o.unit = cunit.map { row[$0].trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            // Explicit bounds (`lower`, `upper`) override the quality's reading of the value.
            for (column, isLower) in [(clo, true), (chi, false)] {
                guard let c = column else { continue }
                let text = row[c].trimmingWhitespace()
                if isNoValueMark(text) { continue }
                guard let b = parseNumber(text) else {
                    throw InputError(
                        file: t.file, line: line, column: c + 1,
                        "\(isLower ? "lower" : "upper") bound \(InputError.excerpt(text)) is not a number",
                        hint: ValueWording.cellHint(text) ?? "leave it blank, or write the bound as a number",
                        zh: "\(isLower ? "下限" : "上限")“\(text)”不是数字",
                        hintZh: ValueWording.cellHint(text, chinese: true) ?? "请留空，或把界限写成数字")
                }
                if let refusal = MisplacedPercent.message(
                    "\(isLower ? "lower" : "upper") bound '\(text)'", text: text, id: id, kind: kinds[id])
                {
                    throw InputError(
                        file: t.file, line: line, column: c + 1, refusal,
                        hint: "write the bound in the indicator's own unit",
                        zh: MisplacedPercent.message(
                            "\(isLower ? "下限" : "上限")“\(text)”", text: text, id: id, kind: kinds[id], chinese: true),
                        hintZh: "请按指标自身的单位写界限")
                }
                if isLower { o.explicitLower = b } else { o.explicitUpper = b }
            }
            if let lo = o.explicitLower, let hi = o.explicitUpper, lo > hi {
                throw InputError(
                    file: t.file, line: line, column: (chi ?? 0) + 1,
                    "upper bound \(hi) is below the lower bound \(lo)",
                    hint: "swap them", zh: "上限 \(hi) 低于下限 \(lo)", hintZh: "请把两者对调")
            }
            // A count during the year bounds a stock's year end from below (stocks only grow
            // within a year); of a flow it bounds the year's amount from below only, and of a net
            // change, level or share nothing. Such a row needs the bounds it stands for written
            // out: it was read as the year's exact value (3 listings in the first half of 2023
            // made the year's milestone not_met, and the forecast started from 3).
            if quality == .snapshot, let kind = kinds[id], kind != .stock, selected != false,
                kind == .flow ? o.explicitUpper == nil : (o.explicitLower == nil || o.explicitUpper == nil)
            {
                throw InputError(
                    file: t.file, line: line, column: (cq ?? 0) + 1,
                    kind == .flow
                        ? "a snapshot of the flow '\(named)' (a count during \(y)) is at least the year's amount so far, but says nothing of its end"
                        : "a snapshot of the \(kind.rawValue) '\(named)' (a value during \(y)) does not bound the year's value",
                    hint: kind == .flow
                        ? "give the most the year can reach in the upper column (the snapshot is the lower end), or mark the row partial_year to leave it out"
                        : "give the interval it stands for in the lower and upper columns, or mark the row partial_year to leave it out",
                    zh: kind == .flow
                        ? "新增量“\(named)”的时点值（\(y)年内的计数）至少是当年到那时为止的数量，但说明不了全年的结果"
                        : "\(kind.zh)“\(named)”的时点值（\(y)年内的数值）不能界定全年的数值",
                    hintZh: kind == .flow
                        ? "请在 upper 列写出全年最多能达到的数（时点值是下限），或把该行标为 partial_year 而不使用它"
                        : "请在 lower 和 upper 列写出它代表的区间，或把该行标为 partial_year 而不使用它"
                )
            }
            // On a bound the value is the stated end unless the row gives that end: the other
            // end must not cross it ("超3400" with an upper bound of 3300 holds nothing).
            if quality == .lowerBound || quality == .snapshot, o.explicitLower == nil, let hi = o.explicitUpper, hi < v
            {
                throw InputError(
                    file: t.file, line: line, column: (chi ?? 0) + 1,
                    "upper bound \(hi) is below the value \(InputError.excerpt(vtext)), which a \(quality.rawValue) row states as its lower end",
                    hint: "raise the upper bound, or give the lower end in the lower column",
                    zh: "上限 \(hi) 低于数值“\(vtext)”，而 \(quality.rawValue)（\(quality.zh)）行把该数值当作下限",
                    hintZh: "请提高上限，或在 lower 列写出下限")
            }
            if quality == .upperBound, o.explicitUpper == nil, let lo = o.explicitLower, lo > v {
                throw InputError(
                    file: t.file, line: line, column: (clo ?? 0) + 1,
                    "lower bound \(lo) is above the value \(InputError.excerpt(vtext)), which an upper_bound row states as its upper end",
                    hint: "lower the lower bound, or give the upper end in the upper column",
                    zh: "下限 \(lo) 高于数值“\(vtext)”，而 upper_bound（上限）行把该数值当作上限",
                    hintZh: "请降低下限，或在 upper 列写出上限")
            }
            // On an exact value the bounds say how it is rounded: they must hold it.
            if ![.lowerBound, .upperBound, .snapshot].contains(quality) {
                if let lo = o.explicitLower, lo > v {
                    throw InputError(
                        file: t.file, line: line, column: (clo ?? 0) + 1,
                        "lower bound \(lo) is above the value \(InputError.excerpt(vtext)) it rounds",
                        hint: "on an exact value, lower and upper give the interval the rounded value stands for",
                        zh: "下限 \(lo) 高于它所修约的数值“\(vtext)”",
                        hintZh: "对确切值，lower 和 upper 给出的是修约后的数值所代表的区间")
                }
                if let hi = o.explicitUpper, hi < v {
                    throw InputError(
                        file: t.file, line: line, column: (chi ?? 0) + 1,
                        "upper bound \(hi) is below the value \(InputError.excerpt(vtext)) it rounds",
                        hint: "on an exact value, lower and upper give the interval the rounded value stands for",
                        zh: "上限 \(hi) 低于它所修约的数值“\(vtext)”",
                        hintZh: "对确切值，lower 和 upper 给出的是修约后的数值所代表的区间")
                }
            }
            out.append(o)
        }
        return out
    }

    /// The Chinese names of the columns (as a planner's spreadsheet heads them) and the English
    /// name each is read as.
    static let chineseColumns = [
        "指标": "indicator", "指标名称": "indicator", "指标代码": "indicator", "年份": "year", "年度": "year",
        "数值": "value", "值": "value", "质量": "quality", "数据质量": "quality", "下限": "lower", "上限": "upper",
        "起始年份": "since", "单位": "unit", "来源": "source_title", "来源标题": "source_title", "链接": "source_url",
        "网址": "source_url", "原文": "quote", "备注": "note", "说明": "note", "选用": "selected", "口径": "measure",
    ]

    /// Columns that change how a row is read, which a misspelt name would drop without a word
    /// (a `qualty` column: every bound read as an exact value).
    static let meaningfulColumns = ["quality", "selected", "lower", "upper", "since", "measure"]
    /// Columns read for the record only (or by people), and the required ones.
    static let recordColumns = [
        "indicator", "year", "value", "unit", "source_title", "source_url", "quote", "note", "source", "url",
    ]

    /// A column whose name is one or two edits from a column that changes how rows are read
    /// (`sine`, `qualty`, `lowr`) is an error at its header cell: it would be ignored.
    static func checkColumnNames(_ t: CSVTable) throws(InputError) {
        for (j, name) in t.header.enumerated()
        where !meaningfulColumns.contains(name) && !recordColumns.contains(name) {
            guard let near = meaningfulColumns.first(where: { levenshteinDistance(name, $0) <= 2 }),
                !t.header.contains(near)
            else { continue }
            throw InputError(
                file: t.file, line: 1, column: j + 1,
                "column '\(t.writtenHeader[j])' is not read; did you mean '\(near)'?",
                hint:
                    "rename it to \(near), or give a note column a name of its own (columns plancast does not read are ignored)",
                zh: "列“\(t.writtenHeader[j])”不会被读取；是否想写“\(near)”？",
                hintZh: "请改名为 \(near)；如果是备注列，请另取一个名字（plancast 不读的列会被忽略）"
            )
        }
    }

    /// The `since` column: the first year of a sum over years of a flow ("2022年以来累计新增90个"
    /// is `year` 2024, `since` 2022, `value` 90); blank, or the row's own year, for a value of one
    /// year. Only flows add up over years, and a sum is a report of the years' amounts (not a
    /// count during the year, nor a predecessor series).
    static func sumStart(
        _ text: String, year: Int, named: String, kind: IndicatorKind?, quality: Quality, _ t: CSVTable, line: Int,
        column: Int
    ) throws(InputError) -> Int? {
        let written = text.trimmingWhitespace()
        if written.isEmpty { return nil }
        guard let since = YearText.year(written) else {
            throw InputError(
                file: t.file, line: line, column: column, "since \(InputError.excerpt(written)) is not a year",
                hint: "the first year of a sum over years (2022 in 2022年以来累计), or blank for one year's value",
                zh: "since 列的“\(written)”不是一个年份",
                hintZh: "since 是多年累计的第一年（“2022年以来累计”中的 2022）；单独一年的数值请留空")
        }
        if since == year { return nil }
        guard since < year else {
            throw InputError(
                file: t.file, line: line, column: column, "since \(since) is after the row's year \(year)",
                hint: "a sum over years runs from since to year: write the last year of the sum in year",
                zh: "since 列的 \(since) 晚于该行的年份 \(year)",
                hintZh: "多年累计从 since 算到 year：请在 year 列写累计的最后一年")
        }
        guard year - since < 50 else {
            throw InputError(
                file: t.file, line: line, column: column, "a sum over \(year - since + 1) years (\(since)–\(year))",
                hint: "a sum over years runs within the plan's data range; check the year",
                zh: "累计了 \(year - since + 1) 年（\(since)–\(year)）", hintZh: "多年累计应在规划的数据范围之内；请检查年份")
        }
        guard kind == .flow || kind == .netChange else {
            throw InputError(
                file: t.file, line: line, column: column,
                "'\(named)' is a \(kind?.rawValue ?? "series") of its own: only a flow's amounts and a net change's changes add up over years",
                hint: "leave since blank, or give the value of the year itself",
                zh: "“\(named)”是\(kind?.zh ?? "独立的序列")：只有新增量和净增才能跨年累计",
                hintZh: "请让 since 留空，或给出该年本身的数值")
        }
        guard [.actual, .estimate, .lowerBound, .upperBound, .partialYear, .notComparable].contains(quality) else {
            throw InputError(
                file: t.file, line: line, column: column,
                "a sum over years of quality \(quality.rawValue)",
                hint:
                    "a sum is actual, estimate, lower_bound or upper_bound (or partial_year / not_comparable to keep it unused)",
                zh: "数据质量为 \(quality.rawValue)（\(quality.zh)）的多年累计",
                hintZh:
                    "累计值的 quality 应为 actual、estimate、lower_bound 或 upper_bound（或用 partial_year / not_comparable 使其不被使用）"
            )
        }
        return since
    }

    /// Words for a `measure` cell: the year's value (blank, `value`, 数值) or its growth over the
    /// previous year in percent (`growth`, 增长率, 增速, 同比, 比上年增长).
    static let measureWords: [String: Measure] = [
        "": .value, "value": .value, "level": .value, "数值": .value, "值": .value, "绝对值": .value,
        "growth": .growth, "growth_rate": .growth, "growth rate": .growth, "yoy": .growth, "增长率": .growth,
        "增速": .growth, "增幅": .growth, "同比": .growth, "同比增长": .growth, "比上年增长": .growth,
        "增长": .growth,
    ]

    /// The `measure` column: what the row's value measures (`Measure`). A growth rate ties two
    /// years of a quantity that grows by ratios: a stock, a flow or a level. A share's change is
    /// in percentage points and a net change may change sign; a growth rate of either is refused.
    /// A growth row is a report of the year's growth (actual, estimate, lower_bound or
    /// upper_bound; partial_year or not_comparable keeps it unused), never a mid-year count.
    static func measure(
        _ text: String, named: String, kind: IndicatorKind?, quality: Quality, _ t: CSVTable, line: Int, column: Int
    ) throws(InputError) -> Measure {
        let written = text.trimmingWhitespace()
        guard let measure = measureWords[written.lowercased()] else {
            throw InputError(
                file: t.file, line: line, column: column, "unknown measure \(InputError.excerpt(written))",
                hint:
                    "leave it blank (or value) for the year's value; growth (or 增长率, 同比) for its growth over the previous year in percent",
                zh: "未知的口径（measure）“\(written)”",
                hintZh: "当年数值请留空（或写 value）；比上年增长的百分数请写 growth（或 增长率、同比）"
            )
        }
        guard measure == .growth else { return measure }
        guard let kind, Plan.readsGrowth(kind) else {
            let what =
                kind == .share
                ? "a share's change is in percentage points, not a growth rate"
                : "a \(kind?.rawValue ?? "series")'s growth rate is not read"
            let whatZh = kind == .share ? "比重的变化以百分点计，不是增长率" : "不读取\(kind?.zh ?? "该序列")的增长率"
            throw InputError(
                file: t.file, line: line, column: column, "growth rate of '\(named)': \(what)",
                hint: "give the year's value instead (growth rates are read for stocks, flows and levels)",
                zh: "“\(named)”的增长率：\(whatZh)", hintZh: "请改为给出当年的数值（只读取存量、新增量和水平值的增长率）")
        }
        guard [.actual, .estimate, .lowerBound, .upperBound, .partialYear, .notComparable].contains(quality) else {
            throw InputError(
                file: t.file, line: line, column: column, "a growth rate of quality \(quality.rawValue)",
                hint:
                    "a growth rate is actual, estimate, lower_bound or upper_bound (or partial_year / not_comparable to keep it unused, as for a growth of the first half-year)",
                zh: "数据质量为 \(quality.rawValue)（\(quality.zh)）的增长率",
                hintZh:
                    "增长率的 quality 应为 actual、estimate、lower_bound 或 upper_bound（或用 partial_year / not_comparable 使其不被使用，例如上半年的增长率）"
            )
        }
        return measure
    }

    /// A growth rate in percent leaves a positive value: above −100%, and finite.
    static func checkGrowth(_ v: Double, text: String, named: String, year: Int, _ t: CSVTable, line: Int, column: Int)
        throws(InputError)
    {
        guard v.isFinite, v > -100, v < 1e6 else {
            throw InputError(
                file: t.file, line: line, column: column,
                "growth rate \(InputError.excerpt(text)) of '\(named)' in \(year) is out of range",
                hint:
                    "a growth rate is in percent, above −100 (write 6.1 for 增长6.1%, -3.2 for 下降3.2%)",
                zh: "“\(named)”\(year)年的增长率“\(text)”超出范围",
                hintZh: "增长率以百分数计，须大于 −100（增长6.1% 写 6.1，下降3.2% 写 -3.2）")
        }
    }

    /// The `selected` column: yes/no (also true/false, 1/0, 是/否, y/n); blank: not said.
    static func selection(_ text: String, _ t: CSVTable, line: Int, column: Int) throws(InputError) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "": return nil
        case "yes", "y", "true", "1", "是", "x": return true
        case "no", "n", "false", "0", "否": return false
        default:
            throw InputError(
                file: t.file, line: line, column: column, "selected must be yes or no, not \(InputError.excerpt(text))",
                hint: "yes marks the report to use for the year; no keeps a report for the record only",
                zh: "selected（选用）必须是 yes 或 no（是/否），而不是“\(text)”",
                hintZh: "yes 标出该年要用的报告；no 表示该报告只作记录")
        }
    }

    static func loadWide(
        _ t: CSVTable, years: [(Int, Int)], seriesIDs: [String], kinds: [String: IndicatorKind],
        names: [String: String] = [:]
    )
        throws(InputError) -> [Observation]
    {
        let ci = try t.columnIndex("indicator")
        var out = [Observation]()
        var seenIDs = [String: Int]()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            let id = try resolveID(row[ci], t, line: line, column: ci + 1, seriesIDs: seriesIDs, names: names)
            // Messages name the series as the row does: its id, or the name a pasted table gives it.
            let named = row[ci].trimmingWhitespace()
            if let first = seenIDs[id] {
                throw InputError(
                    file: t.file, line: line, column: ci + 1, "'\(named)' has two rows (first on line \(first))",
                    hint: "keep one row per indicator in the wide layout",
                    zh: "“\(named)”有两行（第一行在第 \(first) 行）", hintZh: "宽格式中每个指标只保留一行")
            }
            seenIDs[id] = line
            for (j, y) in years {
                let text = row[j].trimmingWhitespace()
                if isNoValueMark(text) { continue }
                guard let v = parseNumber(text) else {
                    throw InputError(
                        file: t.file, line: line, column: j + 1, "'\(text)' is not a number for '\(named)' in \(y)",
                        hint: ValueWording.hint(for: text, layout: .wide)
                            ?? "write a number, or leave the cell blank when there is no value",
                        zh: "“\(named)”\(y)年的“\(text)”不是数字",
                        hintZh: ValueWording.hint(for: text, layout: .wide, chinese: true)
                            ?? "请写一个数字；没有数值时让单元格留空")
                }
                try checkRange(v, text: text, id: id, named: named, kinds: kinds, t, line: line, column: j + 1)
                out.append(
                    Observation(
                        indicator: id, year: y, value: v, text: text,
                        location: SourceLocation(file: t.file, line: line, column: j + 1)))
            }
        }
        return out
    }
}
