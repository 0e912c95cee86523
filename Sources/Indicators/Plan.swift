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
    /// The values of single years.
    public let observations: [Observation]
    /// Sums over years of a flow (`Observation.since`), kept apart from the values of single
    /// years: they fill a year only through an identity (`derivedPoints`).
    public let sums: [Observation]
    /// Growth rates over the previous year (`Observation.measure` `.growth`), kept apart too:
    /// they bound a year only through an identity (`growthBounds`).
    public let growths: [Observation]
    /// Each series' observations, in file order, and the one `ObservationSelection` uses for each
    /// of their years: computed once, as `history` is asked for again and again (per scenario,
    /// lever and target). Selection goes year by year, so cutting years afterwards (the data
    /// range, `asOf`) gives what cutting them first would. Before 2026-12-01 every call
    /// selected among all observations: 200,000 reports of one year made a run take 35 s.
    let rowsByID: [String: [Observation]]
    let selectedByID: [String: [Observation]]

    /// `observations` may hold values of single years, sums over years and growth rates, which
    /// the plan sorts.
    public init(metadata: PlanMetadata, indicators: [Indicator], drivers: [Driver], observations: [Observation]) {
        self.metadata = metadata
        self.indicators = indicators
        self.drivers = drivers
        self.observations = observations.filter { $0.since == nil && $0.measure == .value }
        self.sums = observations.filter { $0.since != nil && $0.measure == .value }
        self.growths = observations.filter { $0.measure == .growth }
        self.rowsByID = Dictionary(grouping: self.observations, by: \.indicator)
        self.selectedByID = rowsByID.mapValues { ObservationSelection.select($0) }
    }

    /// Every id that observations may refer to: indicators, then drivers.
    public var seriesIDs: [String] { indicators.map(\.id) + drivers.map(\.id) }

    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    /// The kind of an indicator or driver.
    public func kind(of id: String) -> IndicatorKind? {
        indicator(id)?.kind ?? drivers.first { $0.id == id }?.kind
    }

    /// The unit an indicator or driver is measured in ("亿元", "家"); nil for an unknown id.
    public func unit(of id: String) -> String? {
        indicator(id)?.unit ?? drivers.first { $0.id == id }?.unit
    }

    /// The observation used for each (series, year), by `ObservationSelection`, among the
    /// observations within the plan's data range (`PlanMetadata.dataYears`) and up to `asOf`,
    /// with the years that identities fill (`derivedPoints`) and those growth rates bound
    /// (`growthBounds`).
    public func history(of id: String, asOf: Int? = nil) -> History {
        let history = identityHistory(of: id, asOf: asOf)
        // Growth rates bound only years that nothing else gives.
        let grown = growthBounds(of: id, asOf: asOf, history: history)
        guard !grown.isEmpty else { return history }
        return History(indicator: id, points: (history.points + grown).sorted { $0.year < $1.year })
    }

    /// The selected observations with the years that the identities between a stock, its net
    /// change and sums over years fill (`derivedPoints`), before growth rates bound any.
    func identityHistory(of id: String, asOf: Int?) -> History {
        let selected = selectedHistory(of: id, asOf: asOf)
        let derived = derivedPoints(of: id, asOf: asOf, selected: selected)
        var history = selected
        if !derived.isEmpty {
            // An identity of exact values says more than a bound on the same year, which gives
            // way (`check` warns when it excludes the identity's value).
            let filled = Set(derived.map(\.year))
            let kept = selected.points.filter { !filled.contains($0.year) }
            history = History(indicator: id, points: (kept + derived).sorted { $0.year < $1.year })
        }
        return history
    }

    /// The selected observations only (no identities).
    public func selectedHistory(of id: String, asOf: Int? = nil) -> History {
        let range = metadata.dataYears
        let points = (selectedByID[id] ?? []).filter { o in
            range.contains(o.year) && (asOf.map { o.year <= $0 } ?? true)
        }
        return History(indicator: id, points: points)
    }

    /// The most a stock can have been at the end of `year`, from a mid-year count of the next
    /// year (quality `snapshot`): the count as rounded (stocks only grow within a year, the
    /// reading that makes the count a floor for its own year end). The count the year's rule
    /// selects when it is a count; when a year-end report is preferred for that year instead
    /// (high-tech enterprises: "超3300" for 2024 beside the mid-2024 count of 3,072), the lowest
    /// count reported for it. Nil for other kinds and without a count.
    public func yearEndCap(of id: String, year: Int) -> Double? {
        guard kind(of: id) == .stock else { return nil }
        let rows = (rowsByID[id] ?? []).filter { $0.year == year + 1 }
        let counts: [Observation]
        if let chosen = ObservationSelection.select(rows).first, chosen.quality == .snapshot {
            counts = [chosen]
        } else {
            counts = rows.filter { $0.quality == .snapshot }
        }
        return counts.map { $0.value + $0.writtenHalfUnit }.min()
    }

    /// The same plan with every bound read as the value itself (the strict reading of "突破3000"
    /// as 3000): lower and upper bounds and stock snapshots become exact values.
    public func readingBoundsAsValues() -> Plan {
        replacingObservations(
            (observations + sums + growths).map { o in
                guard let kind = kind(of: o.indicator), o.bounds(kind: kind) != nil else { return o }
                // The bound the source states: "超 X" is X, "近 X" is X (or the file's own bound at that end).
                let value = o.quality == .upperBound ? (o.explicitUpper ?? o.value) : (o.explicitLower ?? o.value)
                var strict = Observation(
                    indicator: o.indicator, year: o.year, value: value,
                    text: o.text, quality: .estimate, source: o.source, url: o.url, location: o.location,
                    selected: o.selected)
                strict.since = o.since
                strict.measure = o.measure
                return strict
            })
    }

    /// The same plan with other observations (a planner's internal series; values of single
    /// years, sums over years and growth rates alike).
    func replacingObservations(_ new: [Observation]) -> Plan {
        Plan(metadata: metadata, indicators: indicators, drivers: drivers, observations: new)
    }
}
