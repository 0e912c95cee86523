import Forecasting
import Indicators
import LinearAlgebra

extension PlanModel {
    /// What the model knows of one series before forecasting.
    struct SeriesSpec {
        let id: String
        let kind: IndicatorKind
        let unit: String
        let isDriver: Bool
        let parent: String?
    }

    /// Builds the model: histories (with a scenario's assumptions), a batch forecast of every
    /// series with at least 2 observations that is not derived, the timeline of each series
    /// (observed, interpolated, simulated, derived or unavailable) and the correlation of
    /// innovations across simulated series.
    ///
    /// - Parameters:
    ///   - asOf: ignore observations after this year.
    ///   - assumptions: values a scenario states for indicators without data, by id and year;
    ///     they count as observations (and are flagged as assumptions in every output).
    ///   - overrides: a model combination per series id.
    public static func build(
        plan: Plan, asOf: Int? = nil, assumptions: [String: [Int: Double]] = [:],
        overrides: [String: Combination] = [:],
        settings: ForecastSettings? = nil
    ) throws(LinearAlgebraError) -> PlanModel {
        let years = Array((plan.metadata.baseYear)...(plan.metadata.lastYear))
        let specs =
            plan.indicators.map {
                SeriesSpec(id: $0.id, kind: $0.kind, unit: $0.unit, isDriver: false, parent: $0.parent)
            }
            + plan.drivers.map { SeriesSpec(id: $0.id, kind: $0.kind, unit: $0.unit, isDriver: true, parent: nil) }
        let index = Dictionary(uniqueKeysWithValues: specs.enumerated().map { ($1.id, $0) })
        let full = specs.map { history(of: $0.id, plan: plan, asOf: asOf, assumptions: assumptions[$0.id]) }
        // Exact values are fitted and observed; bounds constrain the simulated paths.
        let parts = zip(specs, full).map { spec, h in
            var part = h.split(kind: spec.kind)
            if isCountUnit(spec.unit) {
                for (y, b) in part.bounds { part.bounds[y] = wholeCountBounds(b, of: h.points.first { $0.year == y }) }
            }
            return part
        }
        // Years known by bounds after the last exact value continue the history at the middle of
        // their bounds (the forecast starts from there); on each path they are drawn within them.
        let histories = parts.map { withBoundedYears($0.exact, bounds: $0.bounds) }

        // Forecast every series with an exact observation that is not derived (net changes are);
        // one observation gives a reference-class forecast (calibration stratum 0).
        var inputs = [(id: String, series: YearlySeries, transform: Transform)]()
        var inputIndex = [Int: Int](), inputSpec = [Int]()
        for (k, s) in specs.enumerated() where s.kind != .netChange && histories[k].count >= 1 {
            let h = histories[k]
            guard let ys = try? YearlySeries(periods: h.years, values: h.values) else { continue }
            inputIndex[k] = inputs.count
            inputSpec.append(k)
            inputs.append((s.id, ys, Transform.natural(for: s.kind, values: h.values + boundEnds(parts[k].bounds))))
        }
        let lastYear = plan.metadata.lastYear
        let horizon = max(1, inputs.map { lastYear - ($0.series.lastPeriod ?? lastYear) }.max() ?? 1)
        var fs = settings ?? ForecastSettings(horizon: horizon)
        fs.horizon = horizon
        // A goal stated as average yearly growth says the plan sees the series compound: it
        // is extrapolated at a constant growth rate (drift on the log scale), unless a scenario
        // chose its model. A straight line under-forecasts a compounding series (issue 14: a
        // GDP index growing 7% a year got a median path of 4.8%).
        var models = overrides
        for ind in plan.indicators where ind.headline?.form == .growth && models[ind.id] == nil {
            if let compounding = Combination.named(["drift@log"]) { models[ind.id] = compounding }
        }
        // Percentage shares are forecast and calibrated as a batch of their own, against the
        // share library: a share's reference class is other shares (no growth to speak of,
        // changes that persist less), not the levels the rest of the plan is calibrated on.
        let isShare = inputs.indices.map { specs[inputSpec[$0]].kind == .share && inputs[$0].transform == .logit }
        let groups = [false, true].map { share in inputs.indices.filter { isShare[$0] == share } }
        let batches = groups.enumerated().map { g, members in
            members.isEmpty
                ? nil
                : Forecaster.run(members.map { inputs[$0] }, settings: g == 1 ? fs.forShares() : fs, overrides: models)
        }
        var forecastOf = [Int: SeriesForecast]()
        for (g, members) in groups.enumerated() {
            for (j, i) in members.enumerated() { forecastOf[i] = batches[g]!.forecasts[j] }
        }
        let levelCalibration =
            batches[0]?.calibration ?? Calibration(own: [], library: fs.library, horizon: fs.horizon)

        var series = [SimulationSeries]()
        for (k, s) in specs.enumerated() {
            let h = histories[k]
            let transform =
                inputIndex[k].map { inputs[$0].transform }
                ?? Transform.natural(for: s.kind, values: h.values + boundEnds(parts[k].bounds))
            // Years known by bounds before the first exact value are on the timeline too (drawn
            // within their bounds, the years up to the first exact value bridged), though the
            // forecast is fitted without them.
            let onTimeline = withLeadingBoundedYears(h, bounds: parts[k].bounds, years: years)
            var (known, sources, anchors) = timeline(
                onTimeline, years: years, transform: transform, isCount: isCountUnit(s.unit))
            var lower = years.map { parts[k].bounds[$0]?.lower }, upper = years.map { parts[k].bounds[$0]?.upper }
            for (t, y) in years.enumerated()
            where onTimeline.points.contains(where: { $0.year == y && $0.quality == .boundMiddle }) {
                sources[t] = .bounded
            }
            var origin: Int?
            var center = [Double](), scale = [Double](), models = [String]()
            var stratum = 0, cap = Double.infinity
            var calibratedAsShare = false
            if let i = inputIndex[k], let f = forecastOf[i] {
                calibratedAsShare = isShare[i]
                (origin, center, scale, models) = (f.lastPeriod, f.center, f.scale, f.models)
                (stratum, cap) = (f.stratum, f.cap)
                for (t, y) in years.enumerated() where y > f.lastPeriod { sources[t] = .simulated }
                // Plan years before the first known one are drawn backwards from it.
                if s.kind != .netChange, let first = sources.firstIndex(where: { $0 != .unavailable }) {
                    for t in 0..<first where years[t] >= plan.metadata.firstYear { sources[t] = .backcast }
                }
            }
            // Exact years whose interval matters are drawn within it on every path, as years known
            // by bounds: a rounded value that does not settle its year's target, and a provisional
            // figure (预计, ±2%) that a forecast starts from.
            let rounded =
                plan.indicator(s.id)?.unsettledByRounding(
                    parts[k].exact, planYears: plan.metadata.firstYear...plan.metadata.lastYear) ?? [:]
            let start = parts[k].exact.points.last.flatMap { $0.year == origin && $0.quality == .estimate ? $0 : nil }
            for (t, y) in years.enumerated() where sources[t] == .observed {
                guard
                    let interval = rounded[y]
                        ?? (y == start?.year
                            ? start?.roundingInterval(kind: s.kind, isCount: isCountUnit(s.unit)) : nil)
                else { continue }
                (sources[t], lower[t], upper[t]) = (.bounded, interval.lower, interval.upper)
            }
            // A net change is its stock's difference wherever it is not observed or bounded: a
            // year between two known net changes is not a straight line between them (it was 476
            // on every path between 436 and a bound's middle, a milestone "met" on no evidence).
            // A year between two known net changes that is itself known by a bound is drawn
            // within it, as after the last one (the stock's step then follows it,
            // `tieNetChangeSteps`; the bound was ignored: "净增499家以上" in 2024 between 2022 and
            // 2025 figures, with no stock figure beside it, read −920 to 3,080).
            if s.kind == .netChange {
                for t in years.indices where sources[t] == .unavailable || sources[t] == .interpolated {
                    let bounded = sources[t] == .interpolated && (lower[t] != nil || upper[t] != nil)
                    sources[t] = bounded ? .bounded : .derived
                }
            }
            let assumedYears = Set(h.points.filter { $0.source == assumptionSource }.map(\.year))
            var ser = SimulationSeries(
                id: s.id, kind: s.kind, transform: transform, isCount: isCountUnit(s.unit),
                isDriver: s.isDriver,
                parent: s.parent.flatMap { index[$0] }, known: known, sources: sources, origin: origin,
                center: center, scale: scale,
                evidence: Evidence(history: parts[k].exact, boundYears: Array(parts[k].bounds.keys)),
                models: models,
                usesAssumptions: !assumedYears.isEmpty)
            ser.assumedYears = assumedYears
            ser.identityYears = Set(h.points.filter { $0.quality == .derived }.map(\.year))
            ser.anchors = anchors
            (ser.stratum, ser.cap, ser.calibratedAsShare) = (stratum, cap, calibratedAsShare)
            (ser.lower, ser.upper) = (lower, upper)
            // A stock counted mid-year t was at most that count (as rounded) at the end of t − 1
            // (`Plan.yearEndCap`). One pass over the observations finds the years with a count,
            // so a large plan does not scan them once per year.
            let counted = Set(
                s.kind == .stock
                    ? plan.observations.lazy.filter { $0.indicator == s.id && $0.quality == .snapshot }.map(\.year) : []
            )
            ser.ceiling = years.map { y in
                guard counted.contains(y + 1), !parts[k].exact.points.contains(where: { $0.year == y }),
                    asOf.map({ y + 1 <= $0 }) ?? true
                else { return nil }
                return plan.yearEndCap(of: s.id, year: y)
            }
            if Plan.readsGrowth(s.kind) {
                let rates = Dictionary(
                    plan.usableGrowths(of: s.id, asOf: asOf).map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
                // A rate `check` finds against other evidence is not used (`Plan.growthIsUnused`).
                ser.growth = years.map { y in
                    rates[y].flatMap { plan.growthIsUnused($0, asOf: asOf) ? nil : Plan.growthFactors($0) }
                }
            }
            series.append(ser)
        }
        widenDerivedStockYears(&series, years: years)

        let simulated = series.indices.filter { series[$0].isSimulated }
        let corr = try innovationCorrelation(
            simulated.map { histories[$0] }, transforms: simulated.map { series[$0].transform })
        var model = PlanModel(
            plan: plan, years: years, series: series, calibration: levelCalibration,
            shareCalibration: batches[1]?.calibration, simulated: simulated, correlation: corr,
            choleskyFactor: corr.isEmpty ? corr : try corr.choleskyLower(), horizon: horizon)
        model.asOf = asOf
        return model
    }

    /// A stock year an identity gave from a net change that is itself drawn within an interval
    /// (an estimate's ±2%, a rounding that straddles a target) lies within that interval moved by
    /// the stock's exact neighbour: stock(t) ∈ stock(t − 1) + [net̲, net̄] (or stock(t − 1) ∈
    /// stock(t) − [net̲, net̄]), drawn per path as a bounded year, and the net changes an identity
    /// gave from that stock year follow it path by path. Before 2026-12-04 the derived stock was
    /// exact, the net change was then taken back as the stocks' difference on every path, and an
    /// estimate of 189.78 (185.98–193.58) against a milestone of 189.48 read P = 1 (plan_shapes.py,
    /// seed 41).
    static func widenDerivedStockYears(_ series: inout [SimulationSeries], years: [Int]) {
        for c in series.indices where series[c].kind == .netChange {
            guard let p = series[c].parent else { continue }
            for t in 1..<years.count where series[c].sources[t] == .bounded {
                guard let lo = series[c].lower[t], let hi = series[c].upper[t] else { continue }
                let stock = series[p]
                func exact(_ u: Int) -> Double? {
                    stock.sources[u] == .observed && !stock.identityYears.contains(years[u]) ? stock.known[u] : nil
                }
                func derived(_ u: Int) -> Bool {
                    stock.sources[u] == .observed && stock.identityYears.contains(years[u])
                }
                let widened: Int
                if derived(t), let base = exact(t - 1) {
                    (series[p].lower[t], series[p].upper[t]) = (base + lo, base + hi)
                    widened = t
                } else if derived(t - 1), let next = exact(t) {
                    (series[p].lower[t - 1], series[p].upper[t - 1]) = (next - hi, next - lo)
                    widened = t - 1
                } else {
                    continue
                }
                series[p].sources[widened] = .bounded
                // Net changes an identity gave from the widened year follow the stock's draws.
                for d in series.indices where series[d].kind == .netChange && series[d].parent == p {
                    for u in [widened, widened + 1] where u < years.count && (u != t || d != c) {
                        if series[d].identityYears.contains(years[u]) && series[d].sources[u] == .observed {
                            series[d].sources[u] = .derived
                        }
                    }
                }
            }
        }
    }

    /// Every end of a series' bounds. The scale a series is forecast on must admit them as well
    /// as its values: paths are drawn anywhere within the bounds, and a flow's "≤ 1" (read as
    /// 0–1) drew zeros on the log scale its bound's middle (1) chose, which overflowed the run.
    static func boundEnds(_ bounds: [Int: (lower: Double?, upper: Double?)]) -> [Double] {
        bounds.keys.sorted().flatMap { [bounds[$0]!.lower, bounds[$0]!.upper].compactMap { $0 } }
    }

    /// The bounds of a whole count that hold no whole number, moved at the end that the reading
    /// assumed (`Observation.bounds`) to the nearest whole number the stated end allows: "≤ 1.5"
    /// read as 1.35–1.5 is 1 (it was drawn as 2, above the bound), "≥ 1.5" read as 1.5–1.65 is 2.
    /// Bounds stated at both ends (`lower` and `upper` columns) stay as they are: no whole
    /// number fits them, which `check` reports.
    static func wholeCountBounds(
        _ b: (lower: Double?, upper: Double?), of o: Observation?
    ) -> (lower: Double?, upper: Double?) {
        guard let lo = b.lower, let hi = b.upper, let o, wholeNumbers(from: lo, to: hi) == nil else { return b }
        let lowerStated = o.explicitLower != nil || o.quality == .lowerBound || o.quality == .snapshot
        let upperStated = o.explicitUpper != nil || o.quality == .upperBound
        switch (lowerStated, upperStated) {
        case (true, false): return (lo.rounded(.up), lo.rounded(.up))
        case (false, true): return (hi.rounded(.down), hi.rounded(.down))
        default: return b
        }
    }

    /// The exact history followed by the middle of each bound after its last exact year
    /// (quality `boundMiddle`): [lo, hi] → √(lo·hi) for positive values, a one-sided bound → itself.
    static func withBoundedYears(_ exact: History, bounds: [Int: (lower: Double?, upper: Double?)]) -> History {
        let last = exact.lastYear ?? Int.min
        return adding(bounds.filter { $0.key > last }, to: exact)
    }

    /// A history (exact values, then bounds' middles) preceded by the middles of the bounds of
    /// timeline years before its first value: "超2700" in 2022 before an exact 2023 settles a 2022
    /// milestone of 2,500 instead of leaving it without data.
    static func withLeadingBoundedYears(
        _ h: History, bounds: [Int: (lower: Double?, upper: Double?)], years: [Int]
    ) -> History {
        guard let first = h.firstYear else { return h }
        return adding(bounds.filter { $0.key < first && years.contains($0.key) }, to: h)
    }

    /// `h` with the middle of each bound added as a point of quality `boundMiddle`.
    private static func adding(_ bounds: [Int: (lower: Double?, upper: Double?)], to h: History) -> History {
        var pts = h.points
        for (y, b) in bounds.sorted(by: { $0.key < $1.key }) {
            let v: Double
            switch (b.lower, b.upper) {
            case (let lo?, let hi?): v = lo > 0 && hi > 0 ? (lo * hi).squareRoot() : (lo + hi) / 2
            case (let lo?, nil): v = lo
            case (nil, let hi?): v = hi
            case (nil, nil): continue
            }
            pts.append(Observation(indicator: h.indicator, year: y, value: v, quality: .boundMiddle, source: "bounds"))
        }
        guard pts.count > h.points.count else { return h }
        return History(indicator: h.indicator, points: pts.sorted { $0.year < $1.year })
    }

    /// The source of an observation that a scenario assumed.
    static let assumptionSource = "scenario assumption"

    /// A series' history as of `asOf`, with a scenario's assumed values added for years without
    /// an observation (an assumption never overrides an observation).
    static func history(of id: String, plan: Plan, asOf: Int?, assumptions: [Int: Double]?) -> History {
        let h = plan.history(of: id, asOf: asOf)
        guard let assumptions else { return h }
        var pts = h.points
        for (y, v) in assumptions where !pts.contains(where: { $0.year == y }) && (asOf.map { y <= $0 } ?? true) {
            pts.append(Observation(indicator: id, year: y, value: v, quality: .estimate, source: assumptionSource))
        }
        return History(indicator: id, points: pts.sorted { $0.year < $1.year })
    }

    /// Known values and their sources on the timeline: observed years, and years between two
    /// observations interpolated on the transformed scale (whole numbers for counts).
    static func timeline(
        _ h: History, years: [Int], transform: Transform, isCount: Bool
    ) -> (known: [Double?], sources: [ValueSource], anchors: [(before: Int, after: Int)?]) {
        var known = [Double?](repeating: nil, count: years.count)
        var sources = [ValueSource](repeating: .unavailable, count: years.count)
        var anchors = [(before: Int, after: Int)?](repeating: nil, count: years.count)
        for (t, y) in years.enumerated() {
            if let v = h.value(in: y) {
                known[t] = v
                sources[t] = .observed
            } else if let first = h.firstYear, let last = h.lastYear, y > first && y < last {
                let before = h.points.last { $0.year < y }!, after = h.points.first { $0.year > y }!
                let w = Double(y - before.year) / Double(after.year - before.year)
                let z =
                    transform.admits(before.value) && transform.admits(after.value)
                    ? transform.inverse((1 - w) * transform.forward(before.value) + w * transform.forward(after.value))
                    : (1 - w) * before.value + w * after.value
                known[t] = isCount ? z.rounded() : z
                sources[t] = .interpolated
                anchors[t] = (before.year, after.year)
            }
        }
        return (known, sources, anchors)
    }
}
