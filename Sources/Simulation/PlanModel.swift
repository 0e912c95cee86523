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
    /// Not known and not simulated (fewer than 2 observations, or before the first one).
    case unavailable
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
    public let sources: [ValueSource]
    /// Last observed year, when the series is simulated forward from it.
    public let origin: Int?
    /// Calibrated centre and scale on the transformed scale, steps 1…H after `origin`.
    public let center: [Double]
    public let scale: [Double]
    public let evidence: Evidence
    /// The combination's members, for the manifest.
    public let models: [String]
    /// True when any value comes from a scenario assumption.
    public let usesAssumptions: Bool
    /// The years whose value is a scenario's assumption, not an observation.
    public var assumedYears: Set<Int> = []

    public init(
        id: String, kind: IndicatorKind, transform: Transform, isCount: Bool, isDriver: Bool, parent: Int?, known: [Double?],
        sources: [ValueSource], origin: Int?, center: [Double], scale: [Double], evidence: Evidence, models: [String], usesAssumptions: Bool
    ) {
        self.id = id; self.kind = kind; self.transform = transform; self.isCount = isCount; self.isDriver = isDriver
        self.parent = parent; self.known = known; self.sources = sources; self.origin = origin; self.center = center
        self.scale = scale; self.evidence = evidence; self.models = models; self.usesAssumptions = usesAssumptions
    }

    public var isSimulated: Bool { origin != nil }
}

/// A plan ready to simulate: series on a timeline (base year … last plan year), the calibrated
/// error quantiles and the correlation of innovations across simulated series.
public struct PlanModel: Sendable {
    public let plan: Plan
    public let years: [Int]
    public let series: [SimulationSeries]
    public let calibration: Calibration
    /// Indices (into `series`) of the simulated series, in the order of the correlation matrix.
    public let simulated: [Int]
    public let correlation: Matrix
    public let choleskyFactor: Matrix
    /// Steps of the longest simulated horizon.
    public let horizon: Int
    /// Observations after this year were ignored.
    public var asOf: Int? = nil

    /// A model from its parts (for tests and for callers that calibrate differently).
    public init(plan: Plan, years: [Int], series: [SimulationSeries], calibration: Calibration, simulated: [Int], correlation: Matrix, horizon: Int) throws(LinearAlgebraError) {
        self.init(
            plan: plan, years: years, series: series, calibration: calibration, simulated: simulated, correlation: correlation,
            choleskyFactor: correlation.isEmpty ? correlation : try correlation.choleskyLower(), horizon: horizon)
    }

    init(plan: Plan, years: [Int], series: [SimulationSeries], calibration: Calibration, simulated: [Int], correlation: Matrix, choleskyFactor: Matrix, horizon: Int) {
        self.plan = plan
        self.years = years
        self.series = series
        self.calibration = calibration
        self.simulated = simulated
        self.correlation = correlation
        self.choleskyFactor = choleskyFactor
        self.horizon = horizon
    }

    /// Builds the model.
    ///
    /// - Parameters:
    ///   - asOf: ignore observations after this year.
    ///   - assumptions: values a scenario states for indicators without data, by id and year;
    ///     they count as observations (and are flagged as assumptions in every output).
    ///   - overrides: a model combination per series id.
    public static func build(
        plan: Plan, asOf: Int? = nil, assumptions: [String: [Int: Double]] = [:], overrides: [String: Combination] = [:],
        settings: ForecastSettings? = nil
    ) throws(LinearAlgebraError) -> PlanModel {
        let years = Array((plan.metadata.baseYear)...(plan.metadata.lastYear))
        struct Spec { let id: String; let kind: IndicatorKind; let unit: String; let isDriver: Bool; let parent: String? }
        let specs = plan.indicators.map { Spec(id: $0.id, kind: $0.kind, unit: $0.unit, isDriver: false, parent: $0.parent) }
            + plan.drivers.map { Spec(id: $0.id, kind: $0.kind, unit: $0.unit, isDriver: true, parent: nil) }
        let index = Dictionary(uniqueKeysWithValues: specs.enumerated().map { ($1.id, $0) })

        // Histories with assumptions added (an assumption never overrides an observation).
        var histories = [History]()
        var assumed = [Bool]()
        var assumedYears = [Set<Int>]()
        for s in specs {
            var h = plan.history(of: s.id, asOf: asOf)
            var used = false
            if let a = assumptions[s.id] {
                var pts = h.points
                for (y, v) in a where !pts.contains(where: { $0.year == y }) && (asOf.map { y <= $0 } ?? true) {
                    pts.append(Observation(indicator: s.id, year: y, value: v, quality: .estimate, source: "scenario assumption"))
                    used = true
                }
                h = History(indicator: s.id, points: pts.sorted { $0.year < $1.year })
            }
            histories.append(h)
            assumed.append(used)
            assumedYears.append(Set(h.points.filter { $0.source == "scenario assumption" }.map(\.year)))
        }

        // Forecast every series with ≥ 2 observations that is not derived (net changes are).
        var inputs = [(id: String, series: YearlySeries, transform: Transform)]()
        var inputIndex = [Int: Int]()
        for (k, s) in specs.enumerated() where s.kind != .netChange && histories[k].count >= 2 {
            let h = histories[k]
            guard let ys = try? YearlySeries(periods: h.years, values: h.values) else { continue }
            inputIndex[k] = inputs.count
            inputs.append((s.id, ys, Transform.natural(for: s.kind, values: h.values)))
        }
        let lastYear = plan.metadata.lastYear
        let horizon = max(1, inputs.map { lastYear - ($0.series.lastPeriod ?? lastYear) }.max() ?? 1)
        var fs = settings ?? ForecastSettings(horizon: horizon)
        fs.horizon = horizon
        let batch = Forecaster.run(inputs, settings: fs, overrides: overrides)

        var series = [SimulationSeries]()
        for (k, s) in specs.enumerated() {
            let h = histories[k]
            let transform = inputIndex[k].map { inputs[$0].transform } ?? Transform.natural(for: s.kind, values: h.values)
            var known = [Double?](repeating: nil, count: years.count)
            var sources = [ValueSource](repeating: .unavailable, count: years.count)
            for (t, y) in years.enumerated() {
                if let v = h.value(in: y) {
                    known[t] = v
                    sources[t] = .observed
                } else if let first = h.firstYear, let last = h.lastYear, y > first && y < last {
                    let before = h.points.last { $0.year < y }!, after = h.points.first { $0.year > y }!
                    let w = Double(y - before.year) / Double(after.year - before.year)
                    let z = transform.admits(before.value) && transform.admits(after.value)
                        ? transform.inverse((1 - w) * transform.forward(before.value) + w * transform.forward(after.value))
                        : (1 - w) * before.value + w * after.value
                    known[t] = countUnits.contains(s.unit) ? z.rounded() : z
                    sources[t] = .interpolated
                }
            }
            var origin: Int?
            var center = [Double](), scale = [Double](), models = [String]()
            if let i = inputIndex[k] {
                let f = batch.forecasts[i]
                origin = f.lastPeriod
                center = f.center
                scale = f.scale
                models = f.models
                for (t, y) in years.enumerated() where y > f.lastPeriod { sources[t] = .simulated }
            }
            if s.kind == .netChange {
                for t in years.indices where sources[t] == .unavailable { sources[t] = .derived }
            }
            var ser = SimulationSeries(
                id: s.id, kind: s.kind, transform: transform, isCount: countUnits.contains(s.unit), isDriver: s.isDriver,
                parent: s.parent.flatMap { index[$0] }, known: known, sources: sources, origin: origin,
                center: center, scale: scale, evidence: Evidence(history: h), models: models, usesAssumptions: assumed[k])
            ser.assumedYears = assumedYears[k]
            series.append(ser)
        }

        let simulated = series.indices.filter { series[$0].isSimulated }
        let corr = try innovationCorrelation(simulated.map { histories[$0] }, transforms: simulated.map { series[$0].transform })
        var model = PlanModel(
            plan: plan, years: years, series: series, calibration: batch.calibration, simulated: simulated,
            correlation: corr, choleskyFactor: corr.isEmpty ? corr : try corr.choleskyLower(), horizon: horizon)
        model.asOf = asOf
        return model
    }

    /// Correlation of yearly innovations across series: Pearson correlation of the transformed
    /// one-year changes (minus each series' mean change) over the years both series have, shrunk
    /// towards zero by `m / (m + 10)` for `m` common changes (few common years, little trust), then
    /// repaired to the nearest positive definite correlation matrix (Higham 2002).
    static func innovationCorrelation(_ histories: [History], transforms: [Transform]) throws(LinearAlgebraError) -> Matrix {
        let K = histories.count
        if K == 0 { return Matrix(rows: 0, columns: 0) }
        // One-year changes by year.
        let changes: [[Int: Double]] = zip(histories, transforms).map { h, t in
            var d = [Int: Double]()
            for (a, b) in zip(h.points, h.points.dropFirst()) where b.year - a.year == 1 && t.admits(a.value) && t.admits(b.value) {
                d[b.year] = t.forward(b.value) - t.forward(a.value)
            }
            return d
        }
        var r = Matrix.identity(K)
        for i in 0..<K {
            for j in (i + 1)..<max(i + 1, K) {
                let common = Set(changes[i].keys).intersection(changes[j].keys).sorted()
                let m = common.count
                guard m >= 3 else { continue }
                let a = common.map { changes[i][$0]! }, b = common.map { changes[j][$0]! }
                let ma = a.reduce(0, +) / Double(m), mb = b.reduce(0, +) / Double(m)
                var sab = 0.0, saa = 0.0, sbb = 0.0
                for k in 0..<m {
                    sab += (a[k] - ma) * (b[k] - mb)
                    saa += (a[k] - ma) * (a[k] - ma)
                    sbb += (b[k] - mb) * (b[k] - mb)
                }
                guard saa > 0, sbb > 0 else { continue }
                let rho = sab / (saa * sbb).squareRoot() * Double(m) / Double(m + 10)
                r[i, j] = rho
                r[j, i] = rho
            }
        }
        return try r.nearestCorrelation(minimumEigenvalue: 1e-6)
    }
}
