import Foundation
import Indicators

/// One series' calibrated predictive distribution on the transformed scale:
/// `z_h = center_h + scale_h · Z_h`, `Z_h` from the pooled errors.
public struct SeriesForecast: Sendable {
    public let id: String
    public let transform: Transform
    public let lastPeriod: Int
    public let observations: Int
    public let center: [Double]
    public let scale: [Double]
    /// Location shift on the transformed scale that makes the predictive mean equal the point
    /// forecast (zero unless `ForecastSettings.meanPreserving`).
    public var shift: [Double]
    public let status: ForecastStatus
    public let models: [String]
}

/// A batch of forecasts sharing one calibration.
public struct ForecastBatch: Sendable {
    public let forecasts: [SeriesForecast]
    public let calibration: Calibration
}

extension SeriesForecast {
    /// The `tau` quantile at `step` on the original scale, given standardised quantile `zq`.
    public func value(step: Int, standardized zq: Double) -> Double {
        transform.inverse(center[step - 1] + shift[step - 1] + scale[step - 1] * zq)
    }

    /// The mean at `step` on the original scale: the average of the back-transformed grid
    /// quantiles (a 400-point quadrature of the predictive distribution).
    public func mean(step: Int, calibration: Calibration) -> Double {
        let q = calibration.gridQuantiles[step - 1]
        var s = 0.0
        for z in q { s += transform.inverse(center[step - 1] + shift[step - 1] + scale[step - 1] * z) }
        return s / Double(q.count)
    }
}
