import Foundation

/// The point forecast: the mean, on the transformed scale, of the members that can be fitted.
///
/// Equal-weight combinations of simple methods are hard to beat on short yearly series
/// (Makridakis & Hibon 2000, M3; Petropoulos & Svetunkov 2020, M4 "SCUM"), and they hedge the
/// choice between trend and no trend that a few points cannot settle. Each member is fitted on
/// the original scale or on the transformed one: a trend extrapolated on logs compounds (on
/// the Tourism development set a drift on logs scores sMAPE 23.9 against 20.5 on the original
/// scale), one extrapolated on the original scale cannot follow growth that compounds; mixing
/// both hedges between the two. Where an original-scale forecast leaves the kind's range within
/// ten years (a falling count below zero, a share above 100) the member is fitted on the
/// transformed scale instead (`joined`), so every value stays admissible and no path jumps.
/// With too few points for any member, the last value is used.
public struct Combination: Sendable {
    public enum Scale: String, Sendable { case original, transformed }

    public struct Member: Sendable {
        public let spec: any ForecastModelSpec
        public let scale: Scale
        public var name: String { scale == .original ? spec.name : "\(spec.name)@log" }
    }

    public let members: [Member]

    public init(members: [Member]) {
        self.members = members
    }

    /// The default: drift on the original scale. On both development sets (Tourism, M1) it is
    /// at least as accurate as every combination of drift and Theta on either scale that was
    /// tried, and the only one that is on both (Notebooks-data/forecast-accuracy.md).
    public static let standard = named(["drift"])!

    /// The default for percentage shares (on the logit scale): the mean of the last value and
    /// the drift. A share is one part of a whole that grows with it, and its yearly changes persist
    /// less than a level's: on 2,563 World Bank economic shares (Notebooks-data/shares/, the
    /// share library's collection; each scored on its last 6 years) the drift alone scores sMAPE
    /// 30.1 on whole series and 21.9 / 22.1 / 22.2 cut to 2 / 3 / 5 points, the last value alone
    /// 27.4 and 21.8 / 21.8 / 21.8, both 28.3 and 21.7 / 21.7 / 21.7 (short paths shrunk towards
    /// the share reference class, each with a library built for it). Checked on three held-out
    /// indicators like a plan's own (R&D intensity, high-tech exports, manufacturing's share:
    /// Notebooks-data/outside/shares_yearly.csv): whole series 26.9 / 24.5 / 24.9
    /// (Notebooks-data/forecast-accuracy.md, "Shares").
    public static let shares = named(["naive", "drift"])!

    /// Model names accepted by `named(_:)` (append `@log` to fit on the transformed scale).
    public static let available: [String: any ForecastModelSpec] = [
        "naive": Naive(), "drift": RandomWalkDrift(), "damped": DampedTrend(), "trend": LinearTrend(),
        "mean": MeanLevel(), "theta": Theta(),
    ]

    /// A combination from names such as `drift`, `theta@log`; nil if a name is unknown.
    public static func named(_ names: [String]) -> Combination? {
        var members = [Member]()
        for n in names {
            // An empty name (`--models ' '`, `@`) trapped on `parts[0]` (found 2026-11-30).
            let parts = n.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
            guard let first = parts.first, let spec = available[first], parts.count <= 2 else { return nil }
            let scale: Scale
            if parts.count == 2 {
                guard ["log", "transformed"].contains(parts[1]) else { return nil }
                scale = .transformed
            } else {
                scale = .original
            }
            members.append(Member(spec: spec, scale: scale))
        }
        return members.isEmpty ? nil : Combination(members: members)
    }

    /// Least number of points before a series may be judged to compound.
    static let compoundingMinimum = 8

    /// Whether a series compounds: its yearly increments on the modelling scale (log for positive
    /// series) are steady — their mean at least twice their standard deviation — and steadier,
    /// relative to their mean, than its increments on the original scale (growth that is constant in percentage terms rather than
    /// in amounts; Hyndman & Athanasopoulos, FPP3 §3.1 and §5.1). Such a series' original-scale
    /// members are extrapolated on the transformed scale: a straight line through a compounding
    /// series falls ever further behind it (a GDP index growing 7% a year was forecast at 4.8%).
    /// Needs `compoundingMinimum` points, so that the standard deviation means something; on
    /// Tourism and M1 it moves M1's sMAPE from 16.23 to 16.04 and Tourism's by 0.01
    /// (Notebooks-data/forecast-accuracy.md).
    static func compounds(_ s: YearlySeries, transformed zs: YearlySeries) -> Bool {
        guard s.count >= compoundingMinimum else { return false }
        // Mean and standard deviation of the per-year increments in one pass (Welford).
        func steadiness(_ y: YearlySeries) -> (mean: Double, sd: Double) {
            var mean = 0.0, m2 = 0.0
            for i in 1..<y.count {
                let d = (y.values[i] - y.values[i - 1]) / Double(y.periods[i] - y.periods[i - 1])
                let delta = d - mean
                mean += delta / Double(i)
                m2 += delta * (d - mean)
            }
            return (mean, (m2 / Double(y.count - 2)).squareRoot())
        }
        let onLog = steadiness(zs), onOriginal = steadiness(s)
        guard onLog.mean.isFinite, onOriginal.mean.isFinite, onLog.mean != 0, onOriginal.mean != 0 else { return false }
        return abs(onLog.mean) >= 2 * onLog.sd && onLog.sd / abs(onLog.mean) < onOriginal.sd / abs(onOriginal.mean)
    }

    /// The reference class a short series' extrapolated path is shrunk towards (`shrunk`):
    /// its yearly growth on the log scale (`ReferenceLibrary.referenceGrowth`) and its typical
    /// yearly change s₀ (`ReferenceLibrary.s0`), against which the series' own noise sets how
    /// far it is shrunk (`priorWeight`; without a scale, a prior worth two increments whatever
    /// the noise). `ReferenceLibrary.referenceClass` gives both.
    public struct Reference: Sendable {
        public var growth: Double
        public var scale: Double?
        public init(growth: Double, scale: Double? = nil) { (self.growth, self.scale) = (growth, scale) }
    }

    /// Point forecasts on the transformed scale `t` and the names of the members used; a short
    /// series' path is shrunk towards `reference` (nil leaves it as the members give it).
    public func forecast(
        _ s: YearlySeries, transform t: Transform, horizon: Int, reference: Reference? = nil
    ) -> (values: [Double], used: [String]) {
        let zs = s.transformed(t)
        var sum = [Double](repeating: 0, count: horizon)
        var used = [String]()
        let compounding = t != .identity && Self.compounds(s, transformed: zs)
        for m in members where s.count >= m.spec.minimumObservations {
            // Forecast `lookAhead` steps at least, so that `joined` sees as far whatever the horizon.
            let ahead = max(horizon, Self.lookAhead)
            guard let fitted = try? m.spec.fitAny(zs), case let zAhead = fitted.forecast(horizon: ahead),
                zAhead.prefix(horizon).allSatisfy(\.isFinite)
            else { continue }
            var f = Array(zAhead.prefix(horizon))
            var onTransformedScale = compounding && m.scale == .original
            if m.scale == .original && t != .identity && !compounding,
                let orig = try? m.spec.fitAny(s).forecast(horizon: ahead)
            {
                let j = Self.joined(original: orig, transformed: zAhead, transform: t)
                f = Array(j.path.prefix(horizon))
                onTransformedScale = j.transformedOnly
            }
            for h in 0..<horizon { sum[h] += f[h] }
            // An original-scale member that ran on the log scale (a series that compounds, a
            // line that reaches zero): the model column says so.
            used.append(onTransformedScale ? m.spec.name + "@log" : m.name)
        }
        if used.isEmpty {
            return (Array(repeating: zs.values.last ?? 0, count: horizon), ["naive"])
        }
        let centre = sum.map { $0 / Double(used.count) }
        guard t.isUnitFree, let reference, let last = zs.values.last,
            (1...Self.shrinkUpTo).contains(zs.count - 1)
        else { return (centre, used) }
        // The model column says the path was shrunk: "drift+reference".
        let prior = Self.priorWeight(noise: ErrorScale.raw(zs, unitFree: true).scale, referenceScale: reference.scale)
        return (
            Self.shrunk(centre, last: last, increments: zs.count - 1, growth: reference.growth, prior: prior),
            used + ["reference"]
        )
    }

    /// How far ahead (years) an original-scale member's path must stay in the kind's range to
    /// be used: a count whose straight line reaches zero within ten years (one falling by more
    /// than a tenth of its level a year) is extrapolated on the transformed scale.
    static let lookAhead = 10

    /// A member's path on the transformed scale from its original-scale fit x̂ and its fit on the
    /// transformed scale ẑ (both `lookAhead` steps or more):
    ///
    ///     f(h) = ẑ(h)                                   if x̂ leaves the range by step L = 10,
    ///     f(h) = t(x̂(h))                                for h < h₀,
    ///     f(h) = t(x̂(h₀ − 1)) + ẑ(h) − ẑ(h₀ − 1)        for h ≥ h₀ > L,
    ///
    /// with h₀ the first step at which x̂ leaves the transform's range (≤ 0 for the log, outside
    /// 0–100 for the logit). A straight line heading for zero is a poor forecast of a quantity
    /// that cannot fall below it: on the log scale its last steps before zero fall ever faster.
    /// Before 2026-12-01 each step outside the range took ẑ's value instead, so a falling
    /// series' median dropped and then jumped back up (20, then 10.1, then 13.7; 147,233 falling
    /// 24,000 a year went to 26,000 in six years and 114,000 in seven). Taking ẑ for lines that
    /// reach zero within L years made 2-point series more accurate on both development sets
    /// (sMAPE of the median, h = 3: Tourism 23.26 → 21.76, M1 12.68 → 12.24) and changed full
    /// series little (Tourism h = 4: 20.31 → 20.16, M1 h = 6: 16.03 → 16.04); L = 6 and 20 give
    /// much the same (Notebooks-data/forecast-accuracy.md). Where a slower line leaves the range
    /// beyond L, the path goes on by ẑ's steps, so it never jumps. The choice looks a fixed L
    /// years ahead whatever the horizon, so a longer horizon never changes nearer steps.
    static func joined(original x: [Double], transformed z: [Double], transform t: Transform)
        -> (path: [Double], transformedOnly: Bool)
    {
        var h = 0
        while h < x.count, t.admits(x[h]), x[h] > 0 || t == .squareRoot { h += 1 }
        guard h >= min(x.count, lookAhead), h > 0 else { return (z, true) }
        var f = z
        for k in 0..<h { f[k] = t.forward(x[k]) }
        let shift = f[h - 1] - z[h - 1]
        for k in h..<z.count { f[k] = z[k] + shift }
        return (f, false)
    }

    /// Series with at most this many increments have their path shrunk towards the reference
    /// class (the regime where the error scale, too, reads increments as noise: `ErrorScale`).
    static let shrinkUpTo = 6
    /// The prior's weight in increments for a series as noisy as the reference class's typical
    /// one (and without a reference scale): the same k/(k + 2) as the error scale's own weight.
    static let shrinkPrior = 2.0

    /// The prior's weight c in increments, from the series' noise s (its raw scale on the log
    /// scale, `ErrorScale.raw`: for 2–6 increments their spread, floored at half their mean size;
    /// for one, its size) and the reference class's typical yearly change S = s₀:
    ///
    ///     c = 2·(s/S)²
    ///
    /// A random walk's drift estimated from k increments of noise s has variance s²/k; with the
    /// reference class's drifts spread as τ² = S²/2 around its growth, the posterior mean weighs
    /// the series' own drift by τ²/(τ² + s²/k) = k/(k + c) (normal–normal empirical Bayes:
    /// Efron & Morris 1975). A series as noisy as the typical one keeps the prior worth two
    /// increments; a steady one (a population growing 1.2% a year) keeps its own growth instead
    /// of being pulled towards the collections' 4.5%, and a very noisy one leans on the reference
    /// class. On both development sets (each with the other's library) and on three outside
    /// collections it made 2–5-point forecasts more accurate and better centred
    /// (Notebooks-data/forecast-accuracy.md, "Outside the development sets"). Without s (a
    /// constant series, whose noise is unknown: s = 0, as in `ErrorScale`) or S, the prior is
    /// worth `shrinkPrior`.
    static func priorWeight(noise s: Double?, referenceScale reference: Double?) -> Double {
        guard let s, let reference, s.isFinite, s > 0, reference.isFinite, reference > 0 else { return shrinkPrior }
        return shrinkPrior * (s / reference) * (s / reference)
    }

    /// A short series' path on its unit-free scale (log, or logit for a share), shrunk towards
    /// the reference class's (a share's is the share library's, whose growth is near none):
    ///
    ///     ẑ′(T + h) = z_T + w·(ẑ(T + h) − z_T) + (1 − w)·g·h,   w = k/(k + c)
    ///
    /// with k the series' increments (1 ≤ k ≤ 6), g the reference class's yearly log growth and
    /// c the prior's weight in increments (`priorWeight`; 2 for a series of typical noise).
    /// One increment is mostly noise: extrapolated at full weight it gave Tourism's 2-point series
    /// an sMAPE of 36.5 (M1's 16.7); shrunk, 23.0 and 12.5, and their intervals, calibrated on
    /// the same forecaster, cover closer to their levels (Notebooks-data/forecast-accuracy.md).
    /// It is the empirical-Bayes drift of a random walk whose drift has the reference class as
    /// prior (the James–Stein idea: Efron & Morris 1975).
    static func shrunk(
        _ centre: [Double], last: Double, increments k: Int, growth g: Double, prior c: Double = shrinkPrior
    ) -> [Double] {
        // c = +∞ (noise beyond any measure) leans on the reference class entirely; NaN keeps the path.
        guard k >= 1 && k <= shrinkUpTo, g.isFinite, c >= 0 else { return centre }
        let w = c.isInfinite ? 0 : Double(k) / (Double(k) + c)
        var out = centre
        for h in 0..<centre.count {
            let own = w * (centre[h] - last), prior = (1 - w) * g * Double(h + 1)
            out[h] = last + own + prior
        }
        return out
    }
}
