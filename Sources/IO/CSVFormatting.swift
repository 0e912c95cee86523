import Foundation

/// Formats numbers and fields for plancast's CSV outputs.
public enum CSVFormat {
    /// 17 significant digits: enough to round-trip any double.
    public static func full(_ v: Double) -> String {
        if v.isNaN { return "" }
        return String(format: "%.17g", v)
    }

    /// The shortest decimal that reads back to the same double (no digits lost, none invented).
    public static func roundTrip(_ v: Double) -> String {
        v.isNaN ? "" : "\(v)"
    }

    /// Shortest representation that round-trips (Swift's description), for tidy outputs.
    public static func short(_ v: Double) -> String {
        if v.isNaN { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Quotes a field when it holds a comma, quote or line break (RFC 4180). Text that a
    /// spreadsheet would run as a formula (starting with =, +, −, @, a tab or a carriage return,
    /// and not a number) gets a leading apostrophe (OWASP "CSV injection").
    public static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), parseNumber(s) == nil {
            s = "'" + s
        }
        // By scalar: "\r\n" is one Character, equal to neither "\n" nor "\r", and a name holding
        // one was written unquoted, splitting its row in two.
        if s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// One CSV line (with trailing newline) from fields.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}
