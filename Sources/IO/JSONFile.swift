import Foundation

/// JSON objects written so that identical content gives identical bytes, and read back.
public enum JSONFile {
    /// Serialises with sorted keys and two-space indentation.
    public static func text(_ object: [String: Any]) -> String {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Parses a JSON object; `what` names the file in errors ("the manifest").
    public static func read(path: String, what: String, hint: String? = nil) throws(InputError) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read \(what)", hint: hint)
        }
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError(file: path, "\(what) is not a valid JSON object", hint: hint)
        }
        return obj
    }
}
