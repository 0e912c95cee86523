/// Mapping keys that are not plain text, found before Yams composes the file.
///
/// Yams checks a mapping's keys for duplicates by hashing them, and hashing a key node walks
/// all of it. A key that is an alias of a nested list (`? *a8`, or `*a8: x`) is, through the
/// aliases inside it, a tree of 10⁹ nodes written in ten lines: composing such a file ran for
/// hours (found 2026-12-02 by `scripts/fuzz`: a 661-byte scenario timed out, and `? *a8` in a
/// `groups` list kept `check` busy for more than a minute). Aliases as values cost nothing (a
/// value is shared, not copied, and plancast's readers refuse a nested list at its first
/// element); only keys are walked. plancast's files have plain keys only (names, years, ids),
/// so an explicit key (`? `), an alias as a key and a list or mapping as a key are refused
/// where they are written.
///
/// The scan reads the text as YAML's syntax places these indicators: outside quoted strings,
/// comments, block scalars (`|`, `>`) and the lines that continue a plain scalar (indented
/// more than the key or `- ` it belongs to), at the start of a node (after the indentation, a
/// `- `, a `: `, `[`, `{` or `,`). A quote opens a string only at the start of a node: until
/// 2026-12-03 a `"` inside plain text (`note: 5" wide`) was read as opening one, and an alias
/// bomb as a key on a later line went unseen (`check` ran until killed). Found by a
/// differential fuzz against libyaml's own scanner (PyYAML's CLoader), which also found
/// `? ` at the start of a continued line refused as an explicit key.
enum YAMLKeys {
    /// `what` of `firstComplexKey(in:)` in Chinese.
    static func chinese(_ what: String) -> String {
        if what.hasPrefix("an explicit key") { return "显式键（“? ”）" }
        if what.hasPrefix("an alias ('"), let end = what.range(of: "') as a key") {
            return "用作键的别名（“" + what[what.index(what.startIndex, offsetBy: 11)..<end.lowerBound] + "”）"
        }
        return what.contains("list") ? "用作键的列表" : "用作键的映射"
    }

    /// Line and column (1-based) of the first key that is not plain text, and what it is.
    static func firstComplexKey(in text: String) -> (line: Int, column: Int, what: String)? {
        var quote: Character? = nil
        var depth = 0  // flow collections open ([ or {), across lines
        var blockIndent: Int? = nil  // inside a block scalar: the lines indented more than this
        var plainOpen: Int? = nil  // a plain scalar ended its line: lines indented more continue it
        var pending: Int? = nil  // a line ended before its key's (or dash's) value: that column
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = Array(raw)
            let indent = line.prefix { $0 == " " }.count
            if let b = blockIndent {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) || indent > b { continue }
                blockIndent = nil
            }
            if let p = plainOpen, depth == 0 {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                if indent > p && line[indent] != "#" {
                    // More text of the scalar, to its end or a comment, which ends the scalar.
                    if zip(line, line.dropFirst()).contains(where: { ($0 == " " || $0 == "\t") && $1 == "#" }) {
                        plainOpen = nil
                    }
                    continue
                }
                plainOpen = nil
            }
            var atNodeStart = true
            let content = indent < line.count && line[indent] != "#" && line[indent] != "\t"
            // The column of the block node the line's text belongs to (a key's or a `- `'s,
            // perhaps on the line before), and where the node being read began.
            var blockColumn = content ? pending ?? indent : indent, nodeColumn = indent
            var plainAtEnd = false
            var i = 0
            func spaceAfter(_ k: Int) -> Bool { k + 1 >= line.count || line[k + 1] == " " || line[k + 1] == "\t" }
            /// The index after an anchor's or alias's name from `k`: ASCII letters, digits, '_'
            /// and '-', as libyaml reads it (`*x: 1` is the alias x, then a colon).
            func nameEnd(_ k: Int) -> Int {
                var j = k
                while j < line.count, line[j].isASCII, line[j].isLetter || line[j].isNumber || "_-".contains(line[j]) {
                    j += 1
                }
                return j
            }
            /// The index after a tag (`!!str`, `!local`): up to a space or a flow indicator.
            func tagEnd(_ k: Int) -> Int {
                var j = k
                while j < line.count, !" \t,[]{}".contains(line[j]) { j += 1 }
                return j
            }
            /// Whether a ':' that marks a key follows `k` on the line before the node can end (a
            /// flow indicator in a flow collection, a comment, the line's end). After an alias or
            /// a closed flow collection libyaml takes that node as the key whatever lies between:
            /// `[*a6 (x): 1]` is a one-pair mapping keyed by `*a6`, composed (and its key hashed,
            /// 10⁶ nodes) before the parse error that follows (a libFuzzer timeout, 2026-12-03;
            /// `[[*a8] x: 1]` is the same with a list). Valid YAML has nothing else after such a
            /// node on its line, so this refuses no valid file.
            func keyLater(_ k: Int) -> Bool {
                var j = k
                while j < line.count {
                    let c = line[j]
                    if depth > 0 && ",[]{}".contains(c) { return false }
                    if c == "#" && (line[j - 1] == " " || line[j - 1] == "\t") { return false }
                    if c == ":" && (j + 1 == line.count || " \t,]}".contains(line[j + 1]) || depth > 0) { return true }
                    j += 1
                }
                return false
            }
            while i < line.count {
                let c = line[i]
                if quote == nil && c != " " && c != "\t" { plainAtEnd = false }
                if let q = quote {
                    if q == "\"" && c == "\\" {
                        i += 2
                        continue
                    }
                    if c == q {
                        if q == "'" && i + 1 < line.count && line[i + 1] == "'" {  // '' is a quote
                            i += 2
                            continue
                        }
                        quote = nil
                    }
                    i += 1
                    continue
                }
                switch c {
                case " ", "\t":
                    i += 1
                    continue
                case "#" where i == 0 || line[i - 1] == " " || line[i - 1] == "\t":
                    i = line.count
                    continue
                case "\"" where atNodeStart, "'" where atNodeStart:
                    quote = c
                    nodeColumn = i
                    atNodeStart = false
                case "?" where atNodeStart && spaceAfter(i):
                    return (index + 1, i + 1, "an explicit key ('? ')")
                case "*" where atNodeStart:
                    nodeColumn = i
                    let j = nameEnd(i + 1)
                    if keyLater(j) { return (index + 1, i + 1, "an alias ('\(String(line[i..<j]))') as a key") }
                    atNodeStart = false
                    i = j
                    continue
                case "&" where atNodeStart:
                    i = nameEnd(i + 1)  // an anchor: the node starts after it
                    continue
                case "!" where atNodeStart:
                    i = tagEnd(i + 1)  // a tag: the node starts after it
                    continue
                case "-" where atNodeStart && spaceAfter(i):
                    blockColumn = i  // a sequence entry: its node starts after the dash
                case "[" where atNodeStart, "{" where atNodeStart:
                    depth += 1
                case "]" where depth > 0, "}" where depth > 0:
                    depth -= 1
                    if keyLater(i + 1) { return (index + 1, i + 1, "a \(c == "]" ? "list" : "mapping") as a key") }
                    atNodeStart = false
                case "," where depth > 0:
                    atNodeStart = true
                case ":" where spaceAfter(i) || depth > 0:
                    if depth == 0 { blockColumn = nodeColumn }  // a key: its value belongs to it
                    atNodeStart = true
                case "|" where atNodeStart && depth == 0, ">" where atNodeStart && depth == 0:
                    blockIndent = indent  // a block scalar: its text is the lines indented more
                    i = line.count
                    continue
                default:
                    // A plain scalar, which runs to ': ' (or a flow indicator), perhaps over lines.
                    if atNodeStart { nodeColumn = i }
                    atNodeStart = false
                    plainAtEnd = true
                }
                i += 1
            }
            plainOpen = depth == 0 && quote == nil && plainAtEnd ? blockColumn : nil
            if content { pending = depth == 0 && quote == nil && atNodeStart ? blockColumn : nil }
        }
        return nil
    }
}
