import Foundation

/// A one-line progress bar: `label [#########-----------] 45%  450,000/1,000,000 paths  2.1 M/s  1 s left`.
public enum ProgressBar {
    /// A reporter for `ProgressCounter` that formats the bar and hands it to `sink`, timing the
    /// rate from its own creation.
    public static func reporter(label: String, unit: String, _ sink: @escaping @Sendable (String) -> Void)
        -> @Sendable (Int, Int) -> Void
    {
        let start = Date()
        return { done, total in
            sink(line(label: label, unit: unit, done: done, total: total, seconds: Date().timeIntervalSince(start)))
        }
    }

    public static func line(label: String, unit: String, done: Int, total: Int, seconds: Double) -> String {
        let f = total > 0 ? Double(done) / Double(total) : 1
        let filled = Int((f * 20).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled)
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        return
            "\(label) [\(bar)] \(Int(f * 100))%  \(done)/\(total) \(unit)  \(compact(rate))/s  \(Int(left.rounded(.up))) s left"
    }

    static func compact(_ x: Double) -> String {
        switch x {
        case 1e6...: return String(format: "%.1f M", x / 1e6)
        case 1e3...: return String(format: "%.1f k", x / 1e3)
        default: return String(format: "%.0f", x)
        }
    }
}
