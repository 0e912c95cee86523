import Foundation
import Indicators

/// Scenario effects, applied path by path to simulated years.
extension PreparedScenario {
    /// Per-path uniforms of each lever, from the lever's own stream.
    func leverDraws(block b: Int, paths n: Int, seed: UInt64, perPath: Int, lever: String) -> [Double] {
        var g = Xoshiro256PlusPlus.stream(seed: seed, named: lever, block: b)
        return (0..<(n * perPath)).map { _ in g.nextOpenUnit() }
    }

    func isSimulated(_ k: Int, _ t: Int) -> Bool { model.series[k].sources[t] == .simulated }

    /// Applies the levers to simulated years: driver paths (and the indicators linked to them)
    /// first, then growth, level and shock levers, each kind in the scenario's order.
    func applyEffects(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        for (i, lever) in levers.enumerated() {
            if case .driverPath(let driver, let growth, let links) = lever.action {
                applyDriverPath(
                    i, lever: lever.name, driver: driver, years: growth.keys.sorted(), links: links,
                    block: b, paths: n, seed: seed, into: &s)
            }
        }
        for kind in [LeverKind.growth, .level, .shock] {
            for (i, lever) in levers.enumerated() where LeverKind(lever.action) == kind {
                let perPath = kind == .shock ? 2 : 1
                let u = leverDraws(block: b, paths: n, seed: seed, perPath: perPath, lever: lever.name)
                let table = amountTables[i]!
                switch lever.action {
                case .growth(let from, _):
                    let factor = u.map { 1 + table.sample($0) / 100 }
                    multiplySimulated(lever.series, from: from, by: factor, compounding: true, paths: n, into: &s)
                case .level(let year, _):
                    let factor = u.map { 1 + table.sample($0) / 100 }
                    multiplySimulated(lever.series, from: year, by: factor, compounding: false, paths: n, into: &s)
                case .shock(let year, let probability, _):
                    let factor = (0..<n).map { p in u[2 * p] < probability ? 1 + table.sample(u[2 * p + 1]) / 100 : 1 }
                    multiplySimulated(lever.series, from: year, by: factor, compounding: false, paths: n, into: &s)
                case .volatility, .driverPath:
                    break
                }
            }
        }
    }

    /// A driver's year outside its path's table follows its baseline: by the baseline's growth
    /// rate, x′(t) = x′(t−1)·b(t)/b(t−1), or, where the baseline was at zero the year before (a
    /// driver on the square-root scale can reach it) and has no growth rate, by its change in
    /// amount, x′(t) = max(0, x′(t−1) + b(t) − b(t−1)); the links then leave their indicators as
    /// they are (ratio 1, as `base > 0` decides below), never 0/0.
    static func followBaseline(previous: Double, previousBaseline: Double, baseline: Double) -> Double {
        previousBaseline > 0
            ? previous * (baseline / previousBaseline)
            : max(0, previous + (baseline - previousBaseline))
    }

    private enum LeverKind {
        case growth, level, shock, other
        init(_ action: Lever.Action) {
            switch action {
            case .growth: self = .growth
            case .level: self = .level
            case .shock: self = .shock
            case .volatility, .driverPath: self = .other
            }
        }
    }

    /// A driver path replaces the driver's simulated growth in the years it names (keeping the
    /// baseline path for the links), then moves each linked indicator by (new / baseline)^elasticity.
    private func applyDriverPath(
        _ i: Int, lever: String, driver: String, years sortedYears: [Int], links: [Lever.DriverLink],
        block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch
    ) {
        guard let k = index[driver] else { return }
        let years = model.years
        let perPath = max(1, sortedYears.count)
        let u = leverDraws(block: b, paths: n, seed: seed, perPath: perPath, lever: lever)
        for t in 0..<yearCount where isSimulated(k, t) {
            let o = at(k, t, n)
            guard t > 0 else {
                // The first year of the timeline has no year before it here: it keeps its value.
                for p in 0..<n {
                    s.baseline[o + p] = s.vals[o + p]
                    s.ratio[o + p] = 1
                }
                continue
            }
            let prev = at(k, t - 1, n)
            let table = driverTables[i][years[t]]
            let col = sortedYears.firstIndex(of: years[t]) ?? 0
            for p in 0..<n {
                let base = s.vals[o + p]
                s.baseline[o + p] = base
                let prevNew = s.vals[prev + p]
                let prevBase = isSimulated(k, t - 1) ? s.baseline[prev + p] : prevNew
                let new: Double
                if let table {
                    new = prevNew * (1 + table.sample(u[p * perPath + col]) / 100)
                } else {
                    new = Self.followBaseline(previous: prevNew, previousBaseline: prevBase, baseline: base)
                }
                s.vals[o + p] = new
                s.ratio[o + p] = base > 0 ? new / base : 1
            }
        }
        for link in links {
            for id in link.series {
                guard let j = index[id] else { continue }
                for t in 0..<yearCount where isSimulated(j, t) && isSimulated(k, t) {
                    let o = at(j, t, n), r = at(k, t, n)
                    for p in 0..<n { s.vals[o + p] *= pow(s.ratio[r + p], link.elasticity) }
                }
            }
        }
    }

    /// Multiplies every simulated value of `series` in years from `from` on by the path's factor —
    /// raised to the number of years since `from` (inclusive) when `compounding`. A net change
    /// derived from its stock is moved through the stock (`scaleNetChange`), unless the lever
    /// moves the stock itself: then the net change follows the stock, as it does without levers.
    func multiplySimulated(
        _ series: [String], from: Int, by factor: [Double], compounding: Bool, paths n: Int, into s: inout Scratch
    ) {
        for id in series {
            guard let k = index[id] else { continue }
            // A net change whose stock the same lever moves follows the stock (no second effect).
            if !(model.series[k].parent.map { series.contains(model.series[$0].id) } ?? false) {
                scaleNetChange(k, from: from, by: factor, compounding: compounding, paths: n, into: &s)
            }
            let signed = model.series[k].kind == .netChange
            for t in 0..<yearCount where isSimulated(k, t) && model.years[t] >= from {
                let o = at(k, t, n)
                let years = Double(model.years[t] - from + 1)
                for p in 0..<n {
                    let m = compounding ? pow(factor[p], years) : factor[p]
                    s.vals[o + p] = signed ? Self.scaledChange(s.vals[o + p], by: m) : s.vals[o + p] * m
                }
            }
        }
    }

    /// A change (a net change, a stock's step) under a lever's factor m: moved by (m − 1) times
    /// its size whatever its sign,
    ///
    ///     c′ = c + (m − 1)·|c|,
    ///
    /// which is m·c for a rise. "10% more net new firms" makes a fall of 50 a fall of 45, not of
    /// 55 as m·c did, and a downturn's m < 1 deepens a fall instead of softening it; c′ rises
    /// with m on every path, as the even-odds search's bisection needs. Before 2026-12-01 a
    /// lever scaled a fall the other way round (m·c).
    @inline(__always)
    static func scaledChange(_ c: Double, by m: Double) -> Double { c + (m - 1) * abs(c) }

    /// A lever on a net change that is derived path by path from its stock (net(t) = stock(t) −
    /// stock(t − 1), `ValueSource.derived`) moves the stock: in each year the lever reaches
    /// (`PlanModel.reach`: derived, the stock forecast, from `from` on) the stock's step is
    /// moved by the path's factor m(t), and the stock's later forecast years move with it,
    ///
    ///     stock′(t) = stock′(t − 1) + c′,  c′ = scaledChange(stock(t) − stock(t − 1), m(t)),
    ///
    /// so that net′(t) = net(t) + (m(t) − 1)·|net(t)| there (down to a stock of 0: a stock is never
    /// negative) and the identity holds on every path;
    /// m(t) is the factor raised to t − from + 1 when `compounding`, as for any other series. Years the
    /// evidence knows (observed, bounded) keep their values, and the steps after them start
    /// from them. Before 2026-12-01 such a lever did nothing and nothing said so.
    func scaleNetChange(
        _ k: Int, from: Int, by factor: [Double], compounding: Bool, paths n: Int, into s: inout Scratch
    ) {
        let ser = model.series[k]
        let reached = (0..<yearCount).map { model.derivedThroughStock(k, t: $0) && model.years[$0] >= from }
        guard ser.kind == .netChange, let par = ser.parent, let first = reached.firstIndex(of: true), first > 0 else {
            return
        }
        let power = (0..<yearCount).map { Double(model.years[$0] - from + 1) }
        s.vals.withUnsafeMutableBufferPointer { v in
            for p in 0..<n {
                // stock′(t − 1) − stock(t − 1) on this path: what this lever has moved so far.
                var shift = 0.0
                for t in first..<yearCount {
                    guard isSimulated(par, t) else {
                        shift = 0
                        continue
                    }
                    let o = at(par, t, n) + p, before = at(par, t - 1, n) + p
                    let old = v[o]
                    let m = reached[t] ? (compounding ? pow(factor[p], power[t]) : factor[p]) : 1
                    // A stock is never negative: a deep cut of its step (a fall of 1,095 cut by a
                    // factor of 0.0625 to a fall of 2,122 from 1,960) stops at none left. Below
                    // zero, a later tie took the stock's logarithm and the run refused its NaN.
                    v[o] = max(0, v[before] + Self.scaledChange(old - (v[before] - shift), by: m))
                    shift = v[o] - old
                }
            }
        }
    }
}
