import Forecasting
import Foundation
import Indicators

/// Yearly flows counted in whole units: the forecast is the year's expected count, the count
/// itself is Poisson around it.
extension PreparedScenario {
    /// Whether series `k` is a yearly flow of whole units (家, 个, 人, …; `countUnits`), whose
    /// forecast years `drawCounts` draws as counts.
    func isCountFlow(_ k: Int) -> Bool {
        let ser = model.series[k]
        return !ser.isDriver && ser.kind == .flow && ser.isCount
    }

    /// On every path, each forecast (or backcast) year of a flow of whole units becomes a count
    /// around the path's value λ, Poisson as far as the forecast's scale does not already carry
    /// the count's chance (a Poisson–lognormal model: Aitchison & Ho, "The multivariate Poisson-log normal
    /// distribution", Biometrika 76, 1989):
    ///
    ///     x = λ + √(1 − w)·(N − λ),   N ~ Poisson(λ),
    ///     E[x] = E[λ],   Var[x] = Var[λ] + (1 − w)·E[λ],
    ///
    /// with w = 0.9·k/(k + 2) the weight of the series' own scale in its σ (`ErrorScale`, k the
    /// increments of its observations), rounded to a whole count afterwards. The scale comes
    /// from yearly aggregates (the batch's other indicators and the reference library, whose
    /// series count tourists and output in thousands) in the share 1 − w, and those lack the
    /// chance in a small count of events: a city that set up 3 new R&D institutions in 2022 may
    /// set up none in 2024, yet the lognormal forecast alone put P(at least 1 in 2024) at 1.000
    /// (no path of 100,000 below 0.5); now 0.95. A series' own history carries that chance in the share w.
    /// For flows of thousands it adds little (a standard deviation of √λ: 3% at 1,000). Runs
    /// after the levers (a lever moves the expected count) and before sums over years and
    /// bounds, which hold on the counts. Not checked against data: the development sets hold no
    /// small counts; the model is the textbook one for counts of events.
    ///
    /// Each cell (series, year, path) has its own random stream, the same in every scenario, so
    /// that a scenario that changes one path's expected count changes no other path's draw, and
    /// for counts below 10 a larger expected count never gives a smaller count on the same path
    /// (Knuth's method uses the same uniforms): scenario differences stay free of noise.
    ///
    /// A path whose λ equals, bit for bit, the one the block's first scenario drew from takes
    /// that scenario's count (`Scratch.counts`): the same draw, not drawn again (on the bundled
    /// plan most scenarios leave most count flows alone, and a lever may move some paths only).
    func drawCounts(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch, only: [Bool]? = nil) {
        if s.counts.block != b || s.counts.paths != n { s.counts = CountCache(block: b, paths: n) }
        for k in 0..<seriesCount where isCountFlow(k) && only?[k] ?? true {
            let ser = model.series[k]
            let share = (1 - ErrorScale.ownWeight(increments: max(0, ser.evidence.observations - 1))).squareRoot()
            let key = Xoshiro256PlusPlus.key("counts:" + ser.id)
            for t in 0..<yearCount where isSimulated(k, t) || ser.sources[t] == .backcast {
                let o = at(k, t, n)
                let cached = s.counts.cells[o]
                let lambda = cached == nil ? Array(s.vals[o..<(o + n)]) : []
                var cellKeys = SplitMix64(state: seed ^ (key &+ UInt64(t)) &* 0xD1B5_4A32_D192_ED03)
                let base = cellKeys.next() ^ UInt64(b) &* 0x9E37_79B9_7F4A_7C15
                s.vals.withUnsafeMutableBufferPointer { vb in
                    for p in 0..<n {
                        let v = vb[o + p]
                        if let cached, cached.lambda[p].bitPattern == v.bitPattern {
                            vb[o + p] = cached.drawn[p]
                            continue
                        }
                        // Beyond 2⁵² a count's chance is far below the spacing of doubles.
                        guard v > 0 && v < 0x1p52 else { continue }
                        var g = SplitMix64(state: base ^ UInt64(p) &* 0xBF58_476D_1CE4_E5B9)
                        vb[o + p] = v + share * (Poisson.draw(mean: v, using: &g) - v)
                    }
                }
                // The first scenario's draws stay the reference for the later ones.
                if cached == nil { s.counts.cells[o] = (lambda, Array(s.vals[o..<(o + n)])) }
            }
        }
    }
}
