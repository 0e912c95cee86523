import Foundation
import Indicators

/// Bounds, whole numbers, children within parents, net changes; then the targets, path by path.
extension PreparedScenario {
    /// Bounds, whole numbers, derived net changes, children within parents.
    func finishPaths(paths n: Int, into s: inout Scratch) {
        for (k, ser) in model.series.enumerated() where ser.kind != .netChange {
            for t in 0..<yearCount where isSimulated(k, t) {
                let o = at(k, t, n)
                s.vals.withUnsafeMutableBufferPointer { vb in
                    for p in 0..<n {
                        var v = vb[o + p]
                        // The evidence's bounds hold on every path, also after a scenario's levers.
                        if t < ser.lower.count, let lo = ser.lower[t], v < lo { v = lo }
                        if t < ser.upper.count, let hi = ser.upper[t], v > hi { v = hi }
                        if ser.kind == .share { v = min(max(v, 1e-6), 100 - 1e-6) } else if v < 0 { v = 0 }
                        if ser.isCount { v = v.rounded() }
                        vb[o + p] = v
                    }
                }
            }
        }
        // Children never exceed parents of the same kind and unit (simulated years).
        for (k, ser) in model.series.enumerated() {
            guard let par = ser.parent, ser.kind != .netChange, model.series[par].kind == ser.kind else { continue }
            let ind = model.plan.indicator(ser.id), pind = model.plan.indicator(model.series[par].id)
            guard ind?.unit == pind?.unit else { continue }
            for t in 0..<yearCount where isSimulated(k, t) {
                let o = at(k, t, n), q = at(par, t, n)
                for p in 0..<n where s.vals[q + p].isFinite { s.vals[o + p] = min(s.vals[o + p], s.vals[q + p]) }
            }
        }
        // Net changes from their stock, path by path.
        for (k, ser) in model.series.enumerated() where ser.kind == .netChange {
            guard let par = ser.parent else { continue }
            for t in 1..<yearCount where ser.sources[t] == .derived {
                let o = at(k, t, n), a = at(par, t, n), b0 = at(par, t - 1, n)
                for p in 0..<n { s.vals[o + p] = s.vals[a + p] - s.vals[b0 + p] }
            }
        }
    }

    func evaluateTargets(paths n: Int, into s: inout Scratch) {
        var goalsMet = [Int](repeating: 0, count: n)
        var milestonesMet = [Int](repeating: 0, count: n)
        var currentSeries = -1
        for (j, spec) in targets.enumerated() {
            let o = j * n
            if status[j] == .insufficientData {
                for p in 0..<n { s.quantity[o + p] = .nan; s.met[o + p] = 0 }
                if spec.kind == .milestone, spec.series != currentSeries {
                    currentSeries = spec.series!; milestonesMet = .init(repeating: 0, count: n)
                }
                continue
            }
            switch spec.kind {
            case .milestone:
                let k = spec.series!
                if k != currentSeries { currentSeries = k; for p in 0..<n { milestonesMet[p] = 0 } }
                let c = at(k, model.years.firstIndex(of: spec.year!)!, n)
                for p in 0..<n {
                    let v = s.vals[c + p]
                    let m = spec.direction.meets(v, spec.threshold)
                    s.quantity[o + p] = v
                    s.met[o + p] = m ? 1 : 0
                    if m { milestonesMet[p] += 1 }
                }
            case .goal:
                let k = spec.series!
                for p in 0..<n {
                    var q: Double
                    switch spec.rule! {
                    case .final: q = s.vals[at(k, yearCount - 1, n) + p]
                    case .cumulative: q = planYearIdx.reduce(0) { $0 + s.vals[at(k, $1, n) + p] }
                    case .everyYear:
                        // The worst year decides (no per-path array).
                        q = planYearIdx.reduce(spec.direction == .increase ? .infinity : -.infinity) { worst, t in
                            let v = s.vals[at(k, t, n) + p]
                            return spec.direction == .increase ? min(worst, v) : max(worst, v)
                        }
                    }
                    let m = spec.direction.meets(q, spec.threshold)
                    s.quantity[o + p] = q
                    s.met[o + p] = m ? 1 : 0
                    if m { goalsMet[p] += 1 }
                }
            case .allMilestones:
                let k = spec.series!
                if k != currentSeries { for p in 0..<n { milestonesMet[p] = 0 } }
                for p in 0..<n {
                    s.quantity[o + p] = Double(milestonesMet[p])
                    s.met[o + p] = milestonesMet[p] == Int(spec.threshold) ? 1 : 0
                }
            case .allGoals:
                let evaluable = zip(targets, status).filter { $0.0.kind == .goal && $0.1 != .insufficientData }.count
                for p in 0..<n {
                    s.quantity[o + p] = Double(goalsMet[p])
                    s.met[o + p] = goalsMet[p] == evaluable ? 1 : 0
                }
            }
        }
    }
}
