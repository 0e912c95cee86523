import Foundation
import Indicators
import Parallel

/// Settings of a batch forecast.
public struct ForecastSettings: Sendable {
    public var horizon: Int
    public var combination: Combination
    /// Backtest origins per series (the latest ones) for the calibration.
    public var originsPerSeries: Int
    /// The reference library small batches and short series lean on.
    public var library: ReferenceLibrary
    /// What percentage shares (kind `share`, on the logit scale) are forecast with and lean on
    /// instead (`forShares`): a share's reference class is other shares, not levels.
    public var shareCombination: Combination = .shares
    public var shareLibrary: ReferenceLibrary = .builtInShares
    public var threads: Int
    /// Called with (series done, total) as the batch proceeds (each series counts twice: its
    /// backtest and its forecast), for a progress bar.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil

    public init(
        horizon: Int, combination: Combination = .standard, originsPerSeries: Int = 10,
        library: ReferenceLibrary = .builtIn, threads: Int = Workers.defaultCount
    ) {
        self.horizon = horizon
        self.combination = combination
        self.originsPerSeries = originsPerSeries
        self.library = library
        self.threads = threads
    }

    /// The same settings for a batch of percentage shares: their combination and library.
    public func forShares() -> ForecastSettings {
        var s = self
        (s.combination, s.library) = (shareCombination, shareLibrary)
        return s
    }
}

/// How a series was forecast.
public enum ForecastStatus: String, Sendable {
    /// Enough data for the models and a scale of its own.
    case ok
    /// 2 observations: one increment; the scale leans on the batch and the library.
    case short
    /// 1 observation: the reference class (the library's growth and spread at the batch's scale).
    case priorOnly = "prior_only"
    /// All values equal: the scale comes from the batch.
    case constant
}
