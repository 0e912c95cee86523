/// The difference between two probabilities of meeting a target, its standard error, and the
/// rule that tells a real difference from Monte Carlo noise. `comparison.csv`, `sensitivity.csv`
/// and `plancast compare` all use it.
public struct ProbabilityDifference: Sendable, Equatable {
    /// b − a (or "with" − "without").
    public let difference: Double
    public let standardError: Double

    public init(difference: Double, standardError: Double) {
        self.difference = difference
        self.standardError = standardError
    }

    /// Two scenarios simulated with the same draws (common random numbers): from the per-path
    /// outcomes, d̄ = (n₁₀ − n₀₁)/N and Var(d̄) = ((n₁₀ + n₀₁)/N − d̄²)/N, where n₁₀ counts paths
    /// that meet the target under `a` only and n₀₁ under `b` only (McNemar's paired proportions).
    /// The difference is a − b, over the first `paths` paths: bits beyond them (the unused end
    /// of the last word, or the further paths of a longer run) are left out. Until 2026-12-02
    /// the end of the last word counted, and a 100,000-path run against its 20,000-path rerun
    /// (sensitivity) gained 32 paths: an idle lever moved a goal met on every path by +0.0016.
    public static func paired(_ a: [UInt64], _ b: [UInt64], paths: Int) -> ProbabilityDifference {
        var n10 = 0, n01 = 0
        for (i, (x, y)) in zip(a, b).enumerated() {
            let used = paths - 64 * i
            guard used > 0 else { break }
            let mask: UInt64 = used >= 64 ? ~0 : (1 << UInt64(used)) - 1
            n10 += (x & ~y & mask).nonzeroBitCount
            n01 += (~x & y & mask).nonzeroBitCount
        }
        let n = Double(paths)
        let d = Double(n10 - n01) / n
        let v = max(0, (Double(n10 + n01) / n - d * d) / n)
        return ProbabilityDifference(difference: d, standardError: v.squareRoot())
    }

    /// Two independent estimates: d = p_b − p_a, SE = √(se_a² + se_b²). Conservative for runs
    /// that share draws (their covariance is positive).
    public static func independent(_ pA: Double, se seA: Double, _ pB: Double, se seB: Double) -> ProbabilityDifference
    {
        ProbabilityDifference(difference: pB - pA, standardError: (seA * seA + seB * seB).squareRoot())
    }

    /// Beyond Monte Carlo noise: |d| > 3 SE; with no sampling error (targets judged on data),
    /// any non-zero difference.
    public var beyondNoise: Bool {
        standardError > 0 ? abs(difference) > 3 * standardError : difference != 0
    }
}
