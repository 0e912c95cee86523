import Forecasting
import Foundation
import Indicators
import LinearAlgebra

/// How a series' value in a year is known.
public enum ValueSource: String, Sendable {
    /// Observed (a selected observation, or a scenario's stated assumption).
    case observed
    /// Between two observations: interpolated on the transformed scale.
    case interpolated
    /// After the last observation: simulated.
    case simulated
    /// Derived path by path from another series (a net change from its stock).
    case derived
    /// Known only within bounds (a lower or upper bound, a rounded figure, a stock's mid-year
    /// snapshot) after the last exact value: drawn within its bounds on every path.
    case bounded
    /// A plan year before the first known year of a forecast series (postdoctoral workstations
    /// known only from a 2024 bound, a goal summed over 2022–2025): drawn backwards from the
    /// first known year on every path, a random walk with the forecast's one-year drift and scale.
    case backcast
    /// Not known and not simulated (no forecast, or a year before the plan's first year with no
    /// observation).
    case unavailable

    /// The source in Chinese, for messages in a Chinese run (`--lang zh`).
    public var zh: String {
        switch self {
        case .observed: "已观测"
        case .interpolated: "插值"
        case .simulated: "模拟"
        case .derived: "推算"
        case .bounded: "仅知范围"
        case .backcast: "回推"
        case .unavailable: "无数据"
        }
    }
}

/// One series (indicator or driver) as the simulator sees it.
public struct SimulationSeries: Sendable {
    public let id: String
    public let kind: IndicatorKind
    public let transform: Transform
    public let isCount: Bool
    public let isDriver: Bool
    /// Index of the parent series (a "其中" row's parent; a net change's stock).
    public let parent: Int?
    /// Per timeline year: the known value (observed or interpolated), or nil.
    public let known: [Double?]
    public internal(set) var sources: [ValueSource]
    /// Last observed year, when the series is simulated forward from it.
    public let origin: Int?
    /// Calibrated centre and scale on the transformed scale, steps 1…H after `origin`.
    public let center: [Double]
    public let scale: [Double]
    /// Calibration stratum and the cap on |scale · Q| (`SeriesForecast`).
    public var stratum = 0
    public var cap = Double.infinity
    /// Whether the series was forecast as a percentage share (logit scale), calibrated with the
    /// other shares against the share library (`PlanModel.shareCalibration`).
    public var calibratedAsShare = false
    /// Index of the series' quantile map (`PlanModel.quantileMaps`): its stratum, after the
    /// level strata for a share.
    public var quantileMap: Int { stratum + (calibratedAsShare ? ErrorScale.strata : 0) }
    /// Per timeline year: bounds the evidence puts on the true value (lower/upper bounds,
    /// snapshots of stocks), which every simulated path respects.
    public var lower: [Double?] = []
    public var upper: [Double?] = []
    /// Per timeline year: a ceiling from the next year's mid-year count of a stock (stocks only
    /// grow within a year, the reading that makes the count a floor for its own year end). It
    /// bounds a year that is bridged, backcast or drawn within bounds; it is not itself a bound.
    public var ceiling: [Double?] = []
    /// Per timeline year: the factors x(t)/x(t − 1) a growth rate reported for that year allows
    /// (`Plan.growthFactors`, "比上年增长6.1%": [1.0605, 1.0615]); two years known by bounds are
    /// drawn so that their ratio lies within them on every path (`drawBounded`), and two forecast
    /// years are tied by it (`tieGrowthSteps`).
    public var growth: [(lower: Double, upper: Double)?] = []
    public let evidence: Evidence
    /// The combination's members, for the manifest.
    public let models: [String]
    /// True when any value comes from a scenario assumption.
    public let usesAssumptions: Bool
    /// The years whose value is a scenario's assumption, not an observation.
    public var assumedYears: Set<Int> = []
    /// Years whose value an identity gave (quality `derived`): they follow the stocks they come
    /// from and never constrain them.
    public var identityYears: Set<Int> = []
    /// Per timeline year that is interpolated: the years of the two known values it lies between
    /// (either may be outside the timeline, like a 2019 value before a plan's 2021–2025).
    public var anchors: [(before: Int, after: Int)?] = []

    public init(
        id: String, kind: IndicatorKind, transform: Transform, isCount: Bool, isDriver: Bool, parent: Int?,
        known: [Double?],
        sources: [ValueSource], origin: Int?, center: [Double], scale: [Double], evidence: Evidence, models: [String],
        usesAssumptions: Bool
    ) {
        self.id = id; self.kind = kind; self.transform = transform; self.isCount = isCount; self.isDriver = isDriver
        self.parent = parent; self.known = known; self.sources = sources; self.origin = origin; self.center = center
        self.scale = scale; self.evidence = evidence; self.models = models; self.usesAssumptions = usesAssumptions
    }

    var isSimulated: Bool { origin != nil }
}

/// A plan ready to simulate: series on a timeline (base year … last plan year), the calibrated
/// error quantiles and the correlation of innovations across simulated series.
public struct PlanModel: Sendable {
    public let plan: Plan
    public let years: [Int]
    public let series: [SimulationSeries]
    public let calibration: Calibration
    /// The calibration of the plan's percentage shares (nil without any): they are forecast
    /// as one batch of their own, against the share library (`ForecastSettings.forShares`).
    public let shareCalibration: Calibration?
    /// Indices (into `series`) of the simulated series, in the order of the correlation matrix.
    public let simulated: [Int]
    public let correlation: Matrix
    let choleskyFactor: Matrix
    /// Per calibration stratum in use and step h (the level strata, then the share strata:
    /// `SimulationSeries.quantileMap`): the standardised quantile z at Φ(u) on a grid
    /// of u ∈ [−8, 8] (4,097 points), the table every path's draw is mapped through; built once
    /// per model, shared by its scenarios.
    let quantileMaps: [[[Double]]]
    /// Steps of the longest simulated horizon.
    public let horizon: Int
    /// Observations after this year were ignored.
    public var asOf: Int? = nil

    /// A model from its parts (for tests and for callers that calibrate differently).
    public init(
        plan: Plan, years: [Int], series: [SimulationSeries], calibration: Calibration,
        shareCalibration: Calibration? = nil, simulated: [Int], correlation: Matrix, horizon: Int
    ) throws(LinearAlgebraError) {
        self.init(
            plan: plan, years: years, series: series, calibration: calibration, shareCalibration: shareCalibration,
            simulated: simulated, correlation: correlation,
            choleskyFactor: correlation.isEmpty ? correlation : try correlation.choleskyLower(), horizon: horizon)
    }

    init(
        plan: Plan, years: [Int], series: [SimulationSeries], calibration: Calibration,
        shareCalibration: Calibration? = nil, simulated: [Int], correlation: Matrix, choleskyFactor: Matrix,
        horizon: Int
    ) {
        self.plan = plan
        self.years = years
        self.series = series
        self.calibration = calibration
        self.shareCalibration = shareCalibration
        self.simulated = simulated
        self.correlation = correlation
        self.choleskyFactor = choleskyFactor
        self.horizon = horizon
        let used = Set(series.map(\.quantileMap))
        let grid = PreparedScenario.uPoints
        quantileMaps = (0..<(2 * ErrorScale.strata)).map { map in
            let (calibration, stratum) =
                map < ErrorScale.strata
                ? (calibration, map) : (shareCalibration ?? calibration, map - ErrorScale.strata)
            guard used.contains(map) else { return [] }
            return (1...max(1, horizon)).map { h in
                (0..<grid).map { i in
                    let u =
                        PreparedScenario.uMin + (PreparedScenario.uMax - PreparedScenario.uMin) * Double(i)
                        / Double(grid - 1)
                    return calibration.quantile(stratum: stratum, step: h, StudentT.normalCDF(u))
                }
            }
        }
    }
}
