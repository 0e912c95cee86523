import Foundation
import IO

/// Years as people write them in spreadsheet headers and cells: `2022`, `2022年`, `2022 年`,
/// `2022年度`, `2022年末`, `2022年底`, `FY2022`, `2022.0`, full-width `２０２２`.
enum YearText {
    /// The years plancast reads.
    static let range = 1900...2200

    /// The year `text` stands for, or nil.
    static func year(_ text: String) -> Int? {
        // Full-width digits and letters to ASCII (NFKC), then the usual decorations.
        var s = text.precomposedStringWithCompatibilityMapping.trimmingWhitespace()
        for prefix in ["FY", "fy", "Fy"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        for suffix in ["年度", "年末", "年底", "年"] where s.hasSuffix(suffix) {
            s.removeLast(suffix.count)
            break
        }
        s = s.trimmingWhitespace()
        if s.hasSuffix(".0") { s.removeLast(2) }
        guard s.count == 4, s.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(s), range.contains(y) else {
            return nil
        }
        return y
    }

    /// The year columns of a wide table. A header that contains a year but is not one
    /// (`2022Q1`, `2022上半年`) and two columns for one year are errors.
    static func columns(of t: CSVTable) throws(InputError) -> [(Int, Int)] {
        var out = [(Int, Int)]()
        for (j, h) in t.header.enumerated() {
            if let y = year(h) {
                if let other = out.first(where: { $0.1 == y }) {
                    throw InputError(
                        file: t.file, line: t.lines.first.map { _ in 1 } ?? 1, column: j + 1,
                        "two columns for \(y) ('\(t.writtenHeader[other.0])' and '\(t.writtenHeader[j])')",
                        hint: "keep one column per year",
                        zh: "\(y)年有两列（“\(t.writtenHeader[other.0])”和“\(t.writtenHeader[j])”）",
                        hintZh: "每年只保留一列")
                }
                out.append((j, y))
            } else if containsYear(h) {
                throw InputError(
                    file: t.file, line: 1, column: j + 1,
                    "column \(InputError.excerpt(t.writtenHeader[j])) looks like a year but is not one plancast can read",
                    hint: "name year columns 2022 or 2022年 (yearly values only; move partial years to a note)",
                    zh: "列“\(t.writtenHeader[j])”看起来像年份，但 plancast 读不出来",
                    hintZh: "年份列请命名为 2022 或 2022年（只放全年数值；非全年的数字请移到备注）")
            }
        }
        return out
    }

    /// What to do with a year cell that holds a year but is not one: a span of years
    /// (`2022-2024`, `2023/24`) is a sum over years; anything else after the year (`2023H1`,
    /// `2023年上半年`, `2023-06`) a part of the year. Nil when `text` holds no year.
    static func hint(for text: String, chinese: Bool = false) -> String? {
        guard containsYear(text) else { return nil }
        let s = text.precomposedStringWithCompatibilityMapping
        let runs = s.split { !($0.isASCII && $0.isNumber) }
        let years = runs.compactMap { $0.count == 4 ? Int($0).flatMap { range.contains($0) ? $0 : nil } : nil }
        let spanMark = s.contains("-") || s.contains("/") || s.contains("–") || s.contains("至")
        // 2023/24 is a span: its two-digit end lies up to ten years after the year. 2023-06 is a
        // month (06 would be a year before 2023).
        var shortEnd = false
        if spanMark, runs.count == 2, runs[1].count == 2, let end = Int(runs[1]), let first = years.first {
            let after = end - first % 100
            shortEnd = after > 0 && after <= 10
        }
        if years.count >= 2 || shortEnd {
            return chinese
                ? "这是跨年的时段：请写它的最后一年，并把第一年写在 since 列（多年累计）"
                : "a span of years: write its last year, and its first in a since column (a sum over years)"
        }
        return chinese
            ? "这是一年中的一部分：请只写年份（2023），并把该行的 quality 写为 snapshot（年中）或 partial_year（部分年度）"
            : "a part of a year: write the year alone (2023) and give the row quality snapshot (年中) or partial_year (部分年度)"
    }

    /// Whether `text` holds four digits that read as a year of `range`.
    static func containsYear(_ text: String) -> Bool {
        let digits = Array(text.precomposedStringWithCompatibilityMapping)
        var k = 0
        while k < digits.count {
            guard digits[k].isASCII, digits[k].isNumber else {
                k += 1
                continue
            }
            var e = k
            while e < digits.count, digits[e].isASCII, digits[e].isNumber { e += 1 }
            if e - k == 4, let y = Int(String(digits[k..<e])), range.contains(y) { return true }
            k = e
        }
        return false
    }
}
