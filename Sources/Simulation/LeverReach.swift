import Foundation

/// Which years a lever moves, series by series, in the way `PreparedScenario.applyEffects`
/// applies it: a lever moves forecast years (`ValueSource.simulated`) from its year on, never
/// evidence (observed, interpolated, bounded, backcast years); a net change derived path by path
/// from its stock (`ValueSource.derived`) is moved through its stock in the years the stock is
/// forecast (`PreparedScenario.scaleNetChanges`).
///
/// A lever that moves no year of a series it names changes nothing there (an indicator without
/// data, one observed to the plan's last year, a net change whose stock is known every year from
/// the lever's year): the run and `check` say so instead of reporting the scenario as though it
/// acted (`LeverReach.unmoved`).
public struct LeverReach: Sendable, Equatable {
    /// The series, as the lever names it.
    public let series: String
    /// The years moved, ascending (empty: the lever does nothing to this series).
    public let years: [Int]
    /// Why nothing moves, in words, when `years` is empty.
    public let why: String?
    /// The same in Chinese (`check --lang zh`), where written.
    public var whyZh: String? = nil
}

extension PlanModel {
    /// The series reached from `k` by following `parent` (itself without one); parents form
    /// no loop in a model, and the walk stops after as many steps as there are series anyway.
    func root(_ k: Int) -> Int {
        var r = k
        for _ in series.indices {
            guard let p = series[r].parent else { break }
            r = p
        }
        return r
    }

    /// The years a net change's lever moves: derived years whose stock is forecast.
    func derivedThroughStock(_ k: Int, t: Int) -> Bool {
        let s = series[k]
        guard s.kind == .netChange, s.sources[t] == .derived, let par = s.parent else { return false }
        return series[par].sources[t] == .simulated
    }

    /// Whether `lever` moves series `k` in timeline year `t` (the year `from` on).
    func moves(_ k: Int, t: Int, from: Int) -> Bool {
        years[t] >= from && (series[k].sources[t] == .simulated || derivedThroughStock(k, t: t))
    }

    /// What `lever` reaches in this model, one entry per series it names (a driver path: the
    /// driver, then each linked indicator). Ids the model does not hold reach nothing.
    public func reach(of lever: Lever) -> [LeverReach] {
        let index = Dictionary(series.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // A net change derived from a stock the lever moves follows the stock (net(t) = stock(t)
        // − stock(t − 1) on every path): it is moved in the years after each moved stock year.
        var out = directReach(of: lever, index: index)
        let moved = Dictionary(out.map { ($0.series, Set($0.years)) }, uniquingKeysWith: { a, b in a.union(b) })
        for i in out.indices where out[i].years.isEmpty {
            guard let k = index[out[i].series], series[k].kind == .netChange, let par = series[k].parent,
                let stockYears = moved[series[par].id], !stockYears.isEmpty
            else { continue }
            let ys = years.indices.filter { t in
                series[k].sources[t] == .derived
                    && (stockYears.contains(years[t]) || (t > 0 && stockYears.contains(years[t - 1])))
            }
            if !ys.isEmpty { out[i] = LeverReach(series: out[i].series, years: ys.map { years[$0] }, why: nil) }
        }
        return out
    }

    private func directReach(of lever: Lever, index: [String: Int]) -> [LeverReach] {
        func entry(_ id: String, from: Int, onlyWith driver: Int? = nil) -> LeverReach {
            guard let k = index[id] else {
                return LeverReach(series: id, years: [], why: "no such series", whyZh: "没有该序列")
            }
            let moved = years.indices.filter { t in
                moves(k, t: t, from: from) && (driver.map { series[$0].sources[t] == .simulated } ?? true)
            }
            let reason = moved.isEmpty ? unmovedReason(k, from: from, driver: driver) : nil
            return LeverReach(series: id, years: moved.map { years[$0] }, why: reason?.en, whyZh: reason?.zh)
        }
        switch lever.action {
        case .growth(let from, _), .level(let from, _), .shock(let from, _, _):
            return lever.series.map { entry($0, from: from) }
        case .volatility:
            // The spread of forecast years (a derived net change's spread is its stock's).
            return lever.series.map { id in
                guard let k = index[id] else {
                    return LeverReach(series: id, years: [], why: "no such series", whyZh: "没有该序列")
                }
                let moved = years.indices.filter { series[k].sources[$0] == .simulated }
                let stock =
                    series[k].kind == .netChange && series[k].sources.contains(.derived)
                    ? series[k].parent.map { series[$0].id } : nil
                let reason: (en: String, zh: String)? =
                    !moved.isEmpty
                    ? nil
                    : stock.map {
                        (
                            "it is derived from its stock \($0): a volatility lever on the stock widens both",
                            "它由存量“\($0)”推出：对存量的波动杠杆会同时放宽二者"
                        )
                    } ?? unmovedReason(k, from: years.first ?? 0, driver: nil)
                return LeverReach(series: id, years: moved.map { years[$0] }, why: reason?.en, whyZh: reason?.zh)
            }
        case .driverPath(let driver, let growth, let links):
            // The path replaces the driver's growth from the first year it names; earlier years
            // keep their draws, and the first year of the timeline has no year before it.
            let from = max(growth.keys.min() ?? Int.max, (years.first ?? 0) + 1)
            var out = [entry(driver, from: from)]
            let d = index[driver]
            for id in links.flatMap(\.series) {
                var r = entry(id, from: from, onlyWith: d)
                // A link moves forecast years of the indicator only (not one derived from a stock).
                if let k = index[id], series[k].kind == .netChange {
                    let moved = r.years.filter { y in
                        years.firstIndex(of: y).map { series[k].sources[$0] } == .simulated
                    }
                    r = LeverReach(
                        series: id, years: moved,
                        why: moved.isEmpty ? r.why ?? "it is derived from its stock; link the stock instead" : nil,
                        whyZh: moved.isEmpty ? r.whyZh ?? "它由存量推出：请改为关联存量" : nil)
                }
                out.append(r)
            }
            return out
        }
    }

    /// Why a lever from `from` moves nothing of series `k`: what the series' years are, in
    /// English and in Chinese.
    private func unmovedReason(_ k: Int, from: Int, driver: Int?) -> (en: String, zh: String) {
        let s = series[k]
        let ts = years.indices.filter { years[$0] >= from }
        if s.sources.allSatisfy({ $0 == .unavailable }) {
            return (
                "it has no data (insufficient_data): give it an observation or a scenario assumption",
                "它没有数据（数据不足）：请给出观测值或情景假设"
            )
        }
        if let driver, ts.contains(where: { s.sources[$0] == .simulated }) {
            return (
                "its forecast years are not years in which \(series[driver].id) is forecast",
                "它的预测年份不是“\(series[driver].id)”的预测年份"
            )
        }
        if s.kind == .netChange, let par = s.parent, ts.contains(where: { s.sources[$0] == .derived }) {
            return (
                "it is derived from its stock \(series[par].id), which is known (not forecast) in every year from \(from) on",
                "它由存量“\(series[par].id)”推出，而该存量自\(from)年起每年都已知（不预测）"
            )
        }
        let words = ts.map { "\(years[$0]) \(s.sources[$0].rawValue)" }.joined(separator: ", ")
        let wordsZh = ts.map { "\(years[$0])年\(s.sources[$0].zh)" }.joined(separator: "、")
        // Known years: the data have overtaken the what-if; an earlier view lets it act.
        let known: Set<ValueSource> = [.observed, .interpolated, .bounded]
        let asOf = !ts.isEmpty && ts.allSatisfy({ known.contains(s.sources[$0]) })
        return (
            "levers move forecast years only, and none from \(from) on is forecast (\(words))"
                + (asOf ? "; --as-of \(from - 1) shows it as seen before those years were known" : ""),
            "杠杆只改变预测年份，而自\(from)年起没有预测年份（\(wordsZh)）"
                + (asOf ? "；--as-of \(from - 1) 可显示这些年份尚未公布时的情形" : "")
        )
    }
}

extension LeverReach {
    /// Warnings for every lever of `levers` that moves nothing of a series it names (at most one
    /// per lever and series), in the levers' order.
    public static func unmoved(_ levers: [Lever], model: PlanModel) -> [(lever: String, reach: LeverReach)] {
        var seen = Set<String>()
        var out = [(lever: String, reach: LeverReach)]()
        for lever in levers {
            for r in model.reach(of: lever)
            where r.years.isEmpty && seen.insert("\(lever.name)\u{1}\(r.series)").inserted {
                out.append((lever.name, r))
            }
        }
        return out
    }
}
