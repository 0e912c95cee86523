import IO
import Indicators

/// Reads observations in either layout people keep them in:
///
/// - **long**: one row per value, columns `indicator,year,value` and optionally `quality`,
///   `source_title`, `source_url`, `quote`, `unit`, `selected`, `note`;
/// - **wide**: one row per indicator, column `indicator` and one column per year (`2021` or
///   `2021年`), blank cells for missing years; other columns (names, units) are ignored.
///
/// Values may carry thousands separators or a `%` sign. Every problem is reported with file,
/// line and column: unknown ids (with the nearest valid id), text in a number column, values
/// outside the kind's range (a share above 100, a negative count), the same indicator and year
/// twice in a file without sources (with sources, the rows are conflicting reports and
/// `ObservationSelection` picks one).
public enum ObservationsLoader {
    public static func load(
        path: String, seriesIDs: [String], kinds: [String: IndicatorKind], encoding: TextEncoding = .auto
    ) throws(InputError) -> [Observation] {
        let t = try CSVTable(path: path, encoding: encoding)
        guard t.header.contains("indicator") else {
            throw InputError(
                file: path, line: 1, "no 'indicator' column",
                hint: "long layout: indicator,year,value; wide layout: indicator,2019,2020,…")
        }
        if t.rows.isEmpty {
            throw InputError(
                file: path, line: 1, "the file has a header but no data rows", hint: "add observations below the header"
            )
        }
        let yearColumns = t.header.enumerated().compactMap { (j, h) -> (Int, Int)? in year(h).map { (j, $0) } }
        if t.header.contains("value") {
            return try loadLong(t, seriesIDs: seriesIDs, kinds: kinds)
        } else if !yearColumns.isEmpty {
            return try loadWide(t, years: yearColumns, seriesIDs: seriesIDs, kinds: kinds)
        }
        throw InputError(
            file: t.file, line: 1, "neither a 'value' column nor year columns",
            hint: "long layout: indicator,year,value; wide layout: indicator,2019,2020,…")
    }

    /// `2021`, `2021年` or ` 2021 ` as a year.
    static func year(_ header: String) -> Int? {
        var h = header.trimmingWhitespace()
        if h.hasSuffix("年") { h.removeLast() }
        guard h.count == 4, let y = Int(h), (1900...2200).contains(y) else { return nil }
        return y
    }

    static func resolveID(_ id: String, _ t: CSVTable, line: Int, column: Int, seriesIDs: [String]) throws(InputError)
        -> String
    {
        let clean = id.trimmingWhitespace()
        if seriesIDs.contains(clean) { return clean }
        if clean.isEmpty {
            throw InputError(
                file: t.file, line: line, column: column, "missing indicator id",
                hint: "every row needs an indicator id")
        }
        throw InputError(
            file: t.file, line: line, column: column, "unknown indicator id '\(clean)'",
            hint: nearest(to: clean, among: seriesIDs).map {
                "did you mean '\($0)'? (plancast indicators lists the ids)"
            }
                ?? "plancast indicators lists the valid ids")
    }

    static func checkRange(
        _ v: Double, id: String, kinds: [String: IndicatorKind], _ t: CSVTable, line: Int, column: Int
    ) throws(InputError) {
        guard let kind = kinds[id], !kind.admits(v) else { return }
        let what =
            kind == .share
            ? "a share must lie strictly between 0 and 100 (percent)" : "a \(kind.rawValue) cannot be negative"
        throw InputError(
            file: t.file, line: line, column: column, "value \(v) for '\(id)' is out of range: \(what)",
            hint: "check the unit and the sign")
    }

    static func loadLong(_ t: CSVTable, seriesIDs: [String], kinds: [String: IndicatorKind]) throws(InputError)
        -> [Observation]
    {
        let ci = try t.columnIndex("indicator"), cy = try t.columnIndex("year"), cv = try t.columnIndex("value")
        let cq = t.header.firstIndex(of: "quality")
        let cs = t.header.firstIndex(of: "source_title"), cu = t.header.firstIndex(of: "source_url")
        let hasProvenance = cq != nil || cs != nil
        var out = [Observation]()
        var seen = [String: Int]()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            let id = try resolveID(row[ci], t, line: line, column: ci + 1, seriesIDs: seriesIDs)
            let ytext = row[cy].trimmingWhitespace()
            guard let y = Int(ytext), (1900...2200).contains(y) else {
                throw InputError(
                    file: t.file, line: line, column: cy + 1, "year '\(ytext)' is not a year",
                    hint: "write the year as four digits, e.g. 2023")
            }
            let vtext = row[cv].trimmingWhitespace()
            guard let v = parseNumber(vtext) else {
                let what = vtext.isEmpty ? "missing value" : "'\(vtext)' is not a number"
                throw InputError(
                    file: t.file, line: line, column: cv + 1, "\(what) for '\(id)' in \(y)",
                    hint: "write a number (1,234.5 and 4.5% are fine); leave out rows without a value")
            }
            var quality = Quality.actual
            if let cq {
                let q = row[cq].trimmingWhitespace()
                if !q.isEmpty {
                    guard let parsed = Quality(rawValue: q) else {
                        throw InputError(
                            file: t.file, line: line, column: cq + 1, "unknown quality '\(q)'",
                            hint: (nearest(to: q, among: Quality.allCases.map(\.rawValue)).map {
                                "did you mean '\($0)'? "
                            } ?? "") + "Valid: \(Quality.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    quality = parsed
                }
            }
            if quality.isUsable { try checkRange(v, id: id, kinds: kinds, t, line: line, column: cv + 1) }
            let key = "\(id)\u{1}\(y)"
            if let first = seen[key], !hasProvenance {
                throw InputError(
                    file: t.file, line: line, column: ci + 1, "'\(id)' in \(y) appears twice (first on line \(first))",
                    hint:
                        "keep one row per indicator and year, or add quality and source_title columns to record conflicting sources"
                )
            }
            seen[key] = seen[key] ?? line
            out.append(
                Observation(
                    indicator: id, year: y, value: v, text: vtext, quality: quality,
                    source: cs.map { row[$0] } ?? "", url: cu.map { row[$0] } ?? "",
                    location: SourceLocation(file: t.file, line: line)))
        }
        return out
    }

    static func loadWide(_ t: CSVTable, years: [(Int, Int)], seriesIDs: [String], kinds: [String: IndicatorKind])
        throws(InputError) -> [Observation]
    {
        let ci = try t.columnIndex("indicator")
        var out = [Observation]()
        var seenIDs = [String: Int]()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            let id = try resolveID(row[ci], t, line: line, column: ci + 1, seriesIDs: seriesIDs)
            if let first = seenIDs[id] {
                throw InputError(
                    file: t.file, line: line, column: ci + 1, "'\(id)' has two rows (first on line \(first))",
                    hint: "keep one row per indicator in the wide layout")
            }
            seenIDs[id] = line
            for (j, y) in years {
                let text = row[j].trimmingWhitespace()
                if text.isEmpty || text == "-" || text == "—" { continue }
                guard let v = parseNumber(text) else {
                    throw InputError(
                        file: t.file, line: line, column: j + 1, "'\(text)' is not a number for '\(id)' in \(y)",
                        hint: "write a number, or leave the cell blank when there is no value")
                }
                try checkRange(v, id: id, kinds: kinds, t, line: line, column: j + 1)
                out.append(
                    Observation(
                        indicator: id, year: y, value: v, text: text, location: SourceLocation(file: t.file, line: line)
                    ))
            }
        }
        return out
    }
}
