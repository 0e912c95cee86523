import Foundation
import Indicators

/// Calibrated standardised-error quantiles per step (cached on the probability levels asked for,
/// plus a fine grid for means and sampling).
public struct Calibration: Sendable {
    public let pool: ErrorPool
    let prior: ErrorPrior
    /// Grid of probability levels (midpoints of 400 equal bins) and their quantiles per step.
    public let grid: [Double]
    let gridQuantiles: [[Double]]

    public init(pool: ErrorPool, prior: ErrorPrior, horizon: Int) {
        self.pool = pool
        self.prior = prior
        let g = (0..<400).map { (Double($0) + 0.5) / 400 }
        grid = g
        gridQuantiles = (1...max(1, horizon)).prefix(horizon).map { h in
            g.map { pool.quantile(step: h, $0, prior: prior) }
        }
    }

    /// The standardised quantile at `tau` for `step` (exact pool quantile, not the grid).
    public func quantile(step: Int, _ tau: Double) -> Double { pool.quantile(step: step, tau, prior: prior) }
}
