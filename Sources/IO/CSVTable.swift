import CSV

/// A CSV file read into memory with the source line of every row, for precise error messages.
///
/// Parsing is done by CSV.swift (RFC 4180 quoting); this type adds the file name, line numbers
/// and strict checks (header present, same number of fields on every row).
public struct CSVTable: Sendable {
    public let file: String
    public let header: [String]
    public let rows: [[String]]
    /// 1-based line on which each row starts.
    public let lines: [Int]

    /// Parses `text` (already decoded) from `file`.
    public init(text: String, file: String) throws(InputError) {
        self.file = file
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw InputError(file: file, line: 1, "cannot parse CSV: \(error)", hint: "check the quoting")
        }
        var all = [[String]]()
        var lines = [Int]()
        var line = 1
        while let row = reader.next() {
            let spanned = row.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 } }
            // Skip fully blank lines.
            if !(row.count == 1 && row[0].trimmingWhitespace().isEmpty) {
                all.append(row)
                lines.append(line)
            }
            line += 1 + spanned
        }
        if let error = reader.error {
            throw InputError(file: file, line: line, "malformed CSV: \(error)", hint: "a quote may be unbalanced")
        }
        guard let header = all.first else {
            throw InputError(file: file, line: 1, "the file is empty", hint: "a header row is needed")
        }
        let cleanHeader = header.map { $0.trimmingWhitespace() }
        for (j, name) in cleanHeader.enumerated() {
            if name.isEmpty {
                throw InputError(file: file, line: lines[0], column: j + 1, "empty column name in the header")
            }
            if cleanHeader[..<j].contains(name) {
                throw InputError(
                    file: file, line: lines[0], column: j + 1, "column '\(name)' appears twice in the header")
            }
        }
        for (k, row) in all.enumerated().dropFirst() where row.count != header.count {
            throw InputError(
                file: file, line: lines[k], column: min(row.count, header.count) + 1,
                "row has \(row.count) fields, the header has \(header.count)",
                hint: row.count < header.count ? "the row looks truncated" : "an unquoted comma may split a value")
        }
        self.header = cleanHeader
        self.rows = Array(all.dropFirst())
        self.lines = Array(lines.dropFirst())
    }

    /// Reads and parses a file (UTF-8 with or without BOM, or GB18030).
    public init(path: String, encoding: TextEncoding = .auto) throws(InputError) {
        try self.init(text: try readText(path: path, encoding: encoding), file: path)
    }

    /// The 0-based index of a column, or an error naming the closest header name.
    public func columnIndex(_ name: String) throws(InputError) -> Int {
        if let j = header.firstIndex(of: name) { return j }
        let near = nearest(to: name, among: header)
        throw InputError(
            file: file, line: 1, "no column named '\(name)'",
            hint: near.map { "did you mean '\($0)'? Columns: \(header.joined(separator: ", "))" }
                ?? "columns: \(header.joined(separator: ", "))")
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
                let what = cell.trimmingWhitespace().isEmpty ? "missing value" : "'\(cell)' is not a number"
                throw InputError(
                    file: file, line: lines[k], column: j + 1, "\(what) in column '\(name)'",
                    hint: "every cell of '\(name)' must be a finite number")
            }
            values.append(v)
        }
        if values.isEmpty {
            throw InputError(
                file: file, line: 1, "the file has a header but no data rows", hint: "add data below the header")
        }
        return values
    }
}
