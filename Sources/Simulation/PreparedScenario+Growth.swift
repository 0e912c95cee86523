import Foundation
import Indicators

/// Growth rates between two years that the evidence leaves open.
extension PreparedScenario {
    /// A growth rate reported for a year t whose value and the year before's are both drawn on
    /// the paths ("比上年增长10%" in 2024, with the series last known in 2022): on every path
    ///
    ///     x(t) = x(t − 1)·f,   f ~ U[1 + g̲/100, 1 + ḡ/100]   (`SimulationSeries.growth`),
    ///
    /// f from a stream of its own (keyed by the series and year, the same in every scenario),
    /// as `tieNetChangeSteps` does with a net change's difference:
    /// - both forecast: x(t) is set so, and the later forecast years move with it on the
    ///   modelling scale, as a forecast that starts from a year known by bounds does;
    /// - both backcast (before the first known year): x(t − 1) = x(t)/f, and the earlier
    ///   backcast years move with it;
    /// - on a bridge between two known years (interpolated): the interpolated end moves to the
    ///   rate, and the change fades out linearly by the known figure beyond it, which is kept.
    ///
    /// Between years known exactly or by bounds the rate bounds the open year
    /// (`Plan.growthBounds`) and holds in the draws (`drawBounded`); before 2026-12-01 a rate
    /// between two open years added nothing. Runs after the levers (evidence holds on every
    /// path, whatever the scenario: a lever's growth in year t gives way to the reported one).
    /// A path whose tie would leave the series' range keeps its draw.
    func tieGrowthSteps(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch, only: [Bool]? = nil) {
        func isKnown(_ v: ValueSource) -> Bool { v == .observed || v == .bounded }
        for (k, ser) in model.series.enumerated() where !ser.growth.isEmpty && only?[k] ?? true {
            let tr = ser.transform
            for t in 1..<min(yearCount, ser.growth.count) {
                guard let f = ser.growth[t], f.lower > 0 else { continue }
                let (s0, s1) = (ser.sources[t - 1], ser.sources[t])
                let ahead = s1 == .simulated && (s0 == .simulated || isKnown(s0))
                let behind = s0 == .backcast && (s1 == .backcast || isKnown(s1))
                let bridgeAhead = s1 == .interpolated && (s0 == .interpolated || isKnown(s0))
                let bridgeBehind = s0 == .interpolated && isKnown(s1)
                guard ahead || behind || bridgeAhead || bridgeBehind else { continue }
                var g = Xoshiro256PlusPlus.stream(seed: seed, named: "growth:\(ser.id):\(model.years[t])", block: b)
                let factor = (0..<n).map { _ in f.lower + g.nextOpenUnit() * (f.upper - f.lower) }
                let now = at(k, t, n), before = at(k, t - 1, n)
                if ahead || behind {
                    // The moving end and the years beyond it, away from the known ones.
                    let years =
                        ahead
                        ? Array((t..<yearCount).prefix { ser.sources[$0] == .simulated })
                        : Array((0..<t).reversed().prefix { ser.sources[$0] == .backcast })
                    let cells = years.map { at(k, $0, n) }
                    for p in 0..<n {
                        let old = s.vals[cells[0] + p]
                        let target = ahead ? s.vals[before + p] * factor[p] : s.vals[now + p] / factor[p]
                        guard target.isFinite, old.isFinite, tr.admits(target), tr.admits(old) else { continue }
                        let offset = tr.forward(target) - tr.forward(old)
                        for q in cells.dropFirst() { s.vals[q + p] = tr.inverse(tr.forward(s.vals[q + p]) + offset) }
                        s.vals[cells[0] + p] = target
                    }
                } else if bridgeAhead {
                    // x(t) moves to x(t − 1)·f; the change fades out by the next figure.
                    guard let end = ((t + 1)..<yearCount).first(where: { ser.sources[$0] != .interpolated }),
                        isKnown(ser.sources[end])
                    else { continue }
                    let change = (0..<n).map { p in s.vals[before + p] * factor[p] - s.vals[now + p] }
                    spread(k, from: t, to: end, by: change, into: &s, transform: tr)
                } else {
                    // x(t − 1) moves to x(t)/f; the change fades out by the figure before.
                    guard let start = (0..<(t - 1)).last(where: { ser.sources[$0] != .interpolated }),
                        isKnown(ser.sources[start])
                    else { continue }
                    let change = (0..<n).map { p in s.vals[now + p] / factor[p] - s.vals[before + p] }
                    spread(k, from: t - 1, to: start, by: change, into: &s, transform: tr)
                }
            }
        }
    }
}
