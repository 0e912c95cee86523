import Foundation

/// A one-line progress bar: `label [#########-----------] 45%  450,000/1,000,000 paths  2.1 M/s  1 s left`
/// (in Chinese `… 条路径  2.1 M/s  剩余 1 秒`).
public enum ProgressBar {
    /// A reporter for `ProgressCounter` that formats the bar and hands it to `sink`, timing the
    /// rate from its own creation.
    public static func reporter(
        label: String, unit: String, chinese: Bool = false, _ sink: @escaping @Sendable (String) -> Void
    )
        -> @Sendable (Int, Int) -> Void
    {
        let start = Date()
        return { done, total in
            sink(
                line(
                    label: label, unit: unit, done: done, total: total, seconds: Date().timeIntervalSince(start),
                    chinese: chinese))
        }
    }

    /// The share done is f = done / total (held within 0…1, so a count past its total fills the
    /// bar and no more) and the time left (total − done) / rate, "?" before any rate is known.
    public static func line(
        label: String, unit: String, done: Int, total: Int, seconds: Double, chinese: Bool = false
    ) -> String {
        let f = total > 0 ? min(max(Double(done) / Double(total), 0), 1) : 1
        let filled = Int((f * 20).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled)
        let rate = seconds > 0 ? max(Double(done), 0) / seconds : 0
        let left = rate > 0 ? Double(max(total - done, 0)) / rate : nil
        let shownLeft = left.map { $0 < 1e12 ? "\(Int($0.rounded(.up)))" : "?" } ?? (done >= total ? "0" : "?")
        let timeLeft = chinese ? "剩余 \(shownLeft) 秒" : "\(shownLeft) s left"
        return "\(label) [\(bar)] \(Int(f * 100))%  \(done)/\(total) \(unit)  \(compact(rate))/s  \(timeLeft)"
    }

    /// The forms of a progress `line` from the longest to the shortest, for a terminal too
    /// narrow for the whole: without the bar and the rate (`label 45%  450000/1000000 paths  1 s
    /// left`), then the percentage and the time left alone (`label 45%  1 s left`). A line not
    /// in this type's format has itself alone.
    public static func shorterForms(of line: String) -> [String] {
        guard let open = line.range(of: " [", options: .backwards),
            let close = line.range(of: "] ", range: open.upperBound..<line.endIndex),
            line[open.upperBound..<close.lowerBound].allSatisfy({ $0 == "#" || $0 == "-" })
        else { return [line] }
        let label = String(line[..<open.lowerBound])
        let fields = line[close.upperBound...].components(separatedBy: "  ")
        guard fields.count == 4, fields[0].hasSuffix("%"), fields[2].hasSuffix("/s") else { return [line] }
        return [
            line,
            "\(label) \(fields[0])  \(fields[1])  \(fields[3])",
            "\(label) \(fields[0])  \(fields[3])",
        ]
    }

    static func compact(_ x: Double) -> String {
        switch x {
        case 1e6...: return String(format: "%.1f M", x / 1e6)
        case 1e3...: return String(format: "%.1f k", x / 1e3)
        default: return String(format: "%.0f", x)
        }
    }
}
