import Foundation

/// JSON objects written so that identical content gives identical bytes, and read back.
public enum JSONFile {
    /// Serialises with sorted keys and two-space indentation.
    public static func text(_ object: [String: Any]) -> String {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Whether a parsed JSON value is `true` or `false`. Foundation on Linux gives both as an
    /// NSNumber (of Objective-C type `c`, a number's is `i`, `q` or `d`), which `as? Int` and
    /// `as? Double` read as 1 and 0: a recalibration coefficient written `true` was read as 1
    /// until 2026-12-07.
    public static func isBoolean(_ v: Any?) -> Bool {
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    /// A JSON number as a double; nil for anything else, `true` and `false` included.
    public static func number(_ v: Any?) -> Double? {
        isBoolean(v) ? nil : (v as? NSNumber)?.doubleValue
    }

    /// A JSON whole number that fits an Int; nil for anything else (`true`, 1.5, "3").
    public static func integer(_ v: Any?) -> Int? {
        isBoolean(v) ? nil : v as? Int
    }

    /// A JSON whole number from 0 to 2⁶⁴ − 1 (a seed; JSON numbers keep all 64 bits on
    /// reading); nil for anything else, `true` and `false` included.
    public static func unsigned(_ v: Any?) -> UInt64? {
        isBoolean(v) ? nil : (v as? NSNumber).flatMap { UInt64(exactly: $0) }
    }

    /// Parses a JSON object; `what` names the file in errors ("the manifest"), `whatZh` in
    /// Chinese ones (none without it: a file only the analysts' commands read).
    public static func read(
        path: String, what: String, hint: String? = nil, zh whatZh: String? = nil, hintZh: String? = nil
    ) throws(InputError) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(
                file: path, "cannot read \(what)", hint: hint, zh: whatZh.map { "无法读取\($0)" }, hintZh: hintZh)
        }
        return try parse(data, file: path, what: what, hint: hint, zh: whatZh, hintZh: hintZh)
    }

    /// Parses the bytes of a JSON object; `file` names it in errors. The parser's own reason
    /// stays in its English.
    public static func parse(
        _ data: Data, file path: String, what: String, hint: String? = nil, zh whatZh: String? = nil,
        hintZh: String? = nil
    ) throws(InputError) -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            let why = ((error as NSError).userInfo["NSDebugDescription"] as? String) ?? "not valid JSON"
            let (line, column) = position(in: data, of: why)
            throw InputError(
                file: path, line: line, column: column, "\(what) is not valid JSON: \(why)", hint: hint,
                zh: whatZh.map { "\($0)不是有效的 JSON：\(why)" }, hintZh: hintZh)
        }
        guard let obj = parsed as? [String: Any] else {
            throw InputError(
                file: path, "\(what) is not a JSON object ({ … })", hint: hint,
                zh: whatZh.map { "\($0)不是 JSON 对象（{ … }）" }, hintZh: hintZh)
        }
        return obj
    }

    /// The line and column (1-based, in characters) of the first `"key"` followed by a colon in
    /// `data`: where a value that parsed but is wrong is written (JSONSerialization keeps no
    /// positions). Nils when the key is not there (a missing key has no place).
    public static func position(ofKey key: String, in data: Data) -> (line: Int?, column: Int?) {
        let text = String(decoding: data, as: UTF8.self)
        let quoted = "\"" + key + "\""
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: quoted, range: search) {
            let rest = text[r.upperBound...].drop { $0 == " " || $0 == "\t" }
            if rest.first == ":" {
                let lines = text[..<r.lowerBound].split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                return (lines.count, (lines.last?.count ?? 0) + 1)
            }
            search = r.upperBound..<text.endIndex
        }
        return (nil, nil)
    }

    /// The line and column (1-based, in characters) of Foundation's "around character N" (N counts
    /// UTF-8 bytes from 0), the end of the text for "Unexpected end of file" (a file cut short:
    /// it had no place until stop 68), or nils when the message has no offset.
    static func position(in data: Data, of message: String) -> (Int?, Int?) {
        let offset: Int
        if let r = message.range(of: "character "), let n = Int(message[r.upperBound...].prefix { $0.isNumber }),
            n >= 0
        {
            offset = n
        } else if message.localizedCaseInsensitiveContains("end of file") {
            offset = data.count
        } else {
            return (nil, nil)
        }
        let before = String(decoding: data.prefix(offset), as: UTF8.self)
        let lines = before.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return (lines.count, (lines.last?.count ?? 0) + 1)
    }
}
