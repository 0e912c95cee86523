import Foundation

/// A plain-text table for the terminal, aligned for Chinese text: CJK characters take two
/// columns on a terminal (Unicode East Asian Width "W"/"F").
public struct TextTable {
    public let header: [String]
    public private(set) var rows: [[String]] = []
    /// Columns aligned right (numbers).
    public var rightAligned: Set<Int> = []

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// Display width of `s` in terminal columns.
    public static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    public func render() -> String {
        let all = [header] + rows
        let n = header.count
        var widths = [Int](repeating: 0, count: n)
        for r in all { for j in 0..<min(n, r.count) { widths[j] = max(widths[j], Self.width(r[j])) } }
        func line(_ r: [String]) -> String {
            (0..<n).map { j -> String in
                let s = j < r.count ? r[j] : ""
                let pad = String(repeating: " ", count: widths[j] - Self.width(s))
                return rightAligned.contains(j) ? pad + s : s + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}
