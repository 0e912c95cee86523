import IO
import Indicators

/// What to write instead of a value cell worded the way Chinese statistics word figures
/// ("超3000", "近700", "约3.5", "3000余", "50.5万"). Such a cell is not read as a number: the
/// wording is evidence, and a file states it through `quality` (Notebooks-data/README.md "How
/// quality flags are read"), and a multiplier belongs to the unit. The error then names the
/// number and the quality that say the same.
enum ValueWording {
    /// Words before a number that make it a lower bound, an upper bound or an estimate.
    static let before: [(words: [String], quality: Quality)] = [
        (["超过", "超", "突破", "逾", "多于", "高于", "大于", "不少于", "不低于", "≥", ">"], .lowerBound),
        (["接近", "近", "不到", "不足", "低于", "少于", "小于", "不超过", "≤", "<"], .upperBound),
        (["大约", "约为", "约", "预计", "估计", "≈", "~"], .estimate),
    ]
    /// Words after a number (after its multiplier: "3000余", "50万余").
    static let after: [(words: [String], quality: Quality)] = [
        (["以上", "余", "多", "+"], .lowerBound), (["以下", "以内"], .upperBound), (["左右"], .estimate),
    ]
    static let multipliers: [(word: String, factor: Double)] = [("万", 1e4), ("亿", 1e8)]

    /// Where the hint sends the quality: a long file's `quality` column, or the long layout.
    enum Layout { case long, wide }

    /// The hint for a cell `text` that is not a number, or nil when it is not such a wording.
    static func hint(for text: String, layout: Layout) -> String? {
        var s = text.trimmingWhitespace()
        if let comma = decimalCommaHint(s) { return comma }
        var quality: Quality? = nil
        func strip(_ table: [(words: [String], quality: Quality)], prefix: Bool) {
            guard quality == nil else { return }
            for (words, q) in table {
                guard let w = words.first(where: { prefix ? s.hasPrefix($0) : s.hasSuffix($0) }) else { continue }
                s = String(prefix ? s.dropFirst(w.count) : s.dropLast(w.count)).trimmingWhitespace()
                quality = q
                return
            }
        }
        // An accountant's negative: "(5)" is −5.
        if s.hasPrefix("("), s.hasSuffix(")"), let v = parseNumber(String(s.dropFirst().dropLast())), v > 0 {
            return "write -\(format(v)) for a negative number"
        }
        strip(before, prefix: true)
        strip(after, prefix: false)
        // A unit after the number ("2744家", "50.5万人", "3000余家"): letters other than a
        // multiplier or a word of `after`, which are read next.
        var unit = ""
        while let last = s.last, last.isLetter, !"万亿余多".contains(last) {
            unit = String(last) + unit
            s.removeLast()
        }
        s = s.trimmingWhitespace()
        if !unit.isEmpty { strip(after, prefix: false) }
        let multiplier = multipliers.first { s.hasSuffix($0.word) }
        if let m = multiplier { s = String(s.dropLast(m.word.count)).trimmingWhitespace() }
        guard let v = parseNumber(s), quality != nil || multiplier != nil || !unit.isEmpty else { return nil }
        var out = "write \(format(v))"
        if let m = multiplier {
            let base = unit.isEmpty ? "人" : unit
            out =
                "write the number in the indicator's unit, without '\(m.word)': \(format(v)) for a unit of \(m.word)\(base), "
                + "\(format(v * m.factor)) for \(base)"
        } else if !unit.isEmpty {
            out += " without the unit '\(unit)' (the indicator's unit, in indicators.csv, says what a value counts)"
        }
        if let quality {
            switch layout {
            case .long:
                out += ", and give the row quality \(quality.rawValue) (add a quality column if the file has none)"
            case .wide:
                out += " with quality \(quality.rawValue), in the long layout (indicator,year,value,quality)"
            }
        }
        return out
    }

    /// The hint for a target or goal cell that is not a number but holds one with a plan's
    /// wording around it ("3500家", "≥3500", "3500以上", "4万"): a target is a number in the
    /// indicator's unit, and the direction column, not the cell, says whether it is a floor or
    /// a ceiling. Nil when the cell holds no such number.
    static func targetHint(for text: String) -> String? {
        if let comma = decimalCommaHint(text) { return comma }
        // The observation hint's reading of the number, its multiplier and unit.
        guard let observed = hint(for: text, layout: .long), observed.hasPrefix("write ") else { return nil }
        if observed.hasPrefix("write the number in the indicator's unit") {
            return observed.components(separatedBy: ", and give the row quality").first
        }
        let number = observed.dropFirst("write ".count).prefix { $0 != " " && $0 != "," }
        return "write \(number): a target is a number in the indicator's unit (the unit column), and the direction "
            + "column says whether it is a floor (increase) or a ceiling (decrease)"
    }

    /// "3,8" or "-0,25" (a decimal comma, as spreadsheets in many locales write it) with a
    /// point instead; nil for anything else, including thousands ("1,234", which parses).
    static func decimalComma(_ s: String) -> String? {
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, parseNumber(s) == nil else { return nil }
        let whole = parts[0].hasPrefix("-") ? parts[0].dropFirst() : parts[0]
        guard !whole.isEmpty, !parts[1].isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber),
            parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber)
        else { return nil }
        return "\(parts[0]).\(parts[1])"
    }

    /// The hint for a number written with a decimal comma, or nil.
    static func decimalCommaHint(_ text: String) -> String? {
        decimalComma(text.trimmingWhitespace()).map {
            "a decimal comma? write \($0): plancast reads a point as the decimal mark and a comma between groups "
                + "of three digits (1,234.5)"
        }
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
