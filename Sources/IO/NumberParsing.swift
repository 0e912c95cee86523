/// Parses a number as people type it in spreadsheets: surrounding spaces, thousands
/// separators (`12,345.6`), full-width forms as a Chinese input method types them (`３０００`,
/// `１２．５％`, `－３`: read as their ASCII twins), and a trailing `%`, which is dropped (the
/// value stays in percent, as plan targets are written).
///
/// Returns nil for anything else, including NaN and infinities, which are never data.
public func parseNumber(_ text: String) -> Double? {
    var s = halfWidth(text).trimmingWhitespace()
    if s.hasSuffix("%") { s.removeLast(); s = s.trimmingWhitespace() }
    if s.contains(",") {
        // Accept only well-formed groups of three: 1,234 or 1,234,567.89
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        let head = groups[0].drop { $0 == "-" || $0 == "+" }
        guard !head.isEmpty, head.count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
            return nil
        }
        s.removeAll { $0 == "," }
    }
    // Digits, one sign, a decimal point and an exponent only: Double(_:) would stop at a NUL and
    // read "0x1p3", "inf" and "nan", which are not data. (A second test for 'x' and 'n' after
    // this one could never fail: mutation round seed 49 found it, and it is gone.)
    guard !s.isEmpty, s.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
        let v = Double(s), v.isFinite
    else { return nil }
    return v
}

/// Whether `text` ends in a percent sign (`%` or full-width `％`), as `parseNumber` accepts and drops.
public func endsInPercentSign(_ text: String) -> Bool {
    halfWidth(text).trimmingWhitespace().hasSuffix("%")
}

/// Full-width digits, signs, point, comma, percent and exponent letters (U+FF01–FF5E) and the
/// minus sign U+2212 as their ASCII forms, without the characters that show nothing (category
/// Cf: "2\u{200B}744" copied from a web page is 2744); every other character unchanged.
func halfWidth(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value >= 0xAD }) else { return text }
    var out = String.UnicodeScalarView()
    for u in text.unicodeScalars {
        switch u.value {
        case 0xFF10...0xFF19, 0xFF0B, 0xFF0C, 0xFF0D, 0xFF0E, 0xFF05, 0xFF25, 0xFF45:
            out.append(Unicode.Scalar(u.value - 0xFEE0)!)
        case 0x2212: out.append("-")
        case _ where u.properties.generalCategory == .format: continue
        default: out.append(u)
        }
    }
    return String(out)
}

extension String {
    public func trimmingWhitespace() -> String {
        var sub = self[...]
        while let f = sub.first, f.isBlank { sub.removeFirst() }
        while let l = sub.last, l.isBlank { sub.removeLast() }
        return String(sub)
    }
}

extension Character {
    /// White space, or a character that shows nothing (general category Cf: a zero-width space
    /// U+200B or a byte-order mark U+FEFF that copying from a web page or saving twice leaves in
    /// a cell). Such characters are never data: `high_tech_enterprises\u{200B}` is the id.
    var isBlank: Bool {
        isWhitespace || unicodeScalars.allSatisfy { $0.properties.generalCategory == .format }
    }
}
