/// The contract every model follows (STYLE.md, after fable): a specification is fitted to a
/// series on the transformed scale and gives a fitted model; a fitted model cannot exist
/// before `fit`, so "predict before fit" cannot happen.
public protocol ForecastModelSpec: Sendable {
    associatedtype Fitted: FittedForecastModel
    /// A short name for outputs ("drift", "damped").
    var name: String { get }
    /// The fewest observations the model needs.
    var minimumObservations: Int { get }
    func fit(_ series: YearlySeries) throws(ForecastError) -> Fitted
}

/// A fitted model on the transformed scale.
public protocol FittedForecastModel: Sendable {
    /// Point forecasts for steps 1…horizon after the last period.
    func forecast(horizon: Int) -> [Double]
    /// Standard deviation of the forecast error at steps 1…horizon, including the uncertainty
    /// of the estimated parameters (nil when the data cannot estimate it, e.g. 2 points).
    func forecastSD(horizon: Int) -> [Double]?
    /// Sample paths (paths × horizon) with parameters drawn from their sampling distribution
    /// before the innovations (DESIGN.md §3.2). `sigmaPrior` stands in when the data cannot
    /// estimate σ.
    func simulate<G: RandomNumberGenerator>(horizon: Int, paths: Int, sigmaPrior: Double, using generator: inout G)
        -> [[Double]]
    /// In-sample one-step residuals.
    var residuals: [Double] { get }
    /// One line for logs and manifests.
    var summary: String { get }
}

/// A type-erased fitted model, so combinations can hold different models.
public struct AnyFittedModel: Sendable {
    public let name: String
    let base: any FittedForecastModel
    public init(name: String, _ base: any FittedForecastModel) {
        self.name = name
        self.base = base
    }
    public func forecast(horizon: Int) -> [Double] { base.forecast(horizon: horizon) }
    func forecastSD(horizon: Int) -> [Double]? { base.forecastSD(horizon: horizon) }
    public func simulate<G: RandomNumberGenerator>(horizon: Int, paths: Int, sigmaPrior: Double, using g: inout G)
        -> [[Double]]
    {
        base.simulate(horizon: horizon, paths: paths, sigmaPrior: sigmaPrior, using: &g)
    }
    public var residuals: [Double] { base.residuals }
    public var summary: String { base.summary }
}

extension ForecastModelSpec {
    /// Fits and erases the type.
    func fitAny(_ series: YearlySeries) throws(ForecastError) -> AnyFittedModel {
        AnyFittedModel(name: name, try fit(series))
    }
}
