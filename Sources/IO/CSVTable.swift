import CSV

/// A CSV file read into memory with the source line of every row, for precise error messages.
///
/// Parsing is done by CSV.swift (RFC 4180 quoting); this type adds the file name, line numbers
/// and strict checks (header present, same number of fields on every row).
public struct CSVTable: Sendable {
    public let file: String
    /// Column names as read: without surrounding spaces, in lower case (what code matches).
    public let header: [String]
    /// Column names as the file writes them (without surrounding spaces), for messages.
    public let writtenHeader: [String]
    public let rows: [[String]]
    /// 1-based line on which each row starts.
    public let lines: [Int]

    /// Parses `text` (already decoded) from `file`: comma-separated, or tab-separated when the
    /// header holds tabs and no comma (`separator(of:file:)`).
    public init(text: String, file: String) throws(InputError) {
        self.file = file
        let separator = try Self.separator(of: text, file: file)
        try Self.scan(text, file: file, separator: separator)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: separator)
        } catch {
            throw InputError(
                file: file, line: 1, "cannot parse CSV: \(error)", hint: "check the quoting",
                zh: "无法解析 CSV：\(error)", hintZh: "请检查引号")
        }
        var all = [[String]]()
        var lines = [Int]()
        var spans = [Int]()
        var line = 1
        while let row = reader.next() {
            let spanned = row.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 } }
            // Skip blank lines, and rows of empty cells only (",,,," where a spreadsheet had an
            // empty row).
            if !row.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
                all.append(row)
                lines.append(line)
                spans.append(spanned)
            }
            line += 1 + spanned
        }
        if let error = reader.error {
            throw InputError(
                file: file, line: line, "malformed CSV: \(error)", hint: "a quote may be unbalanced",
                zh: "CSV 格式有误：\(error)", hintZh: "可能有未配对的引号")
        }
        // Excel's separator directive ("sep=," on the first line, written by some exports) names
        // the separator `separator(of:file:)` has already chosen; it is not the header.
        if let first = all.first, Self.isSeparatorDirective(first) {
            all.removeFirst()
            lines.removeFirst()
            spans.removeFirst()
        }
        guard var header = all.first else {
            throw InputError(
                file: file, line: 1, "the file is empty", hint: "a header row is needed", zh: "文件是空的",
                hintZh: "需要一行表头")
        }
        // A spreadsheet's export often ends every line in empty cells ("indicator,year,value,,"):
        // trailing columns without a name are dropped when no row has a value in them, and so
        // are empty cells beyond the header. A value under an unnamed column is an error; one
        // beyond the header is a row too long (below).
        var named = header.count
        while named > 0 && header[named - 1].trimmingWhitespace().isEmpty { named -= 1 }
        if named > 0 {
            for (k, row) in all.enumerated().dropFirst() where row.count > named {
                if let j = row[named...].firstIndex(where: { !$0.trimmingWhitespace().isEmpty }), j < header.count {
                    throw InputError(
                        file: file, line: lines[k], column: j + 1,
                        "a value in column \(j + 1), which has no name in the header",
                        hint: "name the column in the header, or delete the value",
                        zh: "第 \(j + 1) 列有值，但表头中这一列没有名称", hintZh: "请在表头中为这一列命名，或删除该值")
                }
            }
            all = all.map { row in
                row.count > named && row[named...].allSatisfy({ $0.trimmingWhitespace().isEmpty })
                    ? Array(row.prefix(named)) : row
            }
            header = all[0]
        }
        // Column names are read without surrounding spaces and case ("Quality", " lower "): a
        // spreadsheet's capitalised header made optional columns vanish unseen ("Quality" was
        // not read, so "突破3000" counted as exactly 3,000).
        let written = header.map { $0.trimmingWhitespace() }
        let cleanHeader = written.map { $0.lowercased() }
        // A set, not a search of the names before: a header of 300,000 columns took minutes.
        var seen = Set<String>()
        for (j, name) in cleanHeader.enumerated() {
            if name.isEmpty {
                throw InputError(
                    file: file, line: lines[0], column: j + 1, "empty column name in the header",
                    zh: "表头中有空的列名")
            }
            if !seen.insert(name).inserted {
                throw InputError(
                    file: file, line: lines[0], column: j + 1,
                    "column '\(written[j])' appears twice in the header"
                        + (written[..<j].contains(written[j]) ? "" : " (names are read without regard to case)"),
                    zh: "列“\(written[j])”在表头中出现了两次"
                        + (written[..<j].contains(written[j]) ? "" : "（列名不区分大小写）"))
            }
        }
        for (k, row) in all.enumerated().dropFirst() where row.count != header.count {
            // A quote left open swallows everything up to the next quote into one cell: its
            // separators, and its line ends.
            let swallowed = row.firstIndex { $0.unicodeScalars.contains(separator) || $0.contains(where: \.isNewline) }
            let hint =
                if row.count < header.count, let j = swallowed {
                    "field \(j + 1) is quoted and holds \(spans[k] > 0 ? "\(spans[k] + 1) lines" : "separators"): a quote may be unbalanced (write a quote inside a cell as \"\")"
                } else {
                    row.count < header.count ? "the row looks truncated" : "an unquoted comma may split a value"
                }
            let hintZh =
                if row.count < header.count, let j = swallowed {
                    "第 \(j + 1) 个字段带引号，且包含\(spans[k] > 0 ? " \(spans[k] + 1) 行" : "分隔符")：可能有未配对的引号（单元格内的引号请写成 \"\"）"
                } else {
                    row.count < header.count ? "这一行似乎被截断了" : "可能有未加引号的逗号把一个值分成了两个"
                }
            throw InputError(
                file: file, line: lines[k],
                column: row.count > header.count
                    ? (row[header.count...].firstIndex { !$0.trimmingWhitespace().isEmpty } ?? header.count) + 1
                    : row.count + 1,
                "row has \(row.count) fields, the header has \(header.count)", hint: hint,
                zh: "这一行有 \(row.count) 个字段，表头有 \(header.count) 个", hintZh: hintZh)
        }
        self.header = cleanHeader
        self.writtenHeader = written
        self.rows = Array(all.dropFirst())
        self.lines = Array(lines.dropFirst())
    }

    /// Checks what CSV.swift accepts silently: control characters in a cell (a NUL would cut a
    /// number short: `6\u{0}323` read as 6) and a quoted field never closed before the end of
    /// the file (a truncated file). Both are errors at the line and field where they occur — for
    /// the quote, where it opened.
    static func scan(_ text: String, file: String, separator: Unicode.Scalar = ",") throws(InputError) {
        var line = 1, field = 1
        var inQuote = false
        var quoteLine = 0, quoteField = 0
        var previous: Unicode.Scalar = "\n"
        for c in text.unicodeScalars {
            switch c {
            case "\"":
                if inQuote {
                    inQuote = false
                } else if previous == separator || previous == "\n" || previous == "\r" || previous == "\"" {
                    // Opens a quoted field (or, right after a closing quote, an escaped quote).
                    inQuote = true
                    quoteLine = line
                    quoteField = field
                }
            case separator:
                if !inQuote { field += 1 }
            case "\n":
                line += 1
                if !inQuote { field = 1 }
            case "\r", "\t":
                break
            default:
                if c.properties.generalCategory == .control {
                    throw InputError(
                        file: file, line: line, column: field,
                        "control character U+\(hex4(c.value)) in a cell",
                        hint: "remove it (a NUL or other control byte is never data; was the file saved as text?)",
                        zh: "单元格中有控制字符 U+\(hex4(c.value))",
                        hintZh: "请删除它（NUL 或其他控制字节从来不是数据；文件是否存成了文本？）")
                }
            }
            previous = c
        }
        if inQuote {
            throw InputError(
                file: file, line: quoteLine, column: quoteField, "a quoted field opened here is never closed",
                hint: "add the closing quote (\"); the file may be truncated", zh: "此处开始的引号字段没有结束",
                hintZh: "请补上结尾的引号（\"）；文件也可能被截断了")
        }
    }

    /// The field separator, from the first line that is not blank: a comma; a tab when that
    /// line has tabs and no comma (a table copied out of a spreadsheet and saved as text). A
    /// line separated by semicolons only (CSV saved by a spreadsheet set to a decimal comma) is
    /// an error that says how to save it: its numbers would read "2,5" as two fields. So is a
    /// line separated by full-width commas (，) only, as typed with Chinese punctuation: read as
    /// one column, it had "no 'indicator' column".
    static func separator(of text: String, file: String) throws(InputError) -> Unicode.Scalar {
        var line = 1
        var directive = false
        // Split on the scalar: as Characters "\r\n" is one, so a file with Windows line ends
        // was one line, and a tab-separated file with a comma in any later cell read as commas.
        for first in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            let raw = String(String.UnicodeScalarView(first))
            if first.allSatisfy({ $0 == " " || $0 == "\r" || $0 == "\t" }) { continue }
            // Excel's "sep=," / "sep=\t" line: the separator it names, unless it names a
            // semicolon (the error below, on the next line's data).
            let trimmed = String(raw).trimmingWhitespace().lowercased()
            if !directive, trimmed.hasPrefix("sep="), trimmed.unicodeScalars.count <= 5 {
                directive = true
                if trimmed.hasSuffix(",") { return "," }
                if raw.hasSuffix("\t") || raw.hasSuffix("\t\r") { return "\t" }
                continue
            }
            if first.contains(",") { return "," }
            if first.contains("\t") { return "\t" }
            if first.contains("，") {
                throw InputError(
                    file: file, line: line, "the columns are separated by full-width commas (，)",
                    hint:
                        "separate them with ASCII commas (,): switch the input method to English punctuation, or replace ， with , (Excel and WPS write commas when saving as CSV)",
                    zh: "各列用全角逗号（，）分隔",
                    hintZh: "请用半角逗号（,）分隔：把输入法切换到英文标点，或把 ， 替换为 ,（Excel 和 WPS 另存为 CSV 时写的是半角逗号）"
                )
            }
            if first.contains(";") {
                throw InputError(
                    file: file, line: line, "the columns are separated by semicolons",
                    hint:
                        "save it with commas (Excel: Save As → CSV UTF-8 (Comma delimited)); plancast reads commas or tabs",
                    zh: "各列用分号分隔",
                    hintZh: "请用逗号分隔保存（Excel：另存为 → CSV UTF-8（逗号分隔））；plancast 读取逗号或制表符分隔的文件"
                )
            }
            return ","
        }
        return ","
    }

    /// A first row that is Excel's separator directive: "sep=," read as the cells "sep=" and
    /// "" (or "sep=\t" as one cell), nothing else in it.
    static func isSeparatorDirective(_ row: [String]) -> Bool {
        guard let first = row.first?.trimmingWhitespace().lowercased(), first.hasPrefix("sep=") else { return false }
        return first.count <= 5 && row.dropFirst().allSatisfy { $0.trimmingWhitespace().isEmpty }
    }

    static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// This table with columns read under other names: a column whose name (as read) is a key
    /// of `names` takes its value, unless the table already has a column of that name. Messages
    /// keep the names the file writes (`writtenHeader`). Two columns that would take one name
    /// are an error at the second.
    public func renamingColumns(_ names: [String: String]) throws(InputError) -> CSVTable {
        let present = Set(header)
        var renamed = header
        var taken = [String: Int]()
        for (j, name) in header.enumerated() {
            guard let new = names[name], !present.contains(new) else { continue }
            if let first = taken[new] {
                throw InputError(
                    file: file, line: lines.first.map { _ in 1 } ?? 1, column: j + 1,
                    "columns '\(writtenHeader[first])' and '\(writtenHeader[j])' would both be read as \(new)",
                    hint: "keep one of them, or rename the other",
                    zh: "列“\(writtenHeader[first])”和“\(writtenHeader[j])”都会被读作 \(new)",
                    hintZh: "请保留其中一列，或给另一列改名")
            }
            taken[new] = j
            renamed[j] = new
        }
        return CSVTable(file: file, header: renamed, writtenHeader: writtenHeader, rows: rows, lines: lines)
    }

    private init(file: String, header: [String], writtenHeader: [String], rows: [[String]], lines: [Int]) {
        self.file = file
        self.header = header
        self.writtenHeader = writtenHeader
        self.rows = rows
        self.lines = lines
    }

    /// Reads and parses a file (UTF-8 with or without BOM, or GB18030).
    public init(path: String, encoding: TextEncoding = .auto) throws(InputError) {
        try self.init(text: try readText(path: path, encoding: encoding), file: path)
    }

    /// Each column's 1-based number by its header name (the first, where a name repeats), for
    /// messages that point at a row's cell by name.
    public var columnNumbers: [String: Int] {
        Dictionary(header.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })
    }

    /// The 0-based index of a column, or an error naming the closest header name.
    public func columnIndex(_ name: String) throws(InputError) -> Int {
        if let j = header.firstIndex(of: name) { return j }
        let near = nearest(to: name, among: header)
        throw InputError(
            file: file, line: 1, "no column named '\(name)'",
            hint: near.map { "did you mean '\($0)'? Columns: \(writtenHeader.joined(separator: ", "))" }
                ?? "columns: \(writtenHeader.joined(separator: ", "))",
            zh: "没有名为“\(name)”的列",
            hintZh: near.map { "是否想写“\($0)”？现有的列：\(writtenHeader.joined(separator: "、"))" }
                ?? "现有的列：\(writtenHeader.joined(separator: "、"))")
    }

    /// The values of a column as numbers; a blank or non-numeric cell is an error at its line
    /// and column.
    public func numericColumn(_ name: String) throws(InputError) -> [Double] {
        let j = try columnIndex(name)
        var values = [Double]()
        values.reserveCapacity(rows.count)
        for (k, row) in rows.enumerated() {
            let cell = row[j]
            guard let v = parseNumber(cell) else {
                let blank = cell.trimmingWhitespace().isEmpty
                let what = blank ? "missing value" : "'\(cell)' is not a number"
                throw InputError(
                    file: file, line: lines[k], column: j + 1, "\(what) in column '\(name)'",
                    hint: "every cell of '\(name)' must be a finite number",
                    zh: blank ? "列“\(name)”缺少数值" : "列“\(name)”中的“\(cell)”不是数字",
                    hintZh: "列“\(name)”的每个单元格都必须是有限的数字")
            }
            values.append(v)
        }
        if values.isEmpty {
            throw InputError(
                file: file, line: 1, "the file has a header but no data rows", hint: "add data below the header",
                zh: "文件只有表头，没有数据行", hintZh: "请在表头下面加上数据")
        }
        return values
    }
}
