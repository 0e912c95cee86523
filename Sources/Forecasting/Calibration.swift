import Foundation

/// Calibrated standardised-error quantiles per stratum (how many increments stand behind a
/// forecast, `ErrorScale.stratum`) and step.
///
/// Each table pools the batch's own out-of-sample errors (rolling origins, `Forecaster`) with the
/// reference library's quantiles of the same stratum and step as `libraryWeight` pseudo-errors:
/// a large batch calibrates itself, a small one (a plan's indicators) or one of short series
/// leans on the library (split-conformal quantiles with an informative prior; the pooled
/// weighted quantile uses the midpoint rule). Half of the pooled median is kept as a bias
/// correction and half removed: the batch's own past bias carries over only partly to the
/// future (on Tourism and M1 keeping all of it moves the median too far, removing all leaves it
/// biased). Stratum 0 (one observation) keeps three quarters of the library's median: the growth
/// of the reference class, shrunk towards no change (`referenceClassKept`).
public struct Calibration: Sendable {
    public static let libraryWeight = 200.0
    /// A stratum (of up to 5–7 increments, `exactStrata`) with fewer own errors at a step borrows
    /// the batch's errors of the next shorter strata at that step (closest first) up to this many: a batch's long series have no
    /// backtest windows as long as themselves, and its shorter windows resemble them more than
    /// another collection's do. Borrowed errors are scaled by the ratio of the library's
    /// middle spreads (`spread`) of the two strata (a 5-point batch borrows 2- to 4-point windows,
    /// whose standardised errors are wider: unscaled, M1 cut to 5 points covered 0.864 at 80%). A step with still too few borrows the previous step's errors,
    /// scaled by the ratio of the library's middle spreads at the two steps (a batch of
    /// 3-point series has one-step errors only).
    static let borrowUpTo = 200
    /// Strata up to 5–7 increments, where the library has windows of every length in the stratum;
    /// only these borrow from shorter strata. The library's 8–12 and 13+ strata hold windows of
    /// 10, 15 and 20 increments only, so their ratios to shorter strata do not describe a batch's
    /// longer series (scaling by them lowered M1's shortest length quartile from 0.736 to 0.725 at
    /// 80%), and borrowed unscaled, the shorter windows' wider errors widened plan-sized batches of
    /// long series: full-length series in batches of 30, each set with the other's library,
    /// covered 0.836 / 0.967 (Tourism) and 0.828 / 0.966 (M1) at 80% / 95%, against 0.820 / 0.956
    /// and 0.781 / 0.948 in one batch; without that borrowing 0.814 / 0.962 and 0.781 / 0.941,
    /// and in one batch 0.820 / 0.956 and 0.777 / 0.943 (M1's sixth step, which had borrowed,
    /// now covers like its fifth). Notebooks-data/forecast-accuracy.md.
    static let exactStrata = 5
    static let keptBias = 0.5
    /// Share of the library's median growth a one-point series (stratum 0, the reference class)
    /// is given. The library pools windows from every part of each series' history, whose growth
    /// overstates the latest years' in both development sets (the median Tourism series grew 7.3%
    /// a year over its history and 5.0% in its test years; M1 4.7% and 4.5%), and with nothing
    /// known of the series itself its growth is shrunk towards no change. Three quarters centres
    /// one-point series on both sets: 0.53 and 0.50 of outcomes below the median with the shipped
    /// library, 0.47 and 0.58 with the other set's (all of it: 0.59 and 0.64; half: 0.46 and 0.41).
    static let referenceClassKept = 0.75
    /// Probability levels of the grid used for means and simulation (midpoints of 200 bins).
    public static let grid = (0..<200).map { (Double($0) + 0.5) / 200 }

    public let horizon: Int
    /// Own errors per stratum and step (for reports).
    public let counts: [[Int]]
    let values: [[[Double]]]
    let positions: [[[Double]]]
    let gridQuantiles: [[[Double]]]

    /// `own[stratum][step − 1]`: the batch's standardised errors.
    public init(own: [[[Double]]], library: ReferenceLibrary, horizon: Int) {
        self.horizon = horizon
        var values = [[[Double]]](), positions = [[[Double]]](), counts = [[Int]]()
        for s in 0..<ErrorScale.strata {
            var vs = [[Double]](), ps = [[Double]](), cs = [Int]()
            var borrowed = [[Double]]()
            for h in 1...max(1, horizon) {
                func errors(_ t: Int) -> [Double] {
                    t < own.count && h - 1 < own[t].count ? own[t][h - 1].filter(\.isFinite) : []
                }
                var mine = errors(s)
                var t = s - 1
                let libraryHere = library.table(stratum: s, step: h)
                while mine.count < Self.borrowUpTo && t >= 1 && s <= Self.exactStrata {
                    // Shorter windows estimate σ and the drift worse: their standardised errors
                    // are wider, by the ratio the library shows between the two strata.
                    let r = Self.spread(libraryHere) / Self.spread(library.table(stratum: t, step: h))
                    mine += errors(t).map { $0 * (r.isFinite && r > 0 ? r : 1) }
                    t -= 1
                }
                // No own errors this far ahead (a batch of short series): the previous step's,
                // widened as the library widens from that step to this one.
                if mine.count < Self.borrowUpTo, h >= 2, !borrowed[h - 2].isEmpty, s >= 1 {
                    let r =
                        Self.spread(library.table(stratum: s, step: h))
                        / Self.spread(library.table(stratum: s, step: h - 1))
                    if r.isFinite && r > 0 {
                        mine += borrowed[h - 2].map { $0 * r }
                    }
                }
                borrowed.append(mine)
                let lib = library.table(stratum: s, step: h)
                var items = mine.map { ($0, 1.0) }
                let w = Self.libraryWeight / Double(lib.count)
                items += lib.map { ($0, w) }
                items.sort { $0.0 < $1.0 }
                let total = items.reduce(0) { $0 + $1.1 }
                var acc = 0.0
                var v = [Double](), p = [Double]()
                v.reserveCapacity(items.count)
                p.reserveCapacity(items.count)
                for (x, wt) in items {
                    v.append(x)
                    p.append((acc + wt / 2) / total)
                    acc += wt
                }
                let median = Self.interpolate(v, p, 0.5)
                let kept = s == 0 ? Self.referenceClassKept : Self.keptBias
                vs.append(v.map { $0 - (1 - kept) * median })
                ps.append(p)
                cs.append(mine.count)
            }
            values.append(vs)
            positions.append(ps)
            counts.append(cs)
        }
        self.values = values
        self.positions = positions
        self.counts = counts
        gridQuantiles = (0..<ErrorScale.strata).map { s in
            (0..<max(1, horizon)).map { h in Self.grid.map { Self.interpolate(values[s][h], positions[s][h], $0) } }
        }
    }

    /// Spread of a library table: the range between entries 19 and 79 (levels 0.197 and 0.803 of
    /// `ReferenceLibrary.levels`, the middle 61%; only ratios of spreads are used).
    static func spread(_ t: [Double]) -> Double { t.count >= 99 ? t[79] - t[19] : 1 }

    static func interpolate(_ v: [Double], _ p: [Double], _ tau: Double) -> Double {
        guard let first = p.first, let last = p.last else { return 0 }
        if tau <= first { return v[0] }
        if tau >= last { return v[v.count - 1] }
        var lo = 0, hi = p.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if p[mid] <= tau { lo = mid } else { hi = mid }
        }
        let w = (tau - p[lo]) / max(p[hi] - p[lo], 1e-300)
        return v[lo] + w * (v[hi] - v[lo])
    }

    /// The standardised quantile at `tau` for `stratum` and `step`.
    public func quantile(stratum: Int, step: Int, _ tau: Double) -> Double {
        let h = min(max(step, 1), horizon) - 1
        return Self.interpolate(values[stratum][h], positions[stratum][h], tau)
    }

    /// The grid quantiles for `stratum` and `step` (means, simulation).
    public func grid(stratum: Int, step: Int) -> [Double] { gridQuantiles[stratum][min(max(step, 1), horizon) - 1] }
}
