import Foundation

/// The forecast-error scale of a series, σ, that standardises errors for the pooled calibration
/// and scales the calibrated quantiles back (normalised conformal prediction: Papadopoulos et al.
/// 2008; Lei et al. 2018, "Distribution-free predictive inference for regression", §5.2).
///
/// From a series' increments on its modelling scale, Δᵢ over gᵢ years, per-year size aᵢ = |Δᵢ|/√gᵢ:
/// - the raw scale s: with at most 6 increments, their spread around the series' mean increment
///   (the noise a drift cannot predict; one increment: its size); with more, the mean size (which
///   also carries how much the trend itself moves); the spread is floored at half the mean size
///   (`sizeFloor`);
/// - the batch scale s₀: the median increment size over the batch, each series weighted equally;
/// - σ = L · s₀^(1−w) · (s/L)^w with w = β·k/(k + c), k the number of increments, β = 0.9, c = 2:
///   a series' own scale counts more the more increments stand behind it, and never fully
///   (in-sample volatility regresses towards the batch's: out-of-sample errors of the most and
///   least volatile quarters of Tourism and M1 are closer together than their in-sample scales).
///   L is 1 on unit-free scales (log, logit) and the series' mean absolute level otherwise, so
///   that series of different sizes can share s₀. σ/L is capped at 1.5.
public struct ErrorScale: Sendable {
    static let beta = 0.9
    static let c = 2.0
    static let noiseUpTo = 6
    static let maximum = 1.5
    /// A short series' spread counts as at least this share of its mean increment size.
    ///
    /// Nearly equal increments (a population growing 1.2% a year, 1.3%, 1.2%) leave a spread near
    /// zero, yet they say nothing about how the growth itself will change over the next years:
    /// the spread alone gave national populations (World Bank, 217 countries, an outside check
    /// never tuned on) cut to 3–5 points 80% intervals covering 0.24–0.65. Floored at half the
    /// mean size they cover 0.65–0.79, while Tourism, M1, GDP and CO₂ emissions cut short move by
    /// at most 0.02 (Notebooks-data/forecast-accuracy.md, "Outside the development sets").
    static let sizeFloor = 0.5

    /// The batch's typical per-year increment size (unit-free).
    public let s0: Double

    public init(s0: Double) {
        self.s0 = s0
    }

    /// Per-year increment sizes, the series' level and the number of increments.
    static func increments(_ z: YearlySeries, unitFree: Bool) -> (sizes: [Double], perYear: [Double], level: Double) {
        var sizes = [Double](), perYear = [Double]()
        for i in 1..<max(1, z.count) {
            let g = Double(z.periods[i] - z.periods[i - 1])
            let d = z.values[i] - z.values[i - 1]
            sizes.append(abs(d) / g.squareRoot())
            perYear.append(d / g)
        }
        let level: Double
        if unitFree {
            level = 1
        } else {
            let m = z.values.map(abs).reduce(0, +) / Double(max(1, z.count))
            level = m > 0 && m.isFinite ? m : 1
        }
        return (sizes, perYear, level)
    }

    /// The raw scale s/L of a series (nil without increments) and its number of increments.
    static func raw(_ z: YearlySeries, unitFree: Bool) -> (scale: Double?, k: Int, level: Double) {
        let (sizes, perYear, level) = increments(z, unitFree: unitFree)
        let k = sizes.count
        guard k > 0 else { return (nil, 0, level) }
        let s: Double
        if k >= 2 && k <= noiseUpTo {
            let mean = perYear.reduce(0, +) / Double(k)
            let spread =
                perYear.map { abs($0 - mean) }.reduce(0, +) / Double(k) * (Double(k) / Double(k - 1)).squareRoot()
            s = max(spread, sizeFloor * sizes.reduce(0, +) / Double(k))
        } else {
            s = sizes.reduce(0, +) / Double(k)
        }
        return (s / level, k, level)
    }

    /// σ of a series (in the units of its modelling scale).
    public func sigma(_ z: YearlySeries, unitFree: Bool) -> Double {
        let r = Self.raw(z, unitFree: unitFree)
        return sigma(raw: r.scale, increments: r.k, level: r.level)
    }

    /// σ from a series' raw scale s/L, number of increments k and level L (`raw`).
    ///
    /// A raw scale of zero (every value equal, or every increment equal) says nothing about how
    /// large the next change will be, so σ is the batch's: before 2026-12-01 it counted as a
    /// tiny scale of its own (10⁻³·s₀ with weight w), and a count of 3, 3, 3, 3 got a 90%
    /// interval of 3.03–3.08 for the next year — one that excludes staying at 3.
    public func sigma(raw s: Double?, increments k: Int, level: Double) -> Double {
        guard let s, k > 0, s.isFinite, s > 0 else { return level * min(s0, Self.maximum) }
        let w = Self.ownWeight(increments: k)
        let own = max(s, 1e-3 * s0)
        return level * min(Foundation.exp((1 - w) * Foundation.log(s0) + w * Foundation.log(own)), Self.maximum)
    }

    /// The weight w = β·k/(k + c) of a series' own scale in σ, for k increments (0 for none).
    public static func ownWeight(increments k: Int) -> Double {
        k > 0 ? beta * Double(k) / (Double(k) + c) : 0
    }

    /// The batch scale s₀: weighted median of unit-free increment sizes (each series weighs 1,
    /// shared among its increments; increments of zero are left out); nil without any.
    public static func pooled(_ batch: [YearlySeries], unitFree: Bool) -> Double? {
        pooled(items: batch.flatMap { poolItems($0, unitFree: unitFree) })
    }

    /// A series' share of s₀: its non-zero unit-free increment sizes, each weighing 1/k.
    public static func poolItems(_ z: YearlySeries, unitFree: Bool) -> [(size: Double, weight: Double)] {
        let (sizes, _, level) = increments(z, unitFree: unitFree)
        guard !sizes.isEmpty else { return [] }
        let w = 1 / Double(sizes.count)
        // Unchanged years (a constant stretch) say nothing about the batch's scale.
        return sizes.filter { ($0 / level).isFinite && $0 > 0 }.map { ($0 / level, w) }
    }

    /// The weighted median of the batch's items (in batch order); nil without any.
    public static func pooled(items: [(size: Double, weight: Double)]) -> Double? {
        var items = items
        guard !items.isEmpty else { return nil }
        items.sort { $0.0 < $1.0 }
        let total = items.reduce(0) { $0 + $1.1 }
        var acc = 0.0
        for (v, w) in items {
            acc += w
            if acc >= total / 2 { return max(v, 1e-6) }
        }
        return max(items.last!.0, 1e-6)
    }

    /// The calibration stratum of a series with `k` increments: 0, 1, 2, 3, 4, 5–7, 8–12, 13+.
    public static func stratum(increments k: Int) -> Int {
        switch k {
        case ...0: return 0
        case 1...4: return k
        case 5...7: return 5
        case 8...12: return 6
        default: return 7
        }
    }
    public static let strata = 8
}
