import Foundation

/// Scores of probability forecasts against outcomes (1 met, 0 not met).
///
/// - Brier score: mean (p − o)² (Brier 1950); 0 is perfect, 0.25 is always saying 0.5.
/// - Log score: mean −ln p(outcome), with p clipped to [0.01, 0.99] so a rule that says 0 or 1
///   is charged ln 100 ≈ 4.6 for a miss rather than infinity (Gneiting & Raftery 2007, §3).
/// - Sharpness: mean |2p − 1|, 0 when every forecast is 0.5 and 1 when every one is 0 or 1.
/// - Reliability: forecasts in bins of p; per bin the mean p, the share met and the central 95%
///   range of that share if outcomes were Binomial(n, mean p) — a bin outside its range says the
///   probabilities do not come true as often as they claim.
public struct ProbabilityScores: Sendable, Equatable {
    public let count: Int
    public let brier: Double
    public let logScore: Double
    public let sharpness: Double

    public static let clip = 0.01

    public init?(_ pairs: [(p: Double, outcome: Bool)]) {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        count = pairs.count
        brier = pairs.map { ($0.p - ($0.outcome ? 1 : 0)) * ($0.p - ($0.outcome ? 1 : 0)) }.reduce(0, +) / n
        logScore =
            pairs.map { pr in
                let p = min(max(pr.p, Self.clip), 1 - Self.clip)
                return -Foundation.log(pr.outcome ? p : 1 - p)
            }.reduce(0, +) / n
        sharpness = pairs.map { abs(2 * $0.p - 1) }.reduce(0, +) / n
    }

    /// One bin of a reliability table.
    public struct Bin: Sendable, Equatable {
        public let lower: Double
        public let upper: Double
        public let count: Int
        public let meanP: Double
        public let observed: Double
        public let bandLower: Double
        public let bandUpper: Double
        public var withinBand: Bool { observed >= bandLower - 1e-12 && observed <= bandUpper + 1e-12 }
    }

    /// Bins [0, 0.2), [0.2, 0.4), …, [0.8, 1] (five: plans have tens of goals, not thousands);
    /// empty bins are left out.
    public static func reliability(_ pairs: [(p: Double, outcome: Bool)], bins: Int = 5) -> [Bin] {
        var out = [Bin]()
        for b in 0..<bins {
            let lo = Double(b) / Double(bins), hi = Double(b + 1) / Double(bins)
            let mine = pairs.filter { $0.p >= lo && ($0.p < hi || (b == bins - 1 && $0.p <= hi)) }
            guard !mine.isEmpty else { continue }
            let n = mine.count
            let meanP = mine.map(\.p).reduce(0, +) / Double(n)
            let met = mine.filter(\.outcome).count
            let (l, u) = binomialRange(n: n, p: meanP)
            out.append(
                Bin(
                    lower: lo, upper: hi, count: n, meanP: meanP, observed: Double(met) / Double(n),
                    bandLower: Double(l) / Double(n), bandUpper: Double(u) / Double(n)))
        }
        return out
    }

    /// The 2.5% and 97.5% quantiles of Binomial(n, p), from its exact distribution function.
    public static func binomialRange(n: Int, p: Double) -> (Int, Int) {
        let p = min(max(p, 0), 1)
        var cdf = 0.0, lower: Int?, upper = n
        for k in 0...n {
            cdf += binomialPMF(k, n, p)
            if lower == nil && cdf >= 0.025 { lower = k }
            if cdf >= 0.975 - 1e-12 {
                upper = k
                break
            }
        }
        return (lower ?? 0, upper)
    }

    static func binomialPMF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        if p == 0 { return k == 0 ? 1 : 0 }
        if p == 1 { return k == n ? 1 : 0 }
        let logChoose = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
        return Foundation.exp(logChoose + Double(k) * Foundation.log(p) + Double(n - k) * Foundation.log(1 - p))
    }
}
