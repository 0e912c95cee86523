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
        for dp in effects.driverPaths {
            guard let k = index[dp.driver] else { continue }
            let sortedYears = dp.growthPercent.keys.sorted()
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: max(1, sortedYears.count), lever: dp.lever)
            for t in 1..<T where isSimulated(k, t) {
                let o = at(k, t, n), prev = at(k, t - 1, n)
                let table = dp.growthPercent[years[t]]?.table()
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
        for gs in effects.growthShifts {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 1, lever: gs.lever)
            let table = gs.percentPerYear.table()
            for id in gs.series {
                guard let k = index[id] else { continue }
                for t in 0..<T where isSimulated(k, t) && years[t] >= gs.fromYear {
                    let years = Double(model.years[t] - gs.fromYear + 1)
                    let o = at(k, t, n)
                    for p in 0..<n { s.vals[o + p] *= pow(1 + table.sample(u[p]) / 100, years) }
                }
            }
        }
        for ls in effects.levelShifts {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 1, lever: ls.lever)
            let table = ls.percent.table()
            for id in ls.series {
                guard let k = index[id] else { continue }
                for t in 0..<T where isSimulated(k, t) && years[t] >= ls.year {
                    let o = at(k, t, n)
                    for p in 0..<n { s.vals[o + p] *= 1 + table.sample(u[p]) / 100 }
                }
            }
        }
        for sh in effects.shocks {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 2, lever: sh.lever)
            let table = sh.percent.table()
            for id in sh.series {
                guard let k = index[id] else { continue }
                for t in 0..<T where isSimulated(k, t) && years[t] >= sh.year {
                    let o = at(k, t, n)
                    for p in 0..<n where u[2 * p] < sh.probability { s.vals[o + p] *= 1 + table.sample(u[2 * p + 1]) / 100 }
                }
            }
        }
    }
}
