import Foundation
import Yams

/// A YAML file parsed with Yams into nodes that keep their line numbers, so that every
/// complaint about a key or value can name `file:line:column`.
public struct YAMLDocument {
    public let file: String
    public let root: Node?

    /// The most YAML read, in bytes. Plans and scenarios are written by hand (the bundled
    /// plan.yaml is 92 KB), and composing YAML into nodes takes about 80 times its size in
    /// memory: a 6 MB scenario peaked at 460 MB, so a 60 MB one would have been killed in a
    /// small container (found 2026-11-30). Less where this machine has less to spare.
    public static var maximumBytes: Int { Int(min(8e6, MemoryBudget.spare(threads: 1) / 100)) }

    public init(text: String, file: String) throws(InputError) {
        self.file = file
        let size = text.utf8.count
        guard size <= Self.maximumBytes else {
            throw InputError(
                file: file,
                String(
                    format:
                        "the YAML file is %.1f MB; plancast reads at most %.1f MB of YAML (plans and scenarios are written by hand, and parsing takes about 80 times the size in memory)",
                    Double(size) / 1e6, Double(Self.maximumBytes) / 1e6),
                hint: "give the right file; generated scenarios can be split into several files",
                zh: String(
                    format:
                        "YAML 文件有 %.1f MB；plancast 最多读取 %.1f MB 的 YAML（规划和情景文件是手写的，解析所需内存约为文件大小的 80 倍）",
                    Double(size) / 1e6, Double(Self.maximumBytes) / 1e6),
                hintZh: "请给出正确的文件；自动生成的情景可以拆成几个文件")
        }
        if let key = YAMLKeys.firstComplexKey(in: text) {
            throw InputError(
                file: file, line: key.line, column: key.column,
                "a key must be plain text, and this is \(key.what): plancast's files never need one, and Yams would "
                    + "walk the whole node to compare keys (an alias of nested lists is billions of nodes)",
                hint:
                    "write the key as a plain name followed by ':' (e.g. 'growth:'), and a list or alias as its value",
                zh:
                    "键必须是普通文本，这里却是\(YAMLKeys.chinese(key.what))：plancast 的文件从不需要这样的键，而 Yams 比较键时会遍历整个节点（嵌套列表的别名可达数十亿个节点）",
                hintZh: "请把键写成普通名称加“:”（例如“growth:”），把列表或别名写在值的位置"
            )
        }
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.locate(error, file: file, text: text)
        } catch {
            throw InputError(
                file: file, "cannot parse YAML: \(error)", hint: "check the indentation and quoting",
                zh: "无法解析 YAML：\(error)", hintZh: "请检查缩进和引号")
        }
    }

    static func locate(_ error: YamlError, file: String, text: String = "") -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return InputError(
                file: file, line: mark.line, column: mark.column, "invalid YAML: \(problem)",
                hint: typingSlip(in: text, near: mark.line) ?? YAMLProblems.hint(problem, chinese: false)
                    ?? "check the indentation and quoting near this place",
                zh: "YAML 格式有误：\(YAMLProblems.chinese(problem))",
                hintZh: typingSlip(in: text, near: mark.line, chinese: true) ?? YAMLProblems.hint(
                    problem, chinese: true)
                    ?? "请检查此处附近的缩进和引号")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Located at the key's first appearance (Yams's mark); before 2026-11-30 no line at all.
            let mark = context.mark.line > 0 ? context.mark : nil
            return InputError(
                file: file, line: mark?.line, column: mark?.column,
                "duplicated key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping (the first appears here)",
                hint: "each key may appear once in a mapping: remove or merge the repeated one",
                zh: "同一映射中有重复的键 \(duplicates.map { "“\($0)”" }.joined(separator: "、"))（第一次出现在此处）",
                hintZh: "同一映射中每个键只能出现一次：请删除或合并重复的键")
        default:
            return InputError(file: file, "invalid YAML: \(error)", zh: "YAML 格式有误：\(error)")
        }
    }

    /// What a hand-typed YAML file most often gets wrong, found on the line of a parse error or
    /// the line before it (libyaml notices a slip where the next token cannot follow): a tab in
    /// the indentation, which YAML forbids, and a full-width colon (：) typed with Chinese
    /// punctuation, which is not a key's colon. Nil when neither is there.
    static func typingSlip(in text: String, near line: Int, chinese: Bool = false) -> String? {
        guard line >= 1, !text.isEmpty else { return nil }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for n in [line, line - 1] where n >= 1 && n <= lines.count {
            let l = lines[n - 1]
            if l.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                return chinese
                    ? "第 \(n) 行用制表符缩进：YAML 只能用空格缩进" : "line \(n) is indented with a tab: YAML indents with spaces only"
            }
            // In a key's place: before any ASCII colon, quote or comment ("description: 说明：…"
            // is a value that holds one, and fine).
            if let c = l.firstIndex(of: "："), !l[..<c].contains(where: { ":\"'#".contains($0) }) {
                return chinese
                    ? "第 \(n) 行有全角冒号（：）：键以半角冒号“:”加一个空格结尾（英文标点）"
                    : "line \(n) has a full-width colon (：): a key ends with ':' and a space (English punctuation)"
            }
        }
        return nil
    }

    /// An error located at `node`.
    public func error(
        at node: Node?, _ message: String, hint: String? = nil, zh: String? = nil, hintZh: String? = nil
    ) -> InputError {
        InputError(
            file: file, line: node?.mark?.line, column: node?.mark?.column, message, hint: hint, zh: zh,
            hintZh: hintZh)
    }

    /// `what` of `mapping(_:allowed:what:)` in a Chinese message: a key's name in quotes.
    public static func whatZh(_ what: String) -> String {
        switch what {
        case "a scenario": return "情景文件"
        case "a driver path": return "驱动因素路径"
        case "a growth lever": return "增长杠杆"
        case "a level shift": return "水平调整"
        case "a shock": return "冲击"
        case "a volatility lever": return "波动杠杆"
        case "an effect of a driver": return "驱动因素的影响"
        default: return "“\(what)”"
        }
    }

    /// The pairs of a mapping node, keys as strings; rejects keys outside `allowed` with the
    /// nearest valid key as a hint.
    public func mapping(_ node: Node?, allowed: [String], what: String, allowAny: Bool = false) throws(InputError) -> [(
        key: String, keyNode: Node, value: Node
    )] {
        guard let node, let map = node.mapping else {
            let colon = node?.string.map { $0.contains("：") } == true
            let slip =
                colon ? "a full-width colon (：) is not a key's colon: write ':' and a space (English punctuation)" : nil
            throw error(
                at: node, "\(what) must be a mapping of key: value", hint: slip,
                zh: "\(Self.whatZh(what))必须是“键: 值”形式的映射",
                hintZh: colon ? "全角冒号（：）不是键的冒号：请写半角“:”加一个空格（英文标点）" : nil)
        }
        var out = [(key: String, keyNode: Node, value: Node)]()
        for (k, v) in map {
            guard let key = k.string else { throw error(at: k, "keys must be text", zh: "键必须是文本") }
            if !allowAny && !allowed.contains(key) {
                let near = nearest(to: key, among: allowed)
                let hint =
                    near.map { "did you mean '\($0)'? Valid keys: \(allowed.joined(separator: ", "))" }
                    ?? "valid keys: \(allowed.joined(separator: ", "))"
                let hintZh =
                    near.map { "是否想写“\($0)”？可用的键：\(allowed.joined(separator: "、"))" }
                    ?? "可用的键：\(allowed.joined(separator: "、"))"
                throw error(
                    at: k, "unknown key '\(key)' in \(what)", hint: hint,
                    zh: "\(Self.whatZh(what))中有未知的键“\(key)”", hintZh: hintZh)
            }
            out.append((key, k, v))
        }
        return out
    }

    public func string(_ node: Node, _ key: String) throws(InputError) -> String {
        guard let s = node.string, node.scalar != nil else {
            throw error(at: node, "'\(key)' must be text", zh: "“\(key)”必须是文本")
        }
        return s
    }

    /// A name that keys outputs (a scenario's, a lever's): text that is not empty, not YAML's
    /// null (`~`, `null` unquoted), and has no control characters or surrounding spaces, which
    /// would make a blank or invisible column in attainment.csv and the report.
    public func name(_ node: Node, _ key: String) throws(InputError) -> String {
        let s = try string(node, key)
        let plain = node.scalar?.style == .plain
        if plain && ["~", "null", "Null", "NULL"].contains(s) {
            throw error(
                at: node, "'\(key)' is \(s), which YAML reads as no value",
                hint: "quote it ('\(s)') to use it as a name, or leave '\(key)' out to use the default",
                zh: "“\(key)”是 \(s)，YAML 把它读作“无值”",
                hintZh: "如要用作名称，请加引号（'\(s)'）；或删去“\(key)”，使用默认值")
        }
        if s.trimmingCharacters(in: .whitespaces).isEmpty {
            throw error(
                at: node, "'\(key)' is empty", hint: "write a name, or leave '\(key)' out to use the default",
                zh: "“\(key)”是空的", hintZh: "请写一个名称，或删去“\(key)”，使用默认值")
        }
        if s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw error(
                at: node, "'\(key)' holds a control character (a tab or line break)", hint: "write it on one line",
                zh: "“\(key)”中有控制字符（制表符或换行）", hintZh: "请写在一行内")
        }
        if s != s.trimmingCharacters(in: .whitespaces) {
            throw error(
                at: node, "'\(key)' begins or ends with a space", hint: "remove the spaces around it",
                zh: "“\(key)”的开头或结尾有空格", hintZh: "请删去前后的空格")
        }
        return s
    }

    public func int(_ node: Node, _ key: String) throws(InputError) -> Int {
        guard let s = node.scalar?.string, let v = Int(s) else {
            throw error(at: node, "'\(key)' must be a whole number", zh: "“\(key)”必须是整数")
        }
        return v
    }

    /// A number that is a ratio (a probability, an elasticity, a scale), where `parseNumber`'s
    /// dropping of a trailing % would read "60%" as 60: refused, with the ratio it meant.
    public func ratio(_ node: Node, _ key: String) throws(InputError) -> Double {
        let v = try double(node, key)
        if let s = node.scalar?.string, endsInPercentSign(s) {
            throw error(
                at: node, "'\(key)' is a ratio, not a percentage ('\(s)')",
                hint: "write \(v / 100) for \(s)", zh: "“\(key)”是比值，不是百分数（“\(s)”）",
                hintZh: "\(s) 请写成 \(v / 100)")
        }
        return v
    }

    public func double(_ node: Node, _ key: String) throws(InputError) -> Double {
        guard let s = node.scalar?.string, let v = parseNumber(s) else {
            throw error(at: node, "'\(key)' must be a number", zh: "“\(key)”必须是数字")
        }
        return v
    }
}
