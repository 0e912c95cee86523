import Forecasting
import Foundation
import Indicators

/// Evidence that is not an exact value: years known by bounds, and the uncertainty of years
/// interpolated between two observations.
extension PreparedScenario {
    /// Years known only by bounds (after the last exact value) are drawn uniformly within their
    /// bounds on every path, from a stream of their own (keyed by the series, shared by every
    /// scenario); the forecast of the following years moves with the draw of the last of them.
    func drawBounded(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        for (k, ser) in model.series.enumerated() where ser.sources.contains(.bounded) {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a of "bounds:" + id
            for byte in ("bounds:" + ser.id).utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var g = Xoshiro256PlusPlus.stream(seed: seed, scenario: h, block: UInt64(b))
            for t in 0..<yearCount where ser.sources[t] == .bounded {
                let mid = ser.known[t] ?? 0
                let lo = (t < ser.lower.count ? ser.lower[t] : nil) ?? mid
                let hi = (t < ser.upper.count ? ser.upper[t] : nil) ?? mid
                let o = at(k, t, n)
                for p in 0..<n {
                    let u = (Double(g.next() >> 11) + 0.5) * 0x1p-53
                    var v = lo + u * (hi - lo)
                    if ser.isCount {
                        v = min(max(v.rounded(), lo.rounded(.up)), max(hi.rounded(.down), lo.rounded(.up)))
                    }
                    s.vals[o + p] = v
                }
            }
        }
    }

    /// Years interpolated between two known years a < t < b are uncertain: each path gets a
    /// Brownian-bridge deviation with SD σ·√((t − a)(b − t)/(b − a)) on the modelling scale, from
    /// its own stream (keyed by the series, shared by every scenario), truncated to the year's own
    /// bounds where a report gives some (`TruncatedNormal`). A known year may be one
    /// known by bounds, drawn per path (`drawBounded`, which runs first): the interpolation then
    /// follows the path's draws, z_t = z̄_t + (1 − w)(z_a − z̄_a) + w(z_b − z̄_b) with w = (t − a)/(b − a)
    /// and z̄ the values the timeline interpolated between, so a year between an exact value and a
    /// bound is a probability and not one fixed number on every path.
    func bridge(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        for (k, ser) in model.series.enumerated() where ser.sources.contains(.interpolated) {
            guard let sigma = ser.scale.first, sigma > 0 else { continue }
            var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a of "bridge:" + id
            for byte in ("bridge:" + ser.id).utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var g = Xoshiro256PlusPlus.stream(seed: seed, scenario: h, block: UInt64(b))
            func anchor(_ t: Int) -> Bool { ser.sources[t] == .observed || ser.sources[t] == .bounded }
            for t in 0..<yearCount where ser.sources[t] == .interpolated {
                // The known years around t: as the timeline recorded them (a year before the
                // timeline is exact), else the nearest known ones on it.
                let ia: Int?, ib: Int?, ya: Int, yb: Int
                if t < ser.anchors.count, let a = ser.anchors[t] {
                    (ya, yb) = (a.before, a.after)
                    (ia, ib) = (model.years.firstIndex(of: ya), model.years.firstIndex(of: yb))
                } else {
                    guard let before = (0..<t).last(where: anchor),
                        let after = ((t + 1)..<yearCount).first(where: anchor)
                    else { continue }
                    (ia, ib, ya, yb) = (before, after, model.years[before], model.years[after])
                }
                let yt = model.years[t]
                guard ya < yt && yt < yb else { continue }
                let sd = sigma * (Double((yt - ya) * (yb - yt)) / Double(yb - ya)).squareRoot()
                let w = Double(yt - ya) / Double(yb - ya)
                let o = at(k, t, n), oa = at(k, ia ?? 0, n), ob = at(k, ib ?? 0, n)
                let tr = ser.transform
                let drawnA = ia.map { ser.sources[$0] == .bounded } ?? false
                let drawnB = ib.map { ser.sources[$0] == .bounded } ?? false
                let midA = tr.forward(ia.flatMap { ser.known[$0] } ?? .nan)
                let midB = tr.forward(ib.flatMap { ser.known[$0] } ?? .nan)
                // A bound on the year itself (a report between two exact values) truncates the
                // bridge: every path satisfies it.
                let lo = t < ser.lower.count ? ser.lower[t] : nil, hi = t < ser.upper.count ? ser.upper[t] : nil
                let zlo = lo.flatMap { tr.admits($0) ? tr.forward($0) : nil } ?? -.infinity
                let zhi = hi.flatMap { tr.admits($0) ? tr.forward($0) : nil } ?? .infinity
                let bounded = lo != nil || hi != nil
                for p in 0..<n {
                    let v = s.vals[o + p]
                    guard tr.admits(v) else { continue }
                    var z = tr.forward(v)
                    if drawnA, tr.admits(s.vals[oa + p]), midA.isFinite {
                        z += (1 - w) * (tr.forward(s.vals[oa + p]) - midA)
                    }
                    if drawnB, tr.admits(s.vals[ob + p]), midB.isFinite { z += w * (tr.forward(s.vals[ob + p]) - midB) }
                    if bounded {
                        let u = (Double(g.next() >> 11) + 0.5) * 0x1p-53
                        s.vals[o + p] = tr.inverse(TruncatedNormal.draw(mean: z, sd: sd, lo: zlo, hi: zhi, u: u))
                    } else {
                        s.vals[o + p] = tr.inverse(z + sd * Ziggurat.normal(using: &g))
                    }
                }
            }
        }
    }
}
