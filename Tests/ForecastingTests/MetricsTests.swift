import Foundation
import Testing

@testable import Forecasting

/// `Metrics` against the independent Python scorer (shared/bench/score_forecasts.py) on the
/// same data and forecasts; see Fixtures/scorer/README.md for the commands.
struct MetricsTests {
    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/scorer/\(name)", withExtension: nil)!
    }

    static func rows(_ name: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOf: fixture(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return (lines[0], Array(lines.dropFirst()))
    }

    @Test func sameNumbersAsThePythonScorer() throws {
        try Self.compare(
            forecasts: "forecasts.csv", levels: [80, 95], taus: [0.05, 0.25, 0.5, 0.75, 0.95], reference: "scorer.json",
            keys: [
                "sMAPE", "MASE", "sMAPE_naive2", "MASE_naive2", "OWA", "cov80", "MSIS80", "width80", "cov95", "MSIS95",
                "width95", "SQL", "brier", "brier_skill_vs_climatology", "ECE", "qcal_0.05", "qcal_0.5", "qcal_0.975",
            ])
    }

    /// Forecasts with one interval and no quantiles: two levels (0.1 and 0.9), the point as the
    /// median, are enough for the event probabilities, as in the scorer (`len(taus) >= 2`).
    /// `forecasts-80.csv` is `forecasts.csv` with only `mean`, `lo80` and `hi80`, and
    /// `scorer-80.json` the scorer's figures for it (commands in Fixtures/scorer/README.md).
    /// (Round 219's mutant `taus.count > 2` left out the brier score and ECE.)
    @Test func oneIntervalIsEnoughForTheEventScores() throws {
        try Self.compare(
            forecasts: "forecasts-80.csv", levels: [80], taus: [], reference: "scorer-80.json",
            keys: [
                "sMAPE", "MASE", "cov80", "MSIS80", "width80", "SQL", "brier", "brier_skill_vs_climatology", "ECE",
                "qcal_0.1", "qcal_0.9",
            ])
    }

    /// Scores `forecasts` of the series in data.csv with `Metrics` and compares `keys` with the
    /// Python scorer's figures in `reference`, to 10⁻⁹ relative.
    static func compare(forecasts: String, levels: [Double], taus: [Double], reference: String, keys: [String]) throws {
        let (dh, data) = try Self.rows("data.csv")
        let (fh, fc) = try Self.rows(forecasts)
        let col = { (h: [String], n: String) in h.firstIndex(of: n)! }
        var train = [String: [Double]](), test = [String: [Double]]()
        var order = [String]()
        for r in data {
            let id = r[col(dh, "series_id")], v = Double(r[col(dh, "value")])!
            if train[id] == nil && test[id] == nil { order.append(id) }
            if r[col(dh, "split")] == "train" {
                train[id, default: []].append(v)
            } else {
                test[id, default: []].append(v)
            }
        }
        var byID = [String: [[String]]]()
        for r in fc { byID[r[0], default: []].append(r) }
        let scored = order.map { id -> ScoredForecast in
            let r = byID[id]!.sorted { Int($0[col(fh, "horizon_step")])! < Int($1[col(fh, "horizon_step")])! }
            func c(_ n: String) -> [Double] { r.map { Double($0[col(fh, n)])! } }
            var iv = [Double: (lo: [Double], hi: [Double])]()
            for lv in levels { iv[lv] = (c("lo\(Int(lv))"), c("hi\(Int(lv))")) }
            var q = [Double: [Double]]()
            for t in taus { q[t] = c("q\(t)") }
            return ScoredForecast(train: train[id]!, test: test[id]!, point: c("mean"), intervals: iv, quantiles: q)
        }
        let mine = Dictionary(uniqueKeysWithValues: Metrics.score(scored))
        let ref =
            try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture(reference))) as! [String: Any]
        for k in keys {
            let r = try #require(ref[k] as? Double, "\(reference) lacks \(k)")
            let m = try #require(mine[k], "Metrics lacks \(k)")
            #expect(abs(m - r) <= 1e-9 * max(1, abs(r)), "\(k): Swift \(m), Python \(r)")
        }
    }

    @Test func smallClosedFormCases() {
        #expect(Metrics.smape(100, 100) == 0)
        #expect(Metrics.smape(0, 0) == 0)
        #expect(abs(Metrics.smape(100, 50) - 200.0 * 50 / 150) < 1e-12)
        #expect(Metrics.maseScale([1, 3, 2]) == 1.5)
        #expect(abs(Metrics.pinball(10, 8, 0.9) - 1.8) < 1e-12)
        #expect(abs(Metrics.pinball(10, 12, 0.9) - 0.2) < 1e-12)
        // Interval score: width plus 2/α times the miss.
        #expect(Metrics.intervalScore(15, lo: 0, hi: 10, alpha: 0.05) == 10 + 40 * 5)
        // A perfectly calibrated set of probabilities has zero ECE.
        #expect(Metrics.ece([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0]) == 0)
        // CDF through quantiles: linear inside, normal tails outside.
        #expect(abs(Metrics.cdf(taus: [0.1, 0.5, 0.9], quantiles: [0, 1, 2], at: 0.5) - 0.3) < 1e-12)
        #expect(Metrics.cdf(taus: [0.1, 0.5, 0.9], quantiles: [0, 1, 2], at: -1) < 0.1)
        // Near the top of double precision 200·|y − f| overflows; the ratio does not.
        #expect(abs(Metrics.smape(1e307, 1.5e307) - 200.0 * 0.5 / 2.5) < 1e-12)
        #expect(abs(Metrics.smape(-1.7e308, 1.7e308) - 200) < 1e-12)
    }

    /// A series with no in-sample change has no MASE scale: the scaled metrics are those of the
    /// other series (by hand: |13 − 12| / 1 = 1 for the second), never infinite.
    @Test func aConstantSeriesLeavesTheScaledMetricsFinite() {
        let flat = ScoredForecast(
            train: [5, 5, 5], test: [6], point: [5], intervals: [80: (lo: [4], hi: [6])], quantiles: [:])
        let moving = ScoredForecast(
            train: [10, 11, 12], test: [13], point: [12], intervals: [80: (lo: [11], hi: [13])], quantiles: [:])
        let m = Dictionary(uniqueKeysWithValues: Metrics.score([flat, moving]))
        #expect(m["MASE"] == 1)
        #expect(m["MASE_naive2"] == 1)
        #expect(m["width80"] == 2)
        #expect(m["n_series"] == 2)
        #expect(m.values.allSatisfy { !$0.isInfinite }, "\(m)")
        let onlyFlat = Dictionary(uniqueKeysWithValues: Metrics.score([flat]))
        #expect(onlyFlat["MASE"]!.isNaN && onlyFlat["OWA"]!.isNaN, "undefined, written empty: \(onlyFlat)")
    }

    /// Where every event of a type has the same outcome the climatology is perfect (its Brier
    /// score is 0) and the skill against it is undefined: NaN, as the scorer writes it
    /// (`score_forecasts.py`: `1 - brier / bs_ref if bs_ref > 0 else nan`), not −∞. Here the
    /// training values are flat (scale 0), so every threshold is the last value 5, and the
    /// outcomes 7 and 8 exceed it: every event happened.
    @Test func aPerfectClimatologyLeavesTheSkillUndefined() {
        let f = ScoredForecast(
            train: [5, 5, 5], test: [7, 8], point: [6, 6], intervals: [80: (lo: [4, 3], hi: [8, 9])],
            quantiles: [0.5: [6, 6]])
        let m = Dictionary(uniqueKeysWithValues: Metrics.score([f]))
        #expect(m["brier"]! > 0 && m["brier"]!.isFinite, "\(m)")
        #expect(m["brier_skill_vs_climatology"]!.isNaN, "\(m)")
    }
}
