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
                hint: "give the right file; generated scenarios can be split into several files")
        }
        if let key = YAMLKeys.firstComplexKey(in: text) {
            throw InputError(
                file: file, line: key.line, column: key.column,
                "a key must be plain text, and this is \(key.what): plancast's files never need one, and Yams would "
                    + "walk the whole node to compare keys (an alias of nested lists is billions of nodes)",
                hint: "write the key as a plain name followed by ':' (e.g. 'growth:'), and a list or alias as its value"
            )
        }
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.locate(error, file: file, text: text)
        } catch {
            throw InputError(file: file, "cannot parse YAML: \(error)", hint: "check the indentation and quoting")
        }
    }

    static func locate(_ error: YamlError, file: String, text: String = "") -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return InputError(
                file: file, line: mark.line, column: mark.column, "invalid YAML: \(problem)",
                hint: typingSlip(in: text, near: mark.line) ?? "check the indentation and quoting near this place")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Located at the key's first appearance (Yams's mark); before 2026-11-30 no line at all.
            let mark = context.mark.line > 0 ? context.mark : nil
            return InputError(
                file: file, line: mark?.line, column: mark?.column,
                "duplicated key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping (the first appears here)",
                hint: "each key may appear once in a mapping: remove or merge the repeated one")
        default:
            return InputError(file: file, "invalid YAML: \(error)")
        }
    }

    /// What a hand-typed YAML file most often gets wrong, found on the line of a parse error or
    /// the line before it (libyaml notices a slip where the next token cannot follow): a tab in
    /// the indentation, which YAML forbids, and a full-width colon (：) typed with Chinese
    /// punctuation, which is not a key's colon. Nil when neither is there.
    static func typingSlip(in text: String, near line: Int) -> String? {
        guard line >= 1, !text.isEmpty else { return nil }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for n in [line, line - 1] where n >= 1 && n <= lines.count {
            let l = lines[n - 1]
            if l.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                return "line \(n) is indented with a tab: YAML indents with spaces only"
            }
            // In a key's place: before any ASCII colon, quote or comment ("description: 说明：…"
            // is a value that holds one, and fine).
            if let c = l.firstIndex(of: "："), !l[..<c].contains(where: { ":\"'#".contains($0) }) {
                return "line \(n) has a full-width colon (：): a key ends with ':' and a space (English punctuation)"
            }
        }
        return nil
    }

    /// An error located at `node`.
    public func error(at node: Node?, _ message: String, hint: String? = nil) -> InputError {
        InputError(file: file, line: node?.mark?.line, column: node?.mark?.column, message, hint: hint)
    }

    /// The pairs of a mapping node, keys as strings; rejects keys outside `allowed` with the
    /// nearest valid key as a hint.
    public func mapping(_ node: Node?, allowed: [String], what: String, allowAny: Bool = false) throws(InputError) -> [(
        key: String, keyNode: Node, value: Node
    )] {
        guard let node, let map = node.mapping else {
            let slip =
                node?.string.map { $0.contains("：") } == true
                ? "a full-width colon (：) is not a key's colon: write ':' and a space (English punctuation)" : nil
            throw error(at: node, "\(what) must be a mapping of key: value", hint: slip)
        }
        var out = [(key: String, keyNode: Node, value: Node)]()
        for (k, v) in map {
            guard let key = k.string else { throw error(at: k, "keys must be text") }
            if !allowAny && !allowed.contains(key) {
                let hint =
                    nearest(to: key, among: allowed).map {
                        "did you mean '\($0)'? Valid keys: \(allowed.joined(separator: ", "))"
                    }
                    ?? "valid keys: \(allowed.joined(separator: ", "))"
                throw error(at: k, "unknown key '\(key)' in \(what)", hint: hint)
            }
            out.append((key, k, v))
        }
        return out
    }

    public func string(_ node: Node, _ key: String) throws(InputError) -> String {
        guard let s = node.string, node.scalar != nil else { throw error(at: node, "'\(key)' must be text") }
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
                hint: "quote it ('\(s)') to use it as a name, or leave '\(key)' out to use the default")
        }
        if s.trimmingCharacters(in: .whitespaces).isEmpty {
            throw error(
                at: node, "'\(key)' is empty", hint: "write a name, or leave '\(key)' out to use the default")
        }
        if s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw error(
                at: node, "'\(key)' holds a control character (a tab or line break)", hint: "write it on one line")
        }
        if s != s.trimmingCharacters(in: .whitespaces) {
            throw error(at: node, "'\(key)' begins or ends with a space", hint: "remove the spaces around it")
        }
        return s
    }

    public func int(_ node: Node, _ key: String) throws(InputError) -> Int {
        guard let s = node.scalar?.string, let v = Int(s) else {
            throw error(at: node, "'\(key)' must be a whole number")
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
                hint: "write \(v / 100) for \(s)")
        }
        return v
    }

    public func double(_ node: Node, _ key: String) throws(InputError) -> Double {
        guard let s = node.scalar?.string, let v = parseNumber(s) else {
            throw error(at: node, "'\(key)' must be a number")
        }
        return v
    }
}
