/// Facts about a plan document.
public struct PlanMetadata: Sendable, Equatable {
    public let id: String
    public let titleZh: String
    public let titleEn: String
    public let documentNumber: String
    public let firstYear: Int
    public let lastYear: Int
    public let baseYear: Int

    public init(
        id: String, titleZh: String, titleEn: String, documentNumber: String, firstYear: Int,
        lastYear: Int, baseYear: Int
    ) {
        self.id = id
        self.titleZh = titleZh
        self.titleEn = titleEn
        self.documentNumber = documentNumber
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.baseYear = baseYear
    }

    public var years: ClosedRange<Int> { firstYear...lastYear }

    /// How many years of history before the base year the models use.
    public static let historyYears = 30

    /// The years whose observations the models use: 30 years before the base year up to the
    /// plan's last year. A value after the plan (2030 for a 2025 plan) would otherwise make a
    /// 2025 goal "met" by interpolation, and one from 1900 would dominate a drift; `check`
    /// reports both and the models ignore them.
    public var dataYears: ClosedRange<Int> { (baseYear - Self.historyYears)...max(lastYear, baseYear) }
}

/// A plan: its indicators with targets, its drivers and the observations of both.
public struct Plan: Sendable {
    public let metadata: PlanMetadata
    public let indicators: [Indicator]
    public let drivers: [Driver]
    public let observations: [Observation]

    public init(metadata: PlanMetadata, indicators: [Indicator], drivers: [Driver], observations: [Observation]) {
        self.metadata = metadata
        self.indicators = indicators
        self.drivers = drivers
        self.observations = observations
    }

    /// Every id that observations may refer to: indicators, then drivers.
    public var seriesIDs: [String] { indicators.map(\.id) + drivers.map(\.id) }

    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    /// The kind of an indicator or driver.
    public func kind(of id: String) -> IndicatorKind? {
        indicator(id)?.kind ?? drivers.first { $0.id == id }?.kind
    }

    /// The observation used for each (series, year), by `ObservationSelection`, among the
    /// observations within the plan's data range (`PlanMetadata.dataYears`) and up to `asOf`,
    /// with the years that identities fill (`derivedPoints`).
    public func history(of id: String, asOf: Int? = nil) -> History {
        let selected = selectedHistory(of: id, asOf: asOf)
        let derived = derivedPoints(of: id, asOf: asOf, selected: selected)
        guard !derived.isEmpty else { return selected }
        // An identity of exact values says more than a bound on the same year, which gives way
        // (`check` warns when it excludes the identity's value).
        let filled = Set(derived.map(\.year))
        let kept = selected.points.filter { !filled.contains($0.year) }
        return History(indicator: id, points: (kept + derived).sorted { $0.year < $1.year })
    }

    /// The selected observations only (no identities).
    public func selectedHistory(of id: String, asOf: Int? = nil) -> History {
        let range = metadata.dataYears
        let candidates = observations.filter { o in
            o.indicator == id && range.contains(o.year) && (asOf.map { o.year <= $0 } ?? true)
        }
        return History(indicator: id, points: ObservationSelection.select(candidates))
    }

    /// The most a stock can have been at the end of `year`, from a mid-year count of the next
    /// year (quality `snapshot`): the count as rounded (stocks only grow within a year, the
    /// reading that makes the count a floor for its own year end). The count the year's rule
    /// selects when it is a count; when a year-end report is preferred for that year instead
    /// (high-tech enterprises: "超3300" for 2024 beside the mid-2024 count of 3,072), the lowest
    /// count reported for it. Nil for other kinds and without a count.
    public func yearEndCap(of id: String, year: Int) -> Double? {
        guard kind(of: id) == .stock else { return nil }
        let rows = observations.filter { $0.indicator == id && $0.year == year + 1 }
        let counts: [Observation]
        if let chosen = ObservationSelection.select(rows).first, chosen.quality == .snapshot {
            counts = [chosen]
        } else {
            counts = rows.filter { $0.quality == .snapshot }
        }
        return counts.map { $0.value + $0.writtenHalfUnit }.min()
    }

    /// Values identities give where the data have none (quality `derived`, the rule in `source`):
    /// a stock's previous year from its year-end value and the year's net change,
    /// stock(t − 1) = stock(t) − net(t), or its next year, stock(t) = stock(t − 1) + net(t), and a
    /// net change from two exact stocks, net(t) = stock(t) − stock(t − 1). Only exact values enter
    /// these, never bounds; a year known only by a bound is filled all the same (the identity is
    /// exact). A net change known by a bound bounds a stock year with no figure of its own, beside
    /// a year known exactly or by bounds: stock(t) ∈ stock(t − 1) + [n̲, n̄] (quality `lowerBound`
    /// with both ends given, the identity in `source`).
    func derivedPoints(of id: String, asOf: Int?, selected: History) -> [Observation] {
        guard let ind = indicator(id) else { return [] }
        var out = [Observation]()
        func exact(_ h: History, _ kind: IndicatorKind) -> [Int: Double] {
            Dictionary(uniqueKeysWithValues: h.split(kind: kind).exact.points.map { ($0.year, $0.value) })
        }
        // Years with an exact value keep it; a year known only by a bound is filled too.
        let have = Set(exact(selected, ind.kind).keys)
        if ind.kind == .stock {
            let stock = exact(selected, .stock)
            var known = have.union(selected.points.filter { $0.bounds(kind: .stock) != nil }.map(\.year))
            for net in indicators where net.kind == .netChange && net.parent == id {
                let netHistory = selectedHistory(of: net.id, asOf: asOf)
                let changes = exact(netHistory, .netChange)
                for (t, d) in changes.sorted(by: { $0.key < $1.key }) {
                    if let s = stock[t], !have.contains(t - 1), metadata.dataYears.contains(t - 1),
                        !out.contains(where: { $0.year == t - 1 })
                    {
                        out.append(
                            Observation(
                                indicator: id, year: t - 1, value: s - d, quality: .derived,
                                source:
                                    "identity: \(id)(\(t)) − \(net.id)(\(t)) = \(PlanConsistency.format(s)) − \(PlanConsistency.format(d))"
                            ))
                    } else if let s0 = stock[t - 1], !have.contains(t), metadata.dataYears.contains(t),
                        !out.contains(where: { $0.year == t })
                    {
                        // The other way: stock(t) = stock(t − 1) + net(t) ("超2700" in 2022 with
                        // 2,308 in 2021 and a net increase of 436 is 2,744).
                        out.append(
                            Observation(
                                indicator: id, year: t, value: s0 + d, quality: .derived,
                                source:
                                    "identity: \(id)(\(t - 1)) + \(net.id)(\(t)) = \(PlanConsistency.format(s0)) + \(PlanConsistency.format(d))"
                            ))
                    }
                }
                // A net change known by bounds bounds the stock beside an exact year ("净增400余家"
                // without the total): stock(t) ∈ stock(t − 1) + [n̲, n̄], or
                // stock(t − 1) ∈ stock(t) − [n̲, n̄]. The stock is then drawn within them and the
                // net change is its difference on every path.
                // The neighbouring year may itself be known by bounds ("突破3000" in 2023, "净增300余家"
                // in 2024): the sum of the intervals, which the draws then narrow path by path.
                known.formUnion(out.map(\.year))
                var interval = [Int: (lo: Double, hi: Double)]()
                for p in selected.points {
                    if let b = p.bounds(kind: .stock) {
                        if let lo = b.lower, let hi = b.upper { interval[p.year] = (lo, hi) }
                    } else {
                        interval[p.year] = (p.value, p.value)
                    }
                }
                for p in out where p.quality == .derived { interval[p.year] = (p.value, p.value) }
                func text(_ i: (lo: Double, hi: Double)) -> String {
                    i.lo == i.hi
                        ? PlanConsistency.format(i.lo)
                        : "[\(PlanConsistency.format(i.lo)), \(PlanConsistency.format(i.hi))]"
                }
                for o in netHistory.points {
                    guard let b = o.bounds(kind: .netChange), let nlo = b.lower, let nhi = b.upper else { continue }
                    let t = o.year, n = (lo: nlo, hi: nhi)
                    let (year, lo, hi, rule): (Int, Double, Double, String)
                    if let s0 = interval[t - 1], !known.contains(t), metadata.dataYears.contains(t) {
                        (year, lo, hi) = (t, s0.lo + nlo, s0.hi + nhi)
                        rule = "\(id)(\(t - 1)) + \(net.id)(\(t)) = \(text(s0)) + \(text(n))"
                    } else if let s = interval[t], !known.contains(t - 1), metadata.dataYears.contains(t - 1) {
                        (year, lo, hi) = (t - 1, s.lo - nhi, s.hi - nlo)
                        rule = "\(id)(\(t)) − \(net.id)(\(t)) = \(text(s)) − \(text(n))"
                    } else {
                        continue
                    }
                    var bound = Observation(
                        indicator: id, year: year, value: lo, quality: .lowerBound, source: "identity: " + rule)
                    (bound.explicitLower, bound.explicitUpper) = (lo, hi)
                    out.append(bound)
                    known.insert(year)
                }
            }
        } else if ind.kind == .netChange, let parent = ind.parent, indicator(parent)?.kind == .stock {
            let stock = exact(selectedHistory(of: parent, asOf: asOf), .stock)
            for (t, s) in stock.sorted(by: { $0.key < $1.key }) where !have.contains(t) {
                guard let before = stock[t - 1] else { continue }
                out.append(
                    Observation(
                        indicator: id, year: t, value: s - before, quality: .derived,
                        source:
                            "identity: \(parent)(\(t)) − \(parent)(\(t - 1)) = \(PlanConsistency.format(s)) − \(PlanConsistency.format(before))"
                    ))
            }
        }
        return out
    }

    /// The same plan with every bound read as the value itself (the strict reading of "突破3000"
    /// as 3000): lower and upper bounds and stock snapshots become exact values.
    public func readingBoundsAsValues() -> Plan {
        replacingObservations(
            observations.map { o in
                guard let kind = kind(of: o.indicator), o.bounds(kind: kind) != nil else { return o }
                // The bound the source states: "超 X" is X, "近 X" is X (or the file's own bound at that end).
                let value = o.quality == .upperBound ? (o.explicitUpper ?? o.value) : (o.explicitLower ?? o.value)
                return Observation(
                    indicator: o.indicator, year: o.year, value: value,
                    text: o.text, quality: .estimate, source: o.source, url: o.url, location: o.location,
                    selected: o.selected)
            })
    }

    /// The same plan with other observations (a planner's internal series).
    func replacingObservations(_ new: [Observation]) -> Plan {
        Plan(metadata: metadata, indicators: indicators, drivers: drivers, observations: new)
    }
}
