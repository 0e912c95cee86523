import Foundation
import Indicators

/// Scenario effects, applied path by path to simulated years.
extension BlockPlan {
    /// Per-path uniforms of each lever, from the lever's own stream.
    func leverDraws(block b: Int, paths n: Int, seed: UInt64, perPath: Int, lever: String) -> [Double] {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a of the lever name
        for byte in lever.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var g = Xoshiro256PlusPlus.stream(seed: seed, scenario: h, block: UInt64(b))
        return (0..<(n * perPath)).map { _ in (Double(g.next() >> 11) + 0.5) * 0x1p-53 }
    }

    func isSimulated(_ k: Int, _ t: Int) -> Bool { model.series[k].sources[t] == .simulated }

    func applyEffects(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        let years = model.years
        // Driver paths: replace the simulated growth; keep the baseline for the links.
        for (d, dp) in effects.driverPaths.enumerated() {
            guard let k = index[dp.driver] else { continue }
            let sortedYears = dp.growthPercent.keys.sorted()
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: max(1, sortedYears.count), lever: dp.lever)
            for t in 1..<T where isSimulated(k, t) {
                let o = at(k, t, n), prev = at(k, t - 1, n)
                let table = driverTables[d][years[t]]
                let col = sortedYears.firstIndex(of: years[t]) ?? 0
                for p in 0..<n {
                    let base = s.vals[o + p]
                    s.baseline[o + p] = base
                    let prevNew = s.vals[prev + p]
                    let prevBase = isSimulated(k, t - 1) ? s.baseline[prev + p] : prevNew
                    let growth = table.map { 1 + $0.sample(u[p * max(1, sortedYears.count) + col]) / 100 } ?? (base / prevBase)
                    let new = prevNew * growth
                    s.vals[o + p] = new
                    s.ratio[o + p] = new / base
                }
            }
            for link in effects.driverLinks where link.driver == dp.driver {
                for id in link.series {
                    guard let j = index[id] else { continue }
                    for t in 0..<T where isSimulated(j, t) && isSimulated(k, t) {
                        let o = at(j, t, n), r = at(k, t, n)
                        for p in 0..<n { s.vals[o + p] *= pow(s.ratio[r + p], link.elasticity) }
                    }
                }
            }
        }
        for (i, gs) in effects.growthShifts.enumerated() {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 1, lever: gs.lever)
            let factor = u.map { 1 + growthTables[i].sample($0) / 100 }
            multiplySimulated(gs.series, from: gs.fromYear, by: factor, compounding: true, paths: n, into: &s)
        }
        for (i, ls) in effects.levelShifts.enumerated() {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 1, lever: ls.lever)
            let factor = u.map { 1 + levelTables[i].sample($0) / 100 }
            multiplySimulated(ls.series, from: ls.year, by: factor, compounding: false, paths: n, into: &s)
        }
        for (i, sh) in effects.shocks.enumerated() {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 2, lever: sh.lever)
            let factor = (0..<n).map { p in u[2 * p] < sh.probability ? 1 + shockTables[i].sample(u[2 * p + 1]) / 100 : 1 }
            multiplySimulated(sh.series, from: sh.year, by: factor, compounding: false, paths: n, into: &s)
        }
    }

    /// Multiplies every simulated value of `series` in years from `from` on by the path's factor —
    /// raised to the number of years since `from` (inclusive) when `compounding`.
    func multiplySimulated(_ series: [String], from: Int, by factor: [Double], compounding: Bool, paths n: Int, into s: inout Scratch) {
        for id in series {
            guard let k = index[id] else { continue }
            for t in 0..<T where isSimulated(k, t) && model.years[t] >= from {
                let o = at(k, t, n)
                let years = Double(model.years[t] - from + 1)
                for p in 0..<n { s.vals[o + p] *= compounding ? pow(factor[p], years) : factor[p] }
            }
        }
    }
}
