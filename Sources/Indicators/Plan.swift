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
    /// observations within the plan's data range (`PlanMetadata.dataYears`) and up to `asOf`.
    public func history(of id: String, asOf: Int? = nil) -> History {
        let range = metadata.dataYears
        let candidates = observations.filter { o in
            o.indicator == id && range.contains(o.year) && (asOf.map { o.year <= $0 } ?? true)
        }
        return History(indicator: id, points: ObservationSelection.select(candidates))
    }

    /// The same plan with other observations (a planner's internal series).
    func replacingObservations(_ new: [Observation]) -> Plan {
        Plan(metadata: metadata, indicators: indicators, drivers: drivers, observations: new)
    }
}
