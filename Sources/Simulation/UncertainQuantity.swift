import Forecasting
import Foundation

/// A quantity a planner is unsure about (DESIGN.md §4): fixed, normal, uniform, triangular,
/// PERT (min / most likely / max, the planners' habit) or lognormal. Sampled by inverse CDF
/// from a uniform, so that two scenarios drawing the same lever with the same uniforms move
/// together (common random numbers).
public enum UncertainQuantity: Sendable, Hashable, CustomStringConvertible {
    case fixed(Double)
    /// N(mean, sd²) truncated at mean ± 4 sd, the range the scenario reader checks against the
    /// amount's limits (a draw 6 sd out could otherwise pass −100%: a negative GDP).
    case normal(mean: Double, sd: Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    /// Beta-PERT with λ = 4: Beta(α, β), α = 1 + 4(m − a)/(b − a), β = 1 + 4(b − m)/(b − a),
    /// rescaled to [a, b] (Vose, *Risk Analysis*, 3rd ed., §9.1).
    case pert(min: Double, mode: Double, max: Double)
    /// exp(N(meanlog, sdlog²)), the normal truncated at ± 4 sdlog as for `normal`.
    case lognormal(meanlog: Double, sdlog: Double)

    /// Checks the parameters; nil when valid, else what is wrong.
    public var problem: String? { problem(chinese: false) }

    /// `problem`, in Chinese when `chinese`.
    public func problem(chinese: Bool) -> String? {
        let (valid, english, zh): (Bool, String, String) =
            switch self {
            case .fixed(let v): (v.isFinite, "value must be finite", "数值必须是有限的")
            case .normal(_, let sd): (sd >= 0, "sd must be ≥ 0", "sd 必须 ≥ 0")
            case .uniform(let a, let b): (a <= b, "min must be ≤ max", "min 必须 ≤ max")
            case .triangular(let a, let m, let b), .pert(let a, let m, let b):
                (
                    a <= m && m <= b && a < b, "need min ≤ most likely ≤ max and min < max",
                    "需要 min ≤ most_likely ≤ max 且 min < max"
                )
            case .lognormal(_, let s): (s >= 0, "sdlog must be ≥ 0", "sdlog 必须 ≥ 0")
            }
        return valid ? nil : chinese ? zh : english
    }

    /// The quantile function at `u ∈ (0, 1)`.
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .fixed(let v): return v
        case .normal(let m, let s): return m + s * Swift.min(4, Swift.max(-4, StudentT.normalQuantile(u)))
        case .uniform(let a, let b): return a + (b - a) * u
        case .triangular(let a, let m, let b):
            let fc = (m - a) / (b - a)
            return u < fc ? a + ((b - a) * (m - a) * u).squareRoot() : b - ((b - a) * (b - m) * (1 - u)).squareRoot()
        case .pert(let a, let m, let b):
            let al = 1 + 4 * (m - a) / (b - a), be = 1 + 4 * (b - m) / (b - a)
            var lo = 0.0, hi = 1.0
            for _ in 0..<60 {
                let mid = (lo + hi) / 2
                if StudentT.incompleteBeta(mid, al, be) < u { lo = mid } else { hi = mid }
            }
            return a + (b - a) * (lo + hi) / 2
        case .lognormal(let ml, let sl): return exp(ml + sl * Swift.min(4, Swift.max(-4, StudentT.normalQuantile(u))))
        }
    }

    /// The mean.
    public var mean: Double {
        switch self {
        case .fixed(let v): return v
        case .normal(let m, _): return m
        case .uniform(let a, let b): return (a + b) / 2
        case .triangular(let a, let m, let b): return (a + m + b) / 3
        case .pert(let a, let m, let b): return (a + 4 * m + b) / 6
        case .lognormal(let ml, let sl): return exp(ml + sl * sl / 2)
        }
    }

    var isFixed: Bool { if case .fixed = self { return true } else { return false } }

    /// The one value every draw takes, when the distribution is degenerate (a fixed amount, a
    /// normal with sd 0, a uniform with min = max); nil otherwise.
    public var certainValue: Double? {
        switch self {
        case .fixed(let v): return v
        case .normal(let m, let s): return s == 0 ? m : nil
        case .uniform(let a, let b): return a == b ? a : nil
        case .lognormal(let ml, let sl): return sl == 0 ? exp(ml) : nil
        case .triangular, .pert: return nil
        }
    }

    public var description: String {
        switch self {
        case .fixed(let v): return "\(v)"
        case .normal(let m, let s): return "normal(\(m), \(s))"
        case .uniform(let a, let b): return "uniform(\(a), \(b))"
        case .triangular(let a, let m, let b): return "triangular(\(a), \(m), \(b))"
        case .pert(let a, let m, let b): return "pert(\(a), \(m), \(b))"
        case .lognormal(let ml, let sl): return "lognormal(\(ml), \(sl))"
        }
    }

    /// A 1,025-point table of the quantile function for fast per-path sampling (linear
    /// interpolation in u; exact at the table points). Tables are kept for the process's life
    /// (`QuantileTable.Cache`): a PERT table takes 1,025 bisections of the incomplete beta
    /// function, and a run's sensitivity analysis builds the same levers' tables once per
    /// scenario without each lever — a quarter of a small run's time before.
    public func table() -> QuantileTable { QuantileTable.Cache.shared.table(for: self) }
}

/// A tabulated quantile function.
public struct QuantileTable: Sendable {
    /// The tables built so far, by quantity (a few per scenario file; never evicted).
    final class Cache: @unchecked Sendable {
        static let shared = Cache()
        private var tables = [UncertainQuantity: QuantileTable]()
        private let lock = NSLock()

        func table(for q: UncertainQuantity) -> QuantileTable {
            if let t = lock.withLock({ tables[q] }) { return t }
            let t = QuantileTable(q)  // outside the lock: another thread may build the same, equal table
            lock.withLock { tables[q] = t }
            return t
        }
    }

    @usableFromInline let values: [Double]
    @usableFromInline let fixed: Double?

    init(_ q: UncertainQuantity) {
        if case .fixed(let v) = q {
            values = []
            fixed = v
        } else {
            // Midpoint grid avoids the infinite ends of unbounded distributions.
            values = (0...1024).map { q.quantile((Double($0) + 0.5) / 1025.5) }
            fixed = nil
        }
    }

    @inlinable
    public func sample(_ u: Double) -> Double {
        if let fixed { return fixed }
        let pos = min(max(u * 1025.5 - 0.5, 0), 1024)
        let i = min(Int(pos), 1023)
        let w = pos - Double(i)
        return values[i] + w * (values[i + 1] - values[i])
    }
}
