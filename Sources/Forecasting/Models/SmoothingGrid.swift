/// Ties in the grid searches of smoothing parameters (`DampedTrend`, `Theta`).
///
/// The one-step squared errors of two grid points can be equal in exact arithmetic: a series
/// that starts flat (y₀ = y₁) gives every α the same errors until its first change, and three
/// points 0.63, 0.63, 0.612 give every (α, β, φ) of the damped trend the same sum. Rounding
/// alone then chose the winner, and data in other units chose another: found by
/// `series_metamorphic.py` seed 6907 (the values × 1000 forecast 634.98 where 1000 × the
/// original's forecast is 632.27, with `--models damped`; on the log scale the units are a
/// shift, which moves every rounding). A later grid point now wins only by more than
/// 10⁻⁹·Σ(y_t − y_{t−1})², a margin that a shift leaves alone and a rescaling scales with the
/// errors; within it the earlier point is kept.
enum SmoothingGrid {
    static let relativeMargin = 1e-9

    /// The margin a sum of squared one-step errors must beat the best so far by, for `y`; 0
    /// where the sum of squared changes overflows (values near 10¹⁵⁴ and beyond), so that a
    /// finite sum of errors can still win as it did before.
    static func margin(_ y: [Double]) -> Double {
        var s = 0.0
        for t in y.indices.dropFirst() { s += (y[t] - y[t - 1]) * (y[t] - y[t - 1]) }
        return s.isFinite ? relativeMargin * s : 0
    }
}
