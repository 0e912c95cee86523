/// A problem with a user's input file, located to the line and column, with what to do next.
///
/// Lines and columns are 1-based as editors show them; `column` counts CSV fields (not
/// characters) for table files, except for bytes that are not text in the file's encoding,
/// which are found before any field is read (their column counts characters), and is nil when
/// the problem is the whole line or file.
/// `messageZh` and `hintZh` say the same in Chinese for a command run with `--lang zh` (the
/// default of `run`, `indicators` and `evaluate`); where a message has no Chinese yet, the
/// English one is shown.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String
    public let hint: String?
    public let messageZh: String?
    public let hintZh: String?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil,
        zh: String? = nil, hintZh: String? = nil
    ) {
        self.file = Self.printable(file, limit: 200)
        self.line = line
        self.column = column
        self.message = Self.shortenQuotes(Self.printable(message, limit: 2000))
        self.hint = hint.map { Self.printable($0, limit: 2000) }
        self.messageZh = zh.map { Self.shortenChineseQuotes(Self.printable($0, limit: 2000)) }
        self.hintZh = hintZh.map { Self.printable($0, limit: 2000) }
    }

    /// A name from a data file (a series id) as a warning line shows it: every control and
    /// format character as an escape, a newline and a carriage return too (an id "a\rb" in a
    /// quoted cell moved the terminal's cursor), cut to `limit` characters.
    public static func oneLine(_ text: String, limit: Int = 100) -> String {
        printable(text, limit: limit, keepNewlines: false)
    }

    /// Control and format characters shown as escapes (a NUL or an escape sequence in a cell must
    /// not reach the terminal), and the whole text cut to `limit` characters; newlines are kept
    /// unless `keepNewlines` is false.
    static func printable(_ text: String, limit: Int, keepNewlines: Bool = true) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            let category = scalar.properties.generalCategory
            // Invisible format characters (a byte-order mark or zero-width space inside a cell)
            // are shown too: "'gdp' is not an indicator" beside a valid 'gdp' would baffle.
            if (category == .control && (scalar != "\n" || !keepNewlines)) || category == .format {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    /// A quoted excerpt of a user's text ('…') longer than 60 characters is cut to its first 40,
    /// with its length, so a 10 MB cell is not echoed whole.
    static func shortenQuotes(_ message: String) -> String {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return message }
        var out = [String]()
        for (i, part) in parts.enumerated() {
            if i % 2 == 1 && i < parts.count - 1 && part.count > 60 {
                out.append(String(part.prefix(40)) + "… (\(part.count) characters)")
            } else {
                out.append(String(part))
            }
        }
        return out.joined(separator: "'")
    }

    /// `shortenQuotes` for a Chinese message, whose quotes are “…”: a quoted text longer than 60
    /// characters is cut to its first 40, with its length.
    static func shortenChineseQuotes(_ message: String) -> String {
        var out = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "“") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "”") else { break }
            let quoted = rest[after..<close]
            out += rest[...open]
            out += quoted.count > 60 ? String(quoted.prefix(40)) + "…（共 \(quoted.count) 个字符）" : String(quoted)
            out += "”"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// `text` in quotes for a message, cut to 40 characters when longer than 60.
    public static func excerpt(_ text: String) -> String {
        "'" + (text.count > 60 ? String(text.prefix(40)) + "… (\(text.count) characters)" : text) + "'"
    }

    /// `file:line:column: message` then the hint on a second line.
    public var description: String { text(chinese: false) }

    /// `file:line:column: message` then `  hint: …` on a second line, in Chinese where the error
    /// has Chinese words (the keyword `hint:` stays, as `error:` does before it, so that a
    /// script finds both in either language). A Chinese message without a Chinese hint shows
    /// the English hint rather than none.
    public func text(chinese: Bool) -> String {
        var loc = file
        if let line { loc += ":\(line)" }
        if let column { loc += ":\(column)" }
        let useZh = chinese && messageZh != nil
        var s = "\(loc): \(useZh ? messageZh ?? message : message)"
        if let h = useZh ? hintZh ?? hint : hint { s += "\n  hint: \(h)" }
        return s
    }
}
