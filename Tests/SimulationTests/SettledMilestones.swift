import Indicators

@testable import Simulation

/// The check that the seeded properties share: every milestone the evidence settles has its
/// year on the verdict's side on every path (met on all of them for P = 1, on none for P = 0).
/// A verdict a path breaks is one the evidence does not support, or a fan that contradicts it.
enum SettledMilestones {
    /// The number of settled milestones in `result`, and a line for each one that some of the
    /// `n` paths `value(k, t, p)` break.
    static func check(
        _ m: PlanModel, _ result: PlanSimulationResult, paths n: Int, values value: (Int, Int, Int) -> Double
    ) -> (settled: Int, broken: [String]) {
        var (settled, broken) = (0, [String]())
        for o in result.targets where o.spec.kind == .milestone && o.status == .settled {
            guard let k = o.spec.series, let y = o.spec.year, let t = m.years.firstIndex(of: y) else { continue }
            settled += 1
            let met = (0..<n).filter { p in
                o.spec.direction == .increase ? value(k, t, p) >= o.spec.threshold : value(k, t, p) <= o.spec.threshold
            }.count
            if met != (o.pMet == 1 ? n : 0) {
                broken.append("\(m.series[k].id) \(y) P = \(o.pMet!), \(met) of \(n) paths meet \(o.spec.threshold)")
            }
        }
        return (settled, broken)
    }
}
