import IO
import Indicators

/// The batch input of `plancast forecast` and `plancast backtest` (DESIGN.md §5):
/// `series_id,period,value`, any number of series, periods as integers (gaps allowed), rows in
/// any order; or a wide table, a series per row and a column per year (`wide(_:years:)`). An
/// optional `split` column (`train`/`test`) marks held-out values for `backtest`; other columns
/// are ignored. A value that marks no value (`isNoValueMark`: blank, a dash) or is a word for a
/// missing value (`isMissingValueWord`: `NA`, `#N/A`, `NaN`, `..`…, as R and pandas read them) is a
/// missing year, in either layout (until 2026-12-06 the long layout read blank and `NA`, the
/// wide one also `-` and `—`). With a kind given (`--kind`), every value must
/// lie in the kind's range: a stock, flow or level of −5, or a share of 1e12, was forecast
/// clamped to the range (0.0 on every row) without a word until 2026-12-03.
public struct SeriesInput: Sendable {
    public struct Series: Sendable {
        public let id: String
        /// The line of the series' first row (for messages about the whole series).
        public var line = 0
        public var periods: [Int] = []
        public var values: [Double] = []
        /// Parallel to `periods`: true where `split` says `test`.
        public var isTest: [Bool] = []
    }

    /// Series in order of first appearance.
    public let series: [Series]
    public let hasSplit: Bool

    /// Periods plancast reads: years or indexes, far from integer overflow.
    static let periods = -1_000_000...1_000_000
    /// The widest span of one series (gaps are filled for some models, so the span costs memory).
    static let maximumSpan = 10_000

    /// A wide table: the series id (`series_id` or an alias, or `indicator` as in an
    /// observations file) and one column per year; cells that mark no value or are a word for a
    /// missing value are missing years; other columns are ignored.
    static func wide(_ t: CSVTable, years: [(Int, Int)], kind: IndicatorKind?) throws(InputError) -> [Series] {
        let ci: Int
        if !t.header.contains("series_id"), !(Self.aliases["series_id"] ?? []).contains(where: t.header.contains),
            let j = t.header.firstIndex(of: "indicator")
        {
            ci = j
        } else {
            ci = try Self.column(t, "series_id")
        }
        if t.rows.isEmpty {
            throw InputError(
                file: t.file, line: 1, "the file has a header but no data rows", hint: "add a row per series",
                zh: "文件只有表头，没有数据行", hintZh: "请每个序列写一行")
        }
        var out = [Series](), seen = [String: Int]()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            let id = try Self.seriesID(row, column: ci, table: t, line: line)
            if let first = seen[id] {
                throw InputError(
                    file: t.file, line: line, column: ci + 1, "series '\(id)' has two rows (first on line \(first))",
                    hint: "keep one row per series in the wide layout",
                    zh: "序列“\(id)”有两行（第一行在第 \(first) 行）", hintZh: "宽表中每个序列只保留一行")
            }
            seen[id] = line
            var s = Series(id: id, line: line)
            for (j, y) in years.sorted(by: { $0.1 < $1.1 }) {
                let text = row[j].trimmingWhitespace()
                if Self.isMissing(text) { continue }
                guard let v = parseNumber(text) else {
                    throw InputError(
                        file: t.file, line: line, column: j + 1, "'\(text)' is not a number for '\(id)' in \(y)",
                        hint: ValueWording.cellHint(text)
                            ?? "write a finite number, or leave the cell blank for a missing year",
                        zh: "“\(text)”不是“\(id)”\(y)年的数字",
                        hintZh: ValueWording.cellHint(text, chinese: true) ?? "请写一个有限的数字，缺失的年份留空")
                }
                try Self.checkRange(v, kind: kind, id: id, period: y, file: t.file, line: line, column: j + 1)
                s.periods.append(y)
                s.values.append(v)
                s.isTest.append(false)
            }
            out.append(s)
        }
        return out
    }

    /// A value outside the range of the batch's kind (`IndicatorKind.valueRange`: a share from 0
    /// to 100, a stock, flow or level at least 0) is an error at its cell. Shares of exactly 0 or
    /// 100 are read (modelled unbounded), as the forecaster does.
    static func checkRange(
        _ v: Double, kind: IndicatorKind?, id: String, period: Int, file: String, line: Int, column: Int
    ) throws(InputError) {
        guard let kind, let range = kind.valueRange, !range.contains(v) else { return }
        let why =
            kind == .share
            ? "a share lies between 0 and 100 (percent)"
            : "a \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) cannot be negative"
        let whyZh = kind == .share ? "比例在 0 到 100（百分数）之间" : "\(kind.rawValue) 不能为负"
        throw InputError(
            file: file, line: line, column: column,
            "value \(v) of series '\(id)' in period \(period) is out of range for --kind \(kind.rawValue): \(why)",
            hint: kind == .share
                ? "write shares in percent (35 for 35%); without --kind share the series is forecast as it stands"
                : "check the sign and the unit; --kind auto (the default) or net_change forecasts series of either sign",
            zh: "序列“\(id)”第 \(period) 期的值 \(v) 超出 --kind \(kind.rawValue) 的范围：\(whyZh)",
            hintZh: kind == .share
                ? "比例请写成百分数（35% 写 35）；不带 --kind share 时序列按原样预测"
                : "请检查符号和单位；--kind auto（默认）或 net_change 可预测正负皆有的序列"
        )
    }

    /// A value cell without a value, in either layout: a mark of no value (blank, a dash) or a
    /// word analysts' tools write for one (`NA`, `#N/A`, `..`…), as R and pandas read them.
    static func isMissing(_ text: String) -> Bool { isNoValueMark(text) || isMissingValueWord(text) }

    /// A row's series id, which may not be blank.
    static func seriesID(_ row: [String], column ci: Int, table t: CSVTable, line: Int) throws(InputError) -> String {
        let id = row[ci].trimmingWhitespace()
        guard !id.isEmpty else {
            throw InputError(
                file: t.file, line: line, column: ci + 1, "missing series_id", hint: "every row needs a series_id",
                zh: "缺少 series_id", hintZh: "每一行都需要 series_id")
        }
        return id
    }

    /// Other names of the three columns, read when the file lacks the name itself: the shared
    /// collections' `t` (series_id,t,value,split), statsforecast's and fable's long format
    /// (unique_id, ds, y; key, index), `year` (since 2026-12-01; before, only series_id, period,
    /// value), `indicator` (an observations file's figures alone: indicator,year,value).
    static let aliases = [
        "series_id": ["unique_id", "id", "series", "key", "indicator", "指标", "序列"],
        "period": ["t", "year", "ds", "index", "time", "年份", "年度"], "value": ["y", "数值", "值"],
    ]

    /// The column `name`, else its one alias present; two aliases present is an error (which
    /// one is meant is not known), none the usual error naming the nearest column.
    static func column(_ t: CSVTable, _ name: String) throws(InputError) -> Int {
        if let j = t.header.firstIndex(of: name) { return j }
        let present = (aliases[name] ?? []).filter { t.header.contains($0) }
        if present.count > 1 {
            throw InputError(
                file: t.file, line: 1,
                "no column named '\(name)', and \(present.map { "'\($0)'" }.joined(separator: " and ")) could each be it",
                hint: "name the \(name) column '\(name)'",
                zh: "没有名为“\(name)”的列，而\(present.map { "“\($0)”" }.joined(separator: "和"))都可能是它",
                hintZh: "请把 \(name) 列命名为“\(name)”")
        }
        if let alias = present.first, let j = t.header.firstIndex(of: alias) { return j }
        return try t.columnIndex(name)
    }

    /// `kind`: the kind every series is (`--kind`), whose range each value must lie in; nil for
    /// series of any kind.
    public init(path: String, encoding: TextEncoding = .auto, kind: IndicatorKind? = nil) throws(InputError) {
        try self.init(table: try CSVTable(path: path, encoding: encoding), kind: kind)
    }

    public init(table t: CSVTable, kind: IndicatorKind? = nil) throws(InputError) {
        switch KnownTable.of(t) {
        case .observations:
            throw InputError(
                file: t.file, line: 1,
                "this is a plan's observations table: its qualities and bounds would be read as values",
                hint:
                    "plancast run --observations reads it as it should be; to forecast its figures as exact values, keep indicator,year,value and drop the other columns",
                zh: "这是规划的观测值表：其中的质量标记和界限会被当作数值读取",
                hintZh: "plancast run --observations 会正确读取它；若要把其中的数字当作精确值预测，只保留 indicator,year,value 三列"
            )
        case let other? where other != .seriesInput:
            throw InputError(
                file: t.file, line: 1, "this is \(other), not a table of series",
                hint: "give series_id,period,value (or indicator,year,value), or a wide table indicator,2019,2020,…",
                zh: "这是\(other.zh)，不是序列表",
                hintZh: "请给出 series_id,period,value（或 indicator,year,value），或宽表 indicator,2019,2020,…")
        default: break
        }
        // A wide table (a series per row, a column per year, as a spreadsheet holds it): no
        // period or value column, and year columns (2015, 2015年).
        func has(_ name: String) -> Bool {
            t.header.contains(name) || (Self.aliases[name] ?? []).contains(where: t.header.contains)
        }
        if !has("period") && !has("value"), case let years = try YearText.columns(of: t), !years.isEmpty {
            series = try Self.wide(t, years: years, kind: kind)
            hasSplit = false
            return
        }
        // A wide table whose columns are periods that are not years (1, 2, 3): say why it is
        // not read as one, instead of only that there is no period column.
        if !has("period") && !has("value"),
            let j = t.header.indices.first(where: { Int(t.header[$0].trimmingWhitespace()) != nil })
        {
            throw InputError(
                file: t.file, line: 1, column: j + 1,
                "column \(InputError.excerpt(t.writtenHeader[j])) is a period but not a year: a wide table's columns are read as years (\(YearText.range.lowerBound)–\(YearText.range.upperBound)) only",
                hint:
                    "write the table long, series_id,period,value (a period may be any whole number), or name the columns by year (2019, 2020年)",
                zh:
                    "列 \(InputError.excerpt(t.writtenHeader[j])) 是期数而不是年份：宽表的列只按年份（\(YearText.range.lowerBound)–\(YearText.range.upperBound)）读取",
                hintZh: "请把表写成长表 series_id,period,value（期数可以是任意整数），或按年份命名各列（2019、2020年）"
            )
        }
        let ci = try Self.column(t, "series_id"), cp = try Self.column(t, "period"), cv = try Self.column(t, "value")
        let cs = t.header.firstIndex(of: "split")
        if t.rows.isEmpty {
            throw InputError(
                file: t.file, line: 1, "the file has a header but no data rows",
                hint: "add rows series_id,period,value",
                zh: "文件只有表头，没有数据行", hintZh: "请添加 series_id,period,value 数据行")
        }
        var order = [String]()
        var byID = [String: Series]()
        var seen = [String: Int]()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            let id = try Self.seriesID(row, column: ci, table: t, line: line)
            let ptext = row[cp].trimmingWhitespace()
            // A year as a Chinese table writes it (2021年, 2021年度, full-width digits) is that
            // year, as in an observations file and a wide table's headers.
            guard let period = Int(ptext) ?? YearText.year(ptext) else {
                throw InputError(
                    file: t.file, line: line, column: cp + 1, "period \(InputError.excerpt(ptext)) is not an integer",
                    hint:
                        "periods are whole numbers such as years (2021 or 2021年) or indexes (1, 2, 3); one value a year",
                    zh: "期数 \(InputError.excerpt(ptext)) 不是整数",
                    hintZh: "期数是整数，例如年份（2021 或 2021年）或序号（1、2、3）；每年一个值")
            }
            guard Self.periods.contains(period) else {
                throw InputError(
                    file: t.file, line: line, column: cp + 1, "period \(period) is out of range",
                    hint:
                        "periods are years or indexes between \(Self.periods.lowerBound) and \(Self.periods.upperBound)",
                    zh: "期数 \(period) 超出范围",
                    hintZh: "期数是 \(Self.periods.lowerBound) 到 \(Self.periods.upperBound) 之间的年份或序号")
            }
            let key = "\(id)\u{1}\(period)"
            if let first = seen[key] {
                throw InputError(
                    file: t.file, line: line, column: cp + 1,
                    "series '\(id)' has period \(period) twice (first on line \(first))",
                    hint: "keep one row per series and period",
                    zh: "序列“\(id)”的第 \(period) 期出现了两次（第一次在第 \(first) 行）", hintZh: "每个序列的每一期只保留一行")
            }
            seen[key] = line
            // A series is listed from its first row, even if every value is blank: forecast
            // reports it (`no_data`) instead of leaving it out without a word.
            if byID[id] == nil {
                order.append(id)
                byID[id] = Series(id: id, line: line)
            }
            let vtext = row[cv].trimmingWhitespace()
            if Self.isMissing(vtext) { continue }
            guard let v = parseNumber(vtext) else {
                throw InputError(
                    file: t.file, line: line, column: cv + 1, "'\(vtext)' is not a number",
                    hint: ValueWording.cellHint(vtext)
                        ?? "write a finite number, or leave the value blank for a missing period",
                    zh: "“\(vtext)”不是数字",
                    hintZh: ValueWording.cellHint(vtext, chinese: true) ?? "请写一个有限的数字，缺失的期留空")
            }
            try Self.checkRange(v, kind: kind, id: id, period: period, file: t.file, line: line, column: cv + 1)
            var isTest = false
            if let cs {
                let s = row[cs].trimmingWhitespace().lowercased()
                guard s == "train" || s == "test" else {
                    throw InputError(
                        file: t.file, line: line, column: cs + 1, "split '\(row[cs])' must be train or test",
                        zh: "split 列的“\(row[cs])”必须是 train 或 test")
                }
                isTest = s == "test"
            }
            byID[id]!.periods.append(period)
            byID[id]!.values.append(v)
            byID[id]!.isTest.append(isTest)
            let span = byID[id]!.periods.max()! - byID[id]!.periods.min()!
            if span > Self.maximumSpan {
                throw InputError(
                    file: t.file, line: line, column: cp + 1,
                    "series '\(id)' would span \(span) periods; plancast handles at most \(Self.maximumSpan)",
                    hint: "check the period column (a typo such as 20222 for 2022?)",
                    zh: "序列“\(id)”将跨越 \(span) 期；plancast 最多处理 \(Self.maximumSpan) 期",
                    hintZh: "请检查期数列（是否把 2022 误写成 20222？）")
            }
        }
        series = order.map { byID[$0]! }
        hasSplit = cs != nil
    }
}
