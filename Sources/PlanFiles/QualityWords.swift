import Indicators

/// A `quality` cell as people write it: the flag itself in any case, with spaces or hyphens for
/// underscores ("Lower bound", "lower-bound"), or the Chinese word a statistics bureau uses for
/// the same reading ("下限", "突破", "预计", "年中", "不可比"; Notebooks-data/README.md "How
/// quality flags are read"). Since 2026-12-01; before, only the flags as written.
enum QualityWords {
    static let chinese: [String: Quality] = {
        var m = [String: Quality]()
        let words: [(Quality, [String])] = [
            (.actual, ["实际", "实际值", "统计值", "公报"]),
            (.planBase, ["基期", "基期值", "规划基期"]),
            (.estimate, ["预计", "估计", "约", "约数", "预计数", "初步", "快报"]),
            (.lowerBound, ["下限", "突破", "超过", "超", "以上", "不少于", "不低于", "逾"]),
            (.upperBound, ["上限", "近", "接近", "不到", "不足", "以下", "不超过", "以内"]),
            (.snapshot, ["年中", "时点", "时点值", "年中值"]),
            (.spliced, ["拼接", "衔接", "口径衔接"]),
            (.partialYear, ["部分年度", "上半年", "前三季度", "半年", "季度"]),
            (.notComparable, ["不可比", "口径不同", "口径不一致"]),
        ]
        for (q, ws) in words { for w in ws { m[w] = q } }
        return m
    }()

    /// The quality `text` names, or nil.
    static func quality(_ text: String) -> Quality? {
        if let q = Quality(rawValue: text) { return q }
        if let q = chinese[text] { return q }
        let flag = String(text.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
        return Quality(rawValue: flag)
    }
}
