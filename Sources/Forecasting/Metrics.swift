import Foundation

/// One forecast to score: the training values (for the MASE scale and the event thresholds),
/// the outcomes, and the forecast's point, central intervals and quantiles.
public struct ScoredForecast: Sendable {
    public let train: [Double]
    public let test: [Double]
    public let point: [Double]
    /// Central interval level in percent (80, 95) → (lower, upper) per step.
    public let intervals: [Double: (lo: [Double], hi: [Double])]
    /// Probability level → values per step.
    public let quantiles: [Double: [Double]]

    public init(
        train: [Double], test: [Double], point: [Double], intervals: [Double: (lo: [Double], hi: [Double])],
        quantiles: [Double: [Double]]
    ) {
        self.train = train
        self.test = test
        self.point = point
        self.intervals = intervals
        self.quantiles = quantiles
    }
}

/// Accuracy and calibration metrics with the definitions of `shared/bench/score_forecasts.py`
/// (M3/M4 conventions), so that both give the same numbers on the same forecasts:
/// sMAPE and MASE per series then averaged; coverage pooled over all points; MSIS (M4) per
/// series then averaged; SQL = 2 × mean pinball loss / scale; event probabilities for
/// `y_{T+h} > y_T + k·scale`, k ∈ {−1, 0, 1, 2}, read off a piecewise-linear CDF through the
/// quantiles with normal tails; Brier score, Brier skill against the pooled base rate of each
/// event type, and expected calibration error over 10 bins. Where the scorer would print
/// `inf` (a series with no in-sample change has scale 0; 200·|y − f| overflowing near 1e308),
/// the scaled metrics leave that series out and the means are over finite values.
public enum Metrics {
    static let eventKs: [Double] = [-1, 0, 1, 2]

    static func smape(_ y: Double, _ f: Double) -> Double {
        // Divided by the larger magnitude first: 200·|y − f| overflows near the top of double
        // precision (1e307 gave sMAPE = inf).
        let m = max(abs(y), abs(f))
        guard m > 0, m.isFinite else { return m == 0 ? 0 : .nan }
        let (a, b) = (y / m, f / m)
        return 200 * abs(a - b) / (abs(a) + abs(b))
    }

    /// Mean absolute first difference of the training values (seasonal period 1).
    static func maseScale(_ train: [Double]) -> Double {
        guard train.count > 1 else { return .nan }
        var s = 0.0
        for k in 1..<train.count { s += abs(train[k] - train[k - 1]) }
        return s / Double(train.count - 1)
    }

    /// Pinball loss of quantile `q` at level `tau` for outcome `y`.
    public static func pinball(_ y: Double, _ q: Double, _ tau: Double) -> Double {
        let d = y - q
        return max(tau * d, (tau - 1) * d)
    }

    /// M4's interval score of a central (1 − a) interval, unscaled.
    static func intervalScore(_ y: Double, lo: Double, hi: Double, alpha a: Double) -> Double {
        (hi - lo) + (2 / a) * max(lo - y, 0) + (2 / a) * max(y - hi, 0)
    }

    /// P(Y ≤ x) from quantiles (levels strictly increasing), linear between them and normal
    /// tails through the outermost pair (as `_cdf_from_quantiles` in the scorer).
    static func cdf(taus: [Double], quantiles qsIn: [Double], at x: Double) -> Double {
        let qs = qsIn.sorted()
        if taus.count == 1 { return x >= qs[0] ? (taus[0] >= 0.5 ? 1 : 0) : 0 }
        let (loT, hiT, loQ, hiQ) = (taus.first!, taus.last!, qs.first!, qs.last!)
        if loQ <= x && x <= hiQ {
            // First index with qs[idx] > x.
            let idx = qs.firstIndex { $0 > x } ?? qs.count
            if idx >= qs.count { return hiT }
            if idx == 0 { return loT }
            let (q0, q1, t0, t1) = (qs[idx - 1], qs[idx], taus[idx - 1], taus[idx])
            if q1 == q0 { return t1 }
            return t0 + (t1 - t0) * (x - q0) / (q1 - q0)
        }
        let zLo = StudentT.normalQuantile(loT), zHi = StudentT.normalQuantile(hiT)
        let sig = hiQ > loQ ? (hiQ - loQ) / (zHi - zLo) : 0
        if sig <= 0 { return x < loQ ? 0 : 1 }
        let mu = loQ - zLo * sig
        let p = StudentT.normalCDF((x - mu) / sig)
        return x < loQ ? min(p, loT) : max(p, hiT)
    }

    /// Expected calibration error over `bins` equal-width probability bins.
    static func ece(_ p: [Double], _ o: [Double], bins: Int = 10) -> Double {
        var sumP = [Double](repeating: 0, count: bins), sumO = sumP, n = sumP
        for k in p.indices {
            // numpy.digitize on the inner edges i·(1/bins), i = 1…bins−1 (as np.linspace makes them).
            var b = 0
            for i in 1..<bins where p[k] >= Double(i) * (1 / Double(bins)) { b = i }
            sumP[b] += p[k]
            sumO[b] += o[k]
            n[b] += 1
        }
        var e = 0.0
        for b in 0..<bins where n[b] > 0 {
            e += n[b] / Double(p.count) * abs(sumP[b] / n[b] - sumO[b] / n[b])
        }
        return e
    }

    /// All metrics, keyed as the scorer names them (`sMAPE`, `MASE`, `cov80`, `MSIS95`, `SQL`,
    /// `brier`, `brier_skill_vs_climatology`, `ECE`, …).
    public static func score(_ forecasts: [ScoredForecast]) -> [(String, Double)] {
        var out = [(String, Double)]()
        let levels = Set(forecasts.flatMap { $0.intervals.keys }).sorted()
        var smapes = [Double](), mases = [Double](), smapeNaive = [Double](), maseNaive = [Double]()
        var msis = [Double: [Double]](), width = [Double: [Double]](), inside = [Double: (Int, Int)]()
        var sql = [Double]()
        var evP = [Double](), evO = [Double](), evK = [Double]()
        var qHits = [Double: (Int, Int)]()
        for f in forecasts {
            let h = f.test.count
            guard h > 0 else { continue }
            let scale = maseScale(f.train)
            // A series without in-sample change has no MASE scale: it is left out of the scaled
            // metrics (MASE, MSIS, width, SQL) as in M4, rather than making their means infinite.
            let scaled = scale.isFinite && scale > 0
            let last = f.train.last!
            smapes.append((0..<h).map { smape(f.test[$0], f.point[$0]) }.reduce(0, +) / Double(h))
            smapeNaive.append((0..<h).map { smape(f.test[$0], last) }.reduce(0, +) / Double(h))
            if scaled {
                mases.append((0..<h).map { abs(f.test[$0] - f.point[$0]) }.reduce(0, +) / Double(h) / scale)
                maseNaive.append((0..<h).map { abs(f.test[$0] - last) }.reduce(0, +) / Double(h) / scale)
            }
            for lv in levels {
                guard let (lo, hi) = f.intervals[lv] else { continue }
                let a = 1 - lv / 100
                var pen = 0.0, w = 0.0, (ins, tot) = inside[lv] ?? (0, 0)
                for j in 0..<h {
                    pen += intervalScore(f.test[j], lo: lo[j], hi: hi[j], alpha: a)
                    w += hi[j] - lo[j]
                    if f.test[j] >= lo[j] && f.test[j] <= hi[j] { ins += 1 }
                    tot += 1
                }
                inside[lv] = (ins, tot)
                if scaled {
                    msis[lv, default: []].append(pen / Double(h) / scale)
                    width[lv, default: []].append(w / Double(h) / scale)
                }
            }
            // Quantile set as the scorer reads it: explicit quantiles plus interval bounds.
            var qmap = f.quantiles
            for (lv, (lo, hi)) in f.intervals {
                let t = ((1 - lv / 100) / 2 * 1e6).rounded() / 1e6
                if qmap[t] == nil { qmap[t] = lo }
                let u = ((1 - (1 - lv / 100) / 2) * 1e6).rounded() / 1e6
                if qmap[u] == nil { qmap[u] = hi }
            }
            let taus = qmap.keys.sorted()
            if !taus.isEmpty {
                var ql = 0.0
                for t in taus {
                    let q = qmap[t]!
                    ql += (0..<h).map { pinball(f.test[$0], q[$0], t) }.reduce(0, +) / Double(h)
                    var (hit, tot) = qHits[t] ?? (0, 0)
                    for j in 0..<h { if f.test[j] <= q[j] { hit += 1 }; tot += 1 }
                    qHits[t] = (hit, tot)
                }
                if scaled { sql.append(2 * ql / Double(taus.count) / scale) }
                if taus.count >= 2 {
                    var te = taus
                    var withMedian = qmap
                    if !taus.contains(where: { abs($0 - 0.5) < 1e-9 }) {
                        withMedian[0.5] = f.point
                        te = withMedian.keys.sorted()
                    }
                    for k in eventKs {
                        let thr = last + k * scale
                        for j in 0..<h {
                            let p = 1 - cdf(taus: te, quantiles: te.map { withMedian[$0]![j] }, at: thr)
                            evP.append(p)
                            evO.append(f.test[j] > thr ? 1 : 0)
                            evK.append(k)
                        }
                    }
                }
            }
        }
        // Means over finite values: one forecast beyond double precision must not blank a batch.
        func mean(_ v: [Double]) -> Double {
            let finite = v.filter(\.isFinite)
            return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        }
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        out.append(("n_series", Double(smapes.count)))
        out.append(("sMAPE", mean(smapes)))
        out.append(("MASE", mean(mases)))
        out.append(("sMAPE_naive2", mean(smapeNaive)))
        out.append(("MASE_naive2", mean(maseNaive)))
        out.append(("OWA", 0.5 * (ratio(mean(smapes), mean(smapeNaive)) + ratio(mean(mases), mean(maseNaive)))))
        for lv in levels {
            let name = lv == lv.rounded() ? String(Int(lv)) : String(lv)
            let (ins, tot) = inside[lv] ?? (0, 0)
            out.append(("cov\(name)", tot > 0 ? Double(ins) / Double(tot) : .nan))
            out.append(("MSIS\(name)", mean(msis[lv] ?? [])))
            out.append(("width\(name)", mean(width[lv] ?? [])))
        }
        if !sql.isEmpty {
            out.append(("SQL", mean(sql)))
            for t in qHits.keys.sorted() {
                let (hit, tot) = qHits[t]!
                out.append(("qcal_\(formatLevel(t))", Double(hit) / Double(tot)))
            }
        }
        if !evP.isEmpty {
            let brier = mean(zip(evP, evO).map { ($0 - $1) * ($0 - $1) })
            var ref = [Double](repeating: 0, count: evP.count)
            for k in eventKs {
                let idx = evK.indices.filter { evK[$0] == k }
                let rate = mean(idx.map { evO[$0] })
                for i in idx { ref[i] = rate }
            }
            let bsRef = mean(zip(ref, evO).map { ($0 - $1) * ($0 - $1) })
            out.append(("brier", brier))
            out.append(("brier_skill_vs_climatology", bsRef > 0 ? 1 - brier / bsRef : .nan))
            out.append(("ECE", ece(evP, evO)))
        }
        return out
    }

    /// "0.05", "0.5", "0.975": the shortest decimal for a probability level.
    static func formatLevel(_ t: Double) -> String {
        var s = String(format: "%.6f", t)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
