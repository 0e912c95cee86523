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
                // Never written: the scratch keeps its initial NaN and 0 for such targets.
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
                let increase = spec.direction == .increase, threshold = spec.threshold
                s.vals.withUnsafeBufferPointer { vals in
                    s.quantity.withUnsafeMutableBufferPointer { quantity in
                        s.met.withUnsafeMutableBufferPointer { met in
                            milestonesMet.withUnsafeMutableBufferPointer { count in
                                for p in 0..<n {
                                    let v = vals[c + p]
                                    let m = increase ? v >= threshold : v <= threshold
                                    quantity[o + p] = v
                                    met[o + p] = m ? 1 : 0
                                    if m { count[p] += 1 }
                                }
                            }
                        }
                    }
                }
            case .goal:
                let k = spec.series!
                let increase = spec.direction == .increase, threshold = spec.threshold
                let rule = spec.rule!
                let offsets = rule == .final ? [at(k, yearCount - 1, n)] : planYearIdx.map { at(k, $0, n) }
                s.vals.withUnsafeBufferPointer { vals in
                    s.quantity.withUnsafeMutableBufferPointer { quantity in
                        s.met.withUnsafeMutableBufferPointer { met in
                            goalsMet.withUnsafeMutableBufferPointer { count in
                                // The judged quantity, year by year over all paths (sums keep
                                // the year order of each path): the final value, the sum, or the
                                // worst year.
                                switch rule {
                                case .final:
                                    for p in 0..<n { quantity[o + p] = vals[offsets[0] + p] }
                                case .cumulative:
                                    for p in 0..<n { quantity[o + p] = 0 }
                                    for off in offsets { for p in 0..<n { quantity[o + p] += vals[off + p] } }
                                case .everyYear:
                                    let start: Double = increase ? .infinity : -.infinity
                                    for p in 0..<n { quantity[o + p] = start }
                                    for off in offsets {
                                        if increase {
                                            for p in 0..<n { quantity[o + p] = min(quantity[o + p], vals[off + p]) }
                                        } else {
                                            for p in 0..<n { quantity[o + p] = max(quantity[o + p], vals[off + p]) }
                                        }
                                    }
                                }
                                for p in 0..<n {
                                    let q = quantity[o + p]
                                    let m = increase ? q >= threshold : q <= threshold
                                    met[o + p] = m ? 1 : 0
                                    count[p] &+= m ? 1 : 0
                                }
                            }
                        }
                    }
                }
            case .allMilestones:
                let k = spec.series!
                if k != currentSeries { for p in 0..<n { milestonesMet[p] = 0 } }
                Self.count(milestonesMet, equalTo: Int(spec.threshold), at: o, into: &s)
            case .allGoals:
                let evaluable = zip(targets, status).filter { $0.0.kind == .goal && $0.1 != .insufficientData }.count
                Self.count(goalsMet, equalTo: evaluable, at: o, into: &s)
            }
        }
    }

    /// Writes per-path counts as the quantity and "all met" (count == `all`) as met, from offset `o`.
    static func count(_ counts: [Int], equalTo all: Int, at o: Int, into s: inout Scratch) {
        s.quantity.withUnsafeMutableBufferPointer { quantity in
            s.met.withUnsafeMutableBufferPointer { met in
                for (p, c) in counts.enumerated() {
                    quantity[o + p] = Double(c)
                    met[o + p] = c == all ? 1 : 0
                }
            }
        }
    }
}
