import Foundation
import Indicators

/// Standardised forecast errors of real yearly series, by stratum (`ErrorScale.stratum`) and
/// step: what a small batch, or a batch of short series, leans on for calibration.
///
/// Built by `build(_:)`: every series of one or more collections is cut into windows of 0–7,
/// 10, 15 and 20 increments ending at every year; each window is forecast with the default
/// combination, its errors at steps 1–10 standardised by the window's `ErrorScale` σ with the
/// collection's s₀, and pooled. A table keeps 99 quantiles (levels (i + ½)/99: 0.00505, 0.0152,
/// …, 0.99495). `builtIn` is built from the Tourism and M1 development sets
/// (Notebooks-data/reference-library.csv, rebuilt by scripts/build-reference-library);
/// evaluations score each set with a library built from the other only (leave one collection
/// out).
public struct ReferenceLibrary: Sendable {
    /// 99 levels (i + ½)/99, i = 0…98: each table is a sample of 99 pseudo-errors, and these are
    /// the midpoint positions the pooled calibration gives them (`Calibration`), so a table
    /// alone reproduces its own quantiles and entry 49 is the median. Before 2026-12-03 the
    /// levels were 0.005 + i/100 (0.005…0.985, not the 0.995 the comment said): placed at the
    /// midpoint positions, every library quantile stood about one percentile too low in the
    /// upper tail (the library's 0.891 quantile served as the 0.9 one, 0.495 as the median).
    public static let levels = (0..<99).map { (Double($0) + 0.5) / 99 }
    public static let maxStep = 10
    static let windowIncrements = [0, 1, 2, 3, 4, 5, 6, 7, 10, 15, 20]

    /// The collections' s₀ (used when a batch has no increments at all).
    public let s0: Double
    /// `quantiles[stratum][step − 1][level]`.
    public let quantiles: [[[Double]]]
    /// Errors behind each table.
    public let counts: [[Int]]
    /// Where it comes from (collections, series).
    public let source: String

    public init(s0: Double, quantiles: [[[Double]]], counts: [[Int]], source: String) {
        self.s0 = s0
        self.quantiles = quantiles
        self.counts = counts
        self.source = source
    }

    /// The reference class's yearly growth on the log scale, g = κ·m·s₀: m the median standardised
    /// one-step change of one-point windows (stratum 0, whose forecast is the last value, so m·s₀
    /// is the median yearly log change of the collections) and κ = 3/4
    /// (`Calibration.referenceClassKept`, the share that centres one-point series on both
    /// development sets). Short series' paths are shrunk towards it (`Combination.shrunk`); the
    /// built-in library gives 0.045 (3/4 of 6.1% a year).
    public var referenceGrowth: Double? {
        let t = quantiles.first?.first ?? []
        guard t.count == Self.levels.count, counts.first?.first ?? 0 > 0 else { return nil }
        return Self.referenceGrowth(medianChange: t[49], s0: s0)
    }

    /// The reference class of short series' paths (`Combination.forecast`): the reference
    /// growth with the library's s₀; nil without a growth.
    public var referenceClass: Combination.Reference? {
        referenceGrowth.map { Combination.Reference(growth: $0, scale: s0) }
    }

    /// κ·m·s₀ from the median standardised one-step change m of one-point windows (the table's
    /// entry 49, level 0.5); nil if not finite.
    static func referenceGrowth(medianChange m: Double, s0: Double) -> Double? {
        let g = Calibration.referenceClassKept * m * s0
        return g.isFinite ? g : nil
    }

    /// The table of `stratum` at `step`; beyond `maxStep` the last table widened by √(h/maxStep).
    public func table(stratum: Int, step: Int) -> [Double] {
        let s = min(max(stratum, 0), quantiles.count - 1)
        if step <= Self.maxStep { return quantiles[s][max(step, 1) - 1] }
        let f = (Double(step) / Double(Self.maxStep)).squareRoot()
        return quantiles[s][Self.maxStep - 1].map { $0 * f }
    }

    /// Builds a library from whole series, each on the modelling scale of `kind` (nil: the
    /// automatic one, as for series of unknown kind), forecast by `combination`.
    public static func build(
        _ series: [YearlySeries], kind: IndicatorKind? = nil, combination: Combination = .standard, source: String,
        threads: Int = 1
    ) -> ReferenceLibrary {
        let transforms = series.map { s in
            kind.map { Transform.natural(for: $0, values: s.values) } ?? Transform.automatic(values: s.values)
        }
        let zs = zip(series, transforms).map { $0.transformed($1) }
        let unitFree = transforms.map(\.isUnitFree)
        let s0 =
            ErrorScale.pooled(zip(zs, unitFree).filter { $0.1 }.map(\.0), unitFree: true)
            ?? ErrorScale.pooled(zs, unitFree: false) ?? 0.1
        let scale = ErrorScale(s0: s0)
        /// Every window of `ks` increments forecast and its standardised errors pooled by stratum and step.
        func pooledErrors(_ ks: [Int], growth: Double?) -> [[[Double]]] {
            let perSeries: [[[[Double]]]] = (0..<series.count).map { i in
                var out = [[[Double]]](
                    repeating: [[Double]](repeating: [], count: maxStep), count: ErrorScale.strata)
                let y = series[i], z = zs[i]
                for e in 0..<(y.count - 1) {
                    for k in ks where k <= e {
                        let window = y.slice(e - k, e)
                        let zw = z.slice(e - k, e)
                        let sigma = scale.sigma(zw, unitFree: unitFree[i])
                        let (point, _) = combination.forecast(
                            window, transform: transforms[i], horizon: maxStep,
                            reference: growth.map { Combination.Reference(growth: $0, scale: s0) })
                        let stratum = ErrorScale.stratum(increments: k)
                        for j in (e + 1)..<y.count {
                            let h = y.periods[j] - y.periods[e]
                            guard h >= 1 && h <= maxStep else { continue }
                            let u = (z.values[j] - point[h - 1]) / sigma
                            if u.isFinite { out[stratum][h - 1].append(u) }
                        }
                    }
                }
                return out
            }
            var pooled = [[[Double]]](
                repeating: [[Double]](repeating: [], count: maxStep), count: ErrorScale.strata)
            for p in perSeries {
                for s in 0..<ErrorScale.strata { for h in 0..<maxStep { pooled[s][h] += p[s][h] } }
            }
            return pooled
        }
        // One-point windows first: their forecast is the last value, and their changes give the
        // reference growth that the longer windows' short paths are shrunk towards.
        var pooled = pooledErrors([0], growth: nil)
        let oneStep = pooled[0][0].sorted()
        let growth =
            oneStep.isEmpty
            ? nil
            : referenceGrowth(
                medianChange: typeSeven(oneStep, levels[49]), s0: s0)
        let longer = pooledErrors(Array(windowIncrements.dropFirst()), growth: growth)
        for st in 1..<ErrorScale.strata { pooled[st] = longer[st] }
        let quantiles = pooled.map { steps in
            steps.map { errors -> [Double] in
                let sorted = errors.sorted()
                guard !sorted.isEmpty else { return levels.map { StudentT.normalQuantile($0) } }
                return levels.map { typeSeven(sorted, $0) }
            }
        }
        return ReferenceLibrary(s0: s0, quantiles: quantiles, counts: pooled.map { $0.map(\.count) }, source: source)
    }

    static func typeSeven(_ sorted: [Double], _ tau: Double) -> Double {
        let h = Double(sorted.count - 1) * min(max(tau, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
