import Foundation
import Indicators

/// One series' calibrated predictive distribution on its modelling scale:
/// `z_h = center_h + clamp(scale_h · Q_{stratum,h}, ±cap)`.
public struct SeriesForecast: Sendable {
    public let id: String
    public let transform: Transform
    public let lastPeriod: Int
    public let observations: Int
    public let center: [Double]
    public let scale: [Double]
    /// Largest |scale · Q| on the modelling scale (bounded tails).
    public let cap: Double
    /// Calibration stratum (`ErrorScale.stratum`).
    public let stratum: Int
    public let status: ForecastStatus
    public let models: [String]
}

/// A batch of forecasts sharing one calibration.
public struct ForecastBatch: Sendable {
    public let forecasts: [SeriesForecast]
    public let calibration: Calibration
}

extension SeriesForecast {
    /// The value at `step` on the original scale for standardised quantile `zq`.
    public func value(step: Int, standardized zq: Double) -> Double {
        transform.inverse(center[step - 1] + min(max(scale[step - 1] * zq, -cap), cap))
    }

    /// The quantile at `tau` for `step`.
    public func quantile(step: Int, _ tau: Double, calibration: Calibration) -> Double {
        value(step: step, standardized: calibration.quantile(stratum: stratum, step: step, tau))
    }

    /// The mean at `step` on the original scale: the average over 200 grid quantiles of the
    /// bounded predictive distribution (finite, and close to the median when the spread is small).
    public func mean(step: Int, calibration: Calibration) -> Double {
        let q = calibration.grid(stratum: stratum, step: step)
        var s = 0.0
        for z in q { s += value(step: step, standardized: z) }
        return s / Double(q.count)
    }
}
