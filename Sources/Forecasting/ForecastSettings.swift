import Foundation
import Indicators

/// Settings of a batch forecast.
public struct ForecastSettings: Sendable {
    public var horizon: Int
    public var combination: Combination
    /// Pseudo-degrees of freedom of the pooled scale prior (ScaleModel).
    var priorDF: Double
    /// Backtest origins per series (the latest ones) for the error pool.
    var originsPerSeries: Int
    /// Fewest observations at a backtest origin.
    var minimumOriginObservations: Int
    var prior: ErrorPrior
    public var threads: Int
    /// Estimate the scale prior (ν₀, σ₀) from the batch by empirical Bayes (else ν₀ = priorDF and
    /// σ₀ = the median σ̂).
    var empiricalBayes = true
    /// Shift each predictive distribution so that its mean equals the point forecast.
    var meanPreserving = false
    /// Shift the pooled errors so that their median is zero (the models' own centre is kept).
    var recenter = true

    public init(
        horizon: Int, combination: Combination = .standard, priorDF: Double = 2, originsPerSeries: Int = 10,
        minimumOriginObservations: Int = 3, prior: ErrorPrior = .builtIn,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.horizon = horizon
        self.combination = combination
        self.priorDF = priorDF
        self.originsPerSeries = originsPerSeries
        self.minimumOriginObservations = minimumOriginObservations
        self.prior = prior
        self.threads = threads
    }
}

/// How a series was forecast.
public enum ForecastStatus: String, Sendable {
    /// Enough data for the models and a scale of its own.
    case ok
    /// 2 observations: drift only, scale from the pool.
    case short
    /// 1 observation: no data-driven forecast; the last value with the pooled scale.
    case priorOnly = "prior_only"
    /// All values equal: the scale comes from the pool.
    case constant
}
