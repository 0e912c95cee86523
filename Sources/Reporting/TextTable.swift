import Foundation

/// A plain-text table for the terminal, aligned for Chinese text: CJK characters take two
/// columns on a terminal (Unicode East Asian Width "W"/"F").
public struct TextTable {
    public let header: [String]
    public private(set) var rows: [[String]] = []
    /// Columns aligned right (numbers).
    public var rightAligned: Set<Int> = []

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header.map(Self.oneLine)
        self.rightAligned = rightAligned
    }

    public mutating func append(_ row: [String]) { rows.append(row.map(Self.oneLine)) }

    /// A cell on one line: control and format characters (a newline inside an indicator's name,
    /// an escape sequence) become spaces, so that they neither break the table nor reach the
    /// terminal as commands.
    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(isControl(u) ? " " : u) }
        return String(out)
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `s` cut to `width` display columns, ending in "…" when cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard Self.width(s) > width else { return s }
        var out = "", used = 0
        for c in s {
            let cw = Self.width(String(c))
            if used + cw > width - 1 { break }
            out.append(c)
            used += cw
        }
        return out + "…"
    }

    /// `s` broken into lines of at most `width` columns at spaces (a word longer than a line is
    /// broken where it must); unchanged without a width.
    public static func wrap(_ s: String, width: Int?) -> String { wrap(s, width: width, keepingLatinWords: false) }

    /// `wrap`, where `keepingLatinWords` leaves a word too long for a line whole on a line of its
    /// own if it has no wide character (a file's path stays one piece to copy; the terminal folds
    /// it), and breaks only words of Chinese text, which has no spaces to break at; the first
    /// line may have a width of its own (`firstWidth`, by default `width`).
    static func wrap(_ s: String, width: Int?, firstWidth: Int? = nil, keepingLatinWords: Bool) -> String {
        guard let width, width > 0, Self.width(s) > min(width, firstWidth ?? width) else { return s }
        var lines = [String](), line = ""
        var room: Int { lines.isEmpty ? firstWidth ?? width : width }
        for word in s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if Self.width(candidate) <= room {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            if keepingLatinWords && !word.unicodeScalars.contains(where: isWide) {
                line = word
                continue
            }
            for c in word {
                if Self.width(line + String(c)) > room {
                    lines.append(line)
                    line = ""
                }
                line.append(c)
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// Each line of `text` broken at spaces into lines of at most `width` columns, as `wrap`
    /// does but keeping a long word without wide characters whole (a path), the continuation
    /// lines indented two spaces beyond the line's own indent, so that a wrapped "warning: …" or
    /// "  hint: …" still reads as one message (where that leaves fewer than 10 columns the line
    /// is wrapped without indent); unchanged without a width. For messages on a terminal's
    /// stderr: a terminal folds a long line at its edge, inside words.
    public static func wrapMessage(_ text: String, width: Int?) -> String {
        guard let width, width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let s = String(line)
            guard Self.width(s) > width else { return s }
            let indent = s.prefix { $0 == " " }.count
            let hang = indent + 2
            guard width - hang >= 10 else { return wrap(s, width: width, keepingLatinWords: true) }
            let lines = wrap(
                String(s.dropFirst(indent)), width: width - hang, firstWidth: width - indent, keepingLatinWords: true
            ).split(separator: "\n", omittingEmptySubsequences: false)
            return lines.enumerated().map { String(repeating: " ", count: $0 == 0 ? indent : hang) + $1 }
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `s` wrapped as `wrap` does, each line after `indent` spaces where that leaves at least
    /// 2 columns (else not indented).
    static func wrap(_ s: String, width: Int, indent: Int) -> String {
        guard width - indent >= 2 else { return wrap(s, width: width) }
        let pad = String(repeating: " ", count: indent)
        return wrap(s, width: width - indent).split(separator: "\n", omittingEmptySubsequences: false).map {
            pad + $0
        }.joined(separator: "\n")
    }

    /// Display width of `s` in terminal columns.
    public static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Column widths (display columns).
    public var widths: [Int] {
        var w = [Int](repeating: 0, count: header.count)
        for r in [header] + rows { for j in 0..<min(w.count, r.count) { w[j] = max(w[j], Self.width(r[j])) } }
        return w
    }

    /// The table, split into several when wider than `maxWidth`: the first `keep` columns repeat in
    /// each part and the others are spread over the parts (a narrow terminal gets no wrapped lines).
    /// The first column gives way (cut with …) so that at least one other column fits beside it;
    /// another column is cut only where it would not fit beside a first column of 12; header
    /// cells are cut like the others. One pass, no recursion: before 2026-12-01 a header wider
    /// than the cut ("headline goal" at 48 columns) made it call itself until the stack overflowed.
    /// Where even that is too wide, one record per row (`stacked`).
    public func render(maxWidth: Int?, keep: Int) -> String {
        guard let maxWidth else { return render() }
        return split(maxWidth: maxWidth, keep: keep) ?? stacked(maxWidth: maxWidth)
    }

    /// The table, split as `render(maxWidth:keep:)` describes; nil where a line would still be
    /// wider than `maxWidth`.
    public func split(maxWidth: Int, keep: Int) -> String? {
        let w = widths
        guard w.reduce(0, +) + 2 * max(0, w.count - 1) > maxWidth else { return render() }
        // Nothing to spread over parts: the kept columns alone are too wide.
        guard w.count > keep else { return nil }
        var t = self
        let keptAfterFirst = w.prefix(keep).dropFirst().reduce(0, +) + 2 * keep
        // Other columns are cut only where even a first column of 12 leaves them too little room.
        let firstAtLeast = keep > 0 ? min(w[0], 12) : 0
        let roomBeside = max(8, maxWidth - firstAtLeast - keptAfterFirst)
        for j in keep..<w.count where w[j] > roomBeside { t = t.cutting(column: j, to: roomBeside) }
        let widest = t.widths.dropFirst(keep).max() ?? 0
        let room = maxWidth - (keptAfterFirst + widest)
        if keep > 0, w[0] > max(room, 8) { t = t.cutting(column: 0, to: max(room, 8), keepingApart: true) }
        let fixed = t.widths.prefix(keep).reduce(0, +) + 2 * keep
        let cw = t.widths
        var groups = [[Int]](), current = [Int](), used = fixed
        for j in keep..<cw.count {
            if !current.isEmpty && used + cw[j] > maxWidth {
                groups.append(current)
                (current, used) = ([], fixed)
            }
            current.append(j)
            used += cw[j] + 2
        }
        if !current.isEmpty { groups.append(current) }
        let split = groups.map { g in
            let cols = Array(0..<keep) + g
            var part = TextTable(
                header: cols.map { t.header[$0] },
                rightAligned: Set(cols.indices.filter { rightAligned.contains(cols[$0]) }))
            for r in t.rows { part.append(cols.map { $0 < r.count ? r[$0] : "" }) }
            return part.render()
        }.joined(separator: "\n")
        // Narrower than the table's narrowest form (the run summary is 25 columns wide with
        // its names cut to 8; a 24-column terminal wrapped every row until 2026-12-06).
        return split.split(separator: "\n").contains { Self.width(String($0)) > maxWidth } ? nil : split
    }

    /// One record per row, for a terminal too narrow for any table: a blank line, the first cell
    /// on a line of its own, then each other cell under it as "  header  value", headers padded
    /// alike; a value that does not fit beside its header goes on a line of its own under it,
    /// indented 4, and what is still too long is wrapped, so that no line is wider than
    /// `maxWidth` (at least 1).
    public func stacked(maxWidth: Int) -> String {
        let width = max(1, maxWidth)
        let labelWidth = header.dropFirst().map(Self.width).max() ?? 0
        // The first header is not shown: the first cell is the record's title.
        let labels = header.map {
            "  " + $0 + String(repeating: " ", count: max(0, labelWidth - Self.width($0))) + "  "
        }
        return rows.map { r in
            let cells = header.indices.dropFirst().map { j -> String in
                let value = j < r.count ? r[j] : ""
                guard Self.width(labels[j]) + Self.width(value) > width else {
                    return (labels[j] + value).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                }
                return Self.wrap(header[j], width: width, indent: 2) + "\n" + Self.wrap(value, width: width, indent: 4)
            }
            return "\n" + ([Self.wrap(r.first ?? "", width: width)] + cells).joined(separator: "\n") + "\n"
        }.joined()
    }

    /// The table with column `j`'s cells, its header's too, cut to `width` columns. With
    /// `keepingApart` (the names of the first column), cells that the cut would make read alike
    /// ("新增省级及…" for both 新增省级及以上工程技术研究中心 and 新增省级及以上企业技术中心) skip
    /// what they share instead ("新增…工程技…", "新增…企业技…"); other columns keep the plain cut,
    /// which ends in "…" (the summary looks for it to print numbers without their labels).
    func cutting(column j: Int, to width: Int, keepingApart: Bool = false) -> TextTable {
        let cells = ([header] + rows).map { j < $0.count ? $0[j] : "" }
        let cuts = keepingApart ? Self.distinctCuts(cells, to: width) : cells.map { Self.truncate($0, to: width) }
        func cut(_ r: [String], _ k: Int) -> [String] { r.indices.map { $0 == j ? cuts[k] : r[$0] } }
        var t = TextTable(header: cut(header, 0), rightAligned: rightAligned)
        for (k, r) in rows.enumerated() { t.append(cut(r, k + 1)) }
        return t
    }

    /// `cells` cut to `width` columns, each as `truncate` cuts it unless that makes different
    /// cells read alike. Those keep their first few columns, skip the rest of what they all begin
    /// with and show what follows; where that still reads alike (or like another cell), they keep
    /// `truncate`'s cut.
    static func distinctCuts(_ cells: [String], to width: Int) -> [String] {
        var out = cells.map { truncate($0, to: width) }
        let groups = Dictionary(grouping: cells.indices.filter { out[$0].hasSuffix("…") }, by: { out[$0] })
        for key in groups.keys.sorted() {
            let members = groups[key]!
            let originals = members.map { cells[$0] }
            guard Set(originals).count > 1 else { continue }
            var shared = originals.dropFirst().reduce(Array(originals[0])) { p, s in
                Array(zip(p, s).prefix { $0 == $1 }.map(\.0))
            }
            // Words are not split: "New provincial-or-higher en" (engineering, enterprise)
            // skips to the last space or hyphen it holds.
            if let end = shared.lastIndex(where: { $0 == " " || $0 == "-" }) { shared = Array(shared[...end]) }
            // The first few columns (up to a third of the width) keep the context.
            var head = "", used = 0
            for c in shared {
                let cw = Self.width(String(c))
                if used + cw > min(4, width / 3) { break }
                head.append(c)
                used += cw
            }
            let tried = originals.map {
                head + "…" + truncate(String($0.dropFirst(shared.count)), to: width - used - 1)
            }
            let taken = Set(out.indices.filter { !members.contains($0) }.map { out[$0] })
            guard Set(tried).count == Set(originals).count, taken.isDisjoint(with: tried),
                tried.allSatisfy({ Self.width($0) <= width })
            else { continue }
            for (m, c) in zip(members, tried) { out[m] = c }
        }
        return out
    }

    public func render() -> String {
        let all = [header] + rows
        let n = header.count
        var widths = [Int](repeating: 0, count: n)
        for r in all { for j in 0..<min(n, r.count) { widths[j] = max(widths[j], Self.width(r[j])) } }
        func line(_ r: [String]) -> String {
            (0..<n).map { j -> String in
                let s = j < r.count ? r[j] : ""
                let pad = String(repeating: " ", count: widths[j] - Self.width(s))
                return rightAligned.contains(j) ? pad + s : s + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}
