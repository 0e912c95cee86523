import Foundation
import Indicators

/// Growth rates between two forecast years.
extension PreparedScenario {
    /// A growth rate reported for a year whose value and the year before's are both forecast
    /// ("比上年增长10%" in 2024, with the series last known in 2022): on every path
    ///
    ///     x(t) = x(t − 1)·f,   f ~ U[1 + g̲/100, 1 + ḡ/100]   (`SimulationSeries.growth`),
    ///
    /// drawn from a stream of its own (keyed by the series and year, the same in every
    /// scenario), and the later forecast years move with x(t) on the modelling scale, as a
    /// forecast that starts from a year known by bounds does. Between years known exactly or by
    /// bounds the rate bounds the open year (`Plan.growthBounds`) and holds in the draws
    /// (`drawBounded`); before 2026-12-01 a rate between two forecast years added nothing. Runs
    /// after the levers (evidence holds on every path, whatever the scenario: a lever's growth
    /// in year t gives way to the reported one). A path whose tie would leave the series' range
    /// keeps its draw.
    func tieGrowthSteps(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch, only: [Bool]? = nil) {
        for (k, ser) in model.series.enumerated() where !ser.growth.isEmpty && only?[k] ?? true {
            let tr = ser.transform
            for t in 1..<min(yearCount, ser.growth.count) where isSimulated(k, t) && isSimulated(k, t - 1) {
                guard let f = ser.growth[t], f.lower > 0 else { continue }
                var g = Xoshiro256PlusPlus.stream(seed: seed, named: "growth:\(ser.id):\(model.years[t])", block: b)
                let later = Array((t..<yearCount).prefix { isSimulated(k, $0) })
                let cells = later.map { at(k, $0, n) }
                let before = at(k, t - 1, n)
                for p in 0..<n {
                    let u = g.nextOpenUnit()
                    let old = s.vals[cells[0] + p]
                    let target = s.vals[before + p] * (f.lower + u * (f.upper - f.lower))
                    guard target.isFinite, old.isFinite, tr.admits(target), tr.admits(old) else { continue }
                    let offset = tr.forward(target) - tr.forward(old)
                    for q in cells.dropFirst() { s.vals[q + p] = tr.inverse(tr.forward(s.vals[q + p]) + offset) }
                    s.vals[cells[0] + p] = target
                }
            }
        }
    }
}
