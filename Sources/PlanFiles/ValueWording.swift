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

    /// The hint for a cell `text` that is not a number, or nil when it is not such a wording;
    /// in Chinese when `chinese`.
    static func hint(for text: String, layout: Layout, chinese: Bool = false) -> String? {
        reading(of: text, layout: layout, chinese: chinese).map { $0.number + ($0.quality ?? "") }
    }

    /// The hint of `hint(for:layout:chinese:)` in two parts: what to write for the number, and
    /// (when the wording makes it a bound or an estimate) the quality to give it.
    static func reading(of text: String, layout: Layout, chinese: Bool) -> (number: String, quality: String?)? {
        var s = text.trimmingWhitespace()
        if let other = cellHint(s, chinese: chinese) { return (other, nil) }
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
            return (chinese ? "负数请写成 -\(format(v))" : "write -\(format(v)) for a negative number", nil)
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
        let base = unit.isEmpty ? "人" : unit
        var out: String
        if chinese {
            if let m = multiplier {
                out =
                    "请按指标的单位写数字，不带“\(m.word)”：单位为\(m.word)\(base)时写 \(format(v))，"
                    + "单位为\(base)时写 \(format(v * m.factor))"
            } else {
                out = "请写 \(format(v))"
                if !unit.isEmpty { out += "，不带单位“\(unit)”（数值的单位由 indicators.csv 中指标的单位说明）" }
            }
        } else if let m = multiplier {
            out =
                "write the number in the indicator's unit, without '\(m.word)': \(format(v)) for a unit of \(m.word)\(base), "
                + "\(format(v * m.factor)) for \(base)"
        } else {
            out = "write \(format(v))"
            if !unit.isEmpty {
                out += " without the unit '\(unit)' (the indicator's unit, in indicators.csv, says what a value counts)"
            }
        }
        guard let quality else { return (out, nil) }
        switch (layout, chinese) {
        case (.long, false):
            return (out, ", and give the row quality \(quality.rawValue) (add a quality column if the file has none)")
        case (.wide, false):
            return (out, " with quality \(quality.rawValue), in the long layout (indicator,year,value,quality)")
        case (.long, true):
            return (out, "，并把该行的 quality 写为 \(quality.rawValue)（\(quality.zh)；文件没有 quality 列就加上一列）")
        case (.wide, true):
            return (out, "，quality 写为 \(quality.rawValue)（\(quality.zh)），并改用长格式（indicator,year,value,quality）")
        }
    }

    /// The hint for a target or goal cell that is not a number but holds one with a plan's
    /// wording around it ("3500家", "≥3500", "3500以上", "4万"): a target is a number in the
    /// indicator's unit, and the direction column, not the cell, says whether it is a floor or
    /// a ceiling. Nil when the cell holds no such number.
    static func targetHint(for text: String, chinese: Bool = false) -> String? {
        if let comma = decimalCommaHint(text, chinese: chinese) { return comma }
        // The observation hint's reading of the number, its multiplier and unit.
        guard let observed = reading(of: text, layout: .long, chinese: false)?.number, observed.hasPrefix("write ")
        else { return nil }
        if observed.hasPrefix("write the number in the indicator's unit") {
            return chinese ? reading(of: text, layout: .long, chinese: true)?.number : observed
        }
        let number = observed.dropFirst("write ".count).prefix { $0 != " " && $0 != "," }
        return chinese
            ? "请写 \(number)：目标是按指标单位（unit 列）计的数字，是下限（increase）还是上限（decrease）由 direction 列说明"
            : "write \(number): a target is a number in the indicator's unit (the unit column), and the direction "
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
    static func decimalCommaHint(_ text: String, chinese: Bool = false) -> String? {
        decimalComma(text.trimmingWhitespace()).map {
            chinese
                ? "是小数逗号吗？请写 \($0)：plancast 以小数点表示小数，逗号只用于三位一组的数字分隔（1,234.5）"
                : "a decimal comma? write \($0): plancast reads a point as the decimal mark and a comma between groups "
                    + "of three digits (1,234.5)"
        }
    }

    /// The hint for a cell that holds neither a number nor a mark of no value (`isNoValueMark`)
    /// but looks like one of them:
    /// - a decimal comma;
    /// - a word that analysts' tools write for a missing value (`isMissingValueWord`: `NA`,
    ///   `#N/A`…), which a planner's files do not read (the forecast input does);
    /// - an ellipsis (`…`, `……`, `...`), which a Chinese statistical yearbook prints for a figure
    ///   below the smallest unit shown (国家统计局,《中国统计年鉴》"符号使用说明": "…" 表示数字不足最小
    ///   单位数) — a number near zero, not a missing one, so plancast does not guess.
    static func cellHint(_ text: String, chinese: Bool = false) -> String? {
        if let comma = decimalCommaHint(text, chinese: chinese) { return comma }
        let s = text.trimmingWhitespace()
        if isMissingValueWord(s) {
            if s.uppercased() == "#N/A" {
                return chinese
                    ? "“#N/A”是电子表格查找失败的标记：请修正公式；该年没有数值时，宽格式留空或写 -，长格式删去这一行"
                    : "'#N/A' is a spreadsheet's failed lookup: fix the formula; for a year without a figure, "
                        + "leave the cell blank or write - (wide layout), or leave the row out (long layout)"
            }
            return chinese
                ? "“\(s)”在 R、pandas 等工具中表示缺失值；计划文件中没有数值的年份，宽格式留空或写 -，长格式删去这一行"
                : "'\(s)' marks a missing value in R or pandas; in a plan's files a year without a figure is a blank "
                    + "cell or - (wide layout), or no row (long layout)"
        }
        guard s.contains("…") || (s.count >= 3 && s.allSatisfy { $0 == "." }), s.allSatisfy({ $0 == "…" || $0 == "." })
        else { return nil }
        return chinese
            ? "统计年鉴中的“…”表示数字不足最小单位数：请写 0 或原始数字；该年没有数值时让单元格留空（长格式的观测文件删去这一行）"
            : "'…' in a statistical yearbook marks a figure below the smallest unit shown: write 0 or the figure; "
                + "for a year without a figure, leave the cell blank (in a long observations file, leave the row out)"
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
