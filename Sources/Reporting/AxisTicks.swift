import Foundation

/// Axis ticks at "nice" round values (1, 2, 2.5 or 5 × 10ᵏ apart; Heckbert, "Nice numbers for
/// graph labels", Graphics Gems, 1990), labelled with just enough decimals that no two labels
/// are the same — also on flat ranges, where evenly split raw values would repeat (10001, 10001, …).
enum AxisTicks {
    struct Tick: Equatable {
        let value: Double
        let label: String
    }

    /// About `count` ticks covering [lo, hi] (lo < hi).
    static func nice(lo: Double, hi: Double, count: Int = 5) -> [Tick] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return [] }
        let raw = (hi - lo) / Double(max(1, count - 1))
        let magnitude = pow(10, floor(log10(raw)))
        // The smallest nice step at least `raw`; 10 × 10ᵏ when none of 1, 2, 2.5, 5 × 10ᵏ is
        // (the fallback was also a fifth candidate, and so unreachable: mutation round 157).
        let step = [1.0, 2, 2.5, 5].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        // Decimals: enough for the step (2.5 × 10ᵏ needs one more than 10ᵏ: 0.25 two, 2.5 one,
        // 25 none — "25.0, 50.0, 75.0" labelled a count's axis before 2026-12-01).
        let k = floor(log10(step) + 1e-9), mantissa = step / pow(10, k)
        let decimals = max(0, -Int(k) + (mantissa.rounded() != mantissa ? 1 : 0))
        let first = (lo / step).rounded(.up), last = (hi / step).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * step
            return Tick(value: v, label: label(v == 0 ? 0 : v, decimals: decimals))
        }
    }

    static func label(_ v: Double, decimals: Int) -> String {
        let s = String(format: "%.\(min(decimals, 10))f", v)
        return s == "-0" ? "0" : s
    }
}
