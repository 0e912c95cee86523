import Foundation

/// Growth rates over the previous year ("比上年增长6.1%", `Observation.measure` `.growth`) as an
/// identity between two years of a series: x(t) = x(t − 1)·(1 + g(t)/100).
///
/// A statistical bulletin often gives a year's growth where the value of one of the two years
/// is missing. With the growth written to one decimal, g ∈ [g̲, ḡ] (its rounding interval, or
/// the interval a bound states), the identity bounds the open year:
/// x(t) ∈ [x̲(t − 1)·(1 + g̲/100), x̄(t − 1)·(1 + ḡ/100)] forwards and
/// x(t − 1) ∈ [x̲(t)/(1 + ḡ/100), x̄(t)/(1 + g̲/100)] backwards, for quantities that are never
/// negative (stocks, flows, levels). The growth must be in the terms of the values: a growth "at
/// comparable prices" (按可比价格, real growth) is not the ratio of values in current prices, and
/// `check` warns where a growth contradicts the two values it links.
extension Plan {
    /// Whether a growth rate of a series of this kind is read: quantities that grow by ratios
    /// and are never negative. A share's change is in percentage points ("提高0.3个百分点"), and a
    /// net change may change sign.
    public static func readsGrowth(_ kind: IndicatorKind) -> Bool {
        kind == .stock || kind == .flow || kind == .level
    }

    /// The growth rates a run may use as of `asOf`: one per year (chosen by
    /// `ObservationSelection`'s rule among conflicting reports), the year and the year before
    /// within the plan's data range, reported by then.
    public func usableGrowths(of id: String, asOf: Int?) -> [Observation] {
        let range = metadata.dataYears
        let candidates = growths.filter { o in
            o.indicator == id && range.contains(o.year) && range.contains(o.year - 1)
                && (asOf.map { o.year <= $0 } ?? true)
        }
        return ObservationSelection.select(candidates)
    }

    /// The factors 1 + g/100 a growth row allows: the interval its bound states (a lower bound
    /// "增长超10%" is [10%, 11%], read as the values' bounds are, `Observation.roundingReach`),
    /// or the interval its written digits stand for ("6.1" is 6.05–6.15%; an estimate at least
    /// ±2% of the rate, `Observation.estimateReach`); explicit `lower`/`upper` columns replace
    /// either end. Nil where the interval leaves nothing positive.
    public static func growthFactors(_ o: Observation) -> (lower: Double, upper: Double)? {
        let g = o.value
        let half = o.writtenHalfUnit
        let reach = max(Observation.roundingReach * abs(g), 2 * half)
        var lo: Double, hi: Double
        switch o.quality {
        case .lowerBound: (lo, hi) = (g, g + reach)
        case .upperBound: (lo, hi) = (g - reach, g)
        case .estimate:
            let r = max(half, Observation.estimateReach * abs(g))
            (lo, hi) = (g - r, g + r)
        default: (lo, hi) = (g - half, g + half)
        }
        lo = o.explicitLower ?? lo
        hi = o.explicitUpper ?? hi
        let factors = (lower: 1 + max(lo, -100) / 100, upper: 1 + hi / 100)
        guard factors.upper > 0, factors.lower <= factors.upper, factors.upper.isFinite else { return nil }
        return factors
    }

    /// How a growth interval is written in an identity's rule: "[6.05%, 6.15%]".
    static func growthText(_ f: (lower: Double, upper: Double)) -> String {
        "[\(PlanConsistency.approx((f.lower - 1) * 100, significant: 4))%, \(PlanConsistency.approx((f.upper - 1) * 100, significant: 4))%]"
    }

    /// Bounds that growth rates give to years `history` leaves without a figure (quality
    /// `lowerBound` with both ends given, the identity in `source`), from a neighbour known
    /// exactly or by bounds; a year bounded this way bounds the next in turn (the intervals
    /// widen). On the paths each bounded year is drawn within its interval, and the ratio of the
    /// two years a rate links is held path by path (`PreparedScenario.tieGrowthSteps`), also where
    /// both years are simulated.
    func growthBounds(of id: String, asOf: Int?, history: History) -> [Observation] {
        guard let kind = kind(of: id), Self.readsGrowth(kind) else { return [] }
        // A rate `check` calls unused bounds nothing (`growthIsUnused`).
        let rates = usableGrowths(of: id, asOf: asOf).filter { !growthIsUnused($0, asOf: asOf) }
        guard !rates.isEmpty else { return [] }
        var interval = Self.intervals(of: history, kind: kind)
        let figured = Set(history.points.map(\.year))
        let text = { Self.intervalText($0) { PlanConsistency.approx($0, significant: 6) } }
        var out = [Observation]()
        // A stock's net change and growth in the same year, with neither year's level known
        // ("净增436家，增长18.9%"), give the level: n = x(t) − x(t − 1) and x(t) = x(t − 1)·f make
        // x(t − 1) = n/(f − 1), over the corners of n's and f's intervals where both keep one
        // sign (the two must agree in sign for a positive stock).
        if kind == .stock {
            let nets = indicators.filter { $0.kind == .netChange && $0.parent == id }.map(\.id)
            for o in rates {
                let t = o.year
                guard interval[t - 1] == nil, interval[t] == nil, !figured.contains(t - 1), !figured.contains(t),
                    let f = Self.growthFactors(o)
                else { continue }
                let (dl, dh) = (f.lower - 1, f.upper - 1)
                for net in nets {
                    guard let n = Self.intervals(of: identityHistory(of: net, asOf: asOf), kind: .netChange)[t],
                        dl * dh > 0, n.lo * n.hi > 0, (n.lo > 0) == (dl > 0)
                    else { continue }
                    let corners = [n.lo / dl, n.lo / dh, n.hi / dl, n.hi / dh]
                    guard let lo = corners.min(), let hi = corners.max(), lo.isFinite, hi.isFinite, lo > 0 else {
                        continue
                    }
                    let rule =
                        "\(id)(\(t - 1)) = \(net)(\(t)) ÷ growth(\(t)) = \(text(n)) ÷ \(Self.growthText((dl + 1, dh + 1)))"
                    out.append(Self.identityBound(id, year: t - 1, lo, hi, source: "identity: " + rule))
                    interval[t - 1] = (lo, hi)
                    break
                }
            }
        }
        var progress = true
        while progress {
            progress = false
            for o in rates {
                guard let f = Self.growthFactors(o) else { continue }
                let t = o.year
                let (year, lo, hi, rule): (Int, Double, Double, String)
                if let before = interval[t - 1], interval[t] == nil, !figured.contains(t) {
                    (year, lo, hi) = (t, max(0, before.lo * f.lower), max(0, before.hi * f.upper))
                    rule = "\(id)(\(t - 1)) × (1 + growth(\(t))) = \(text(before)) × (1 + \(Self.growthText(f)))"
                } else if let after = interval[t], interval[t - 1] == nil, !figured.contains(t - 1), f.lower > 0 {
                    (year, lo, hi) = (t - 1, after.lo / f.upper, after.hi / f.lower)
                    rule = "\(id)(\(t)) ÷ (1 + growth(\(t))) = \(text(after)) ÷ (1 + \(Self.growthText(f)))"
                } else {
                    continue
                }
                guard lo.isFinite, hi.isFinite, lo <= hi else { continue }
                out.append(Self.identityBound(id, year: year, lo, hi, source: "identity: " + rule))
                interval[year] = (lo, hi)
                progress = true
            }
        }
        return out
    }

    /// The net change a stock's growth rate for year t cannot hold with, where the stock has
    /// no figure in t − 1 or t (`identityHistory`): the step x(t) − x(t − 1) = x(t − 1)·(f − 1)
    /// has the sign of f − 1 for every positive x(t − 1), so with f ∈ [f̲, f̄] it can only be
    /// negative (f̄ < 1), at most 0 (f̄ = 1), at least 0 (f̲ = 1) or positive (f̲ > 1), and a net
    /// change of year t outside that ("增长−11%" beside "净增387家以上") leaves no path. `check`
    /// warns and the rate is not used: the net change sets the step (`tieNetChangeSteps`).
    /// Until 2026-12-08 the run tied both, the growth last, and wrote a stock falling by about
    /// 370 beside a net change of 387–426 in the same year without a warning (bound_fuzz seed
    /// 7059, trial 1). The net change's id and the interval it is read as (an exact value as
    /// rounded, a bound under the default reading), or nil.
    public func growthContradictsNetChange(_ o: Observation, asOf: Int? = nil) -> (
        id: String, lo: Double, hi: Double
    )? {
        guard kind(of: o.indicator) == .stock, let f = Self.growthFactors(o) else { return nil }
        let t = o.year
        let stock = identityHistory(of: o.indicator, asOf: asOf)
        guard !stock.points.contains(where: { $0.year == t || $0.year == t - 1 }) else { return nil }
        let (dl, dh) = (f.lower - 1, f.upper - 1)
        for net in indicators where net.kind == .netChange && net.parent == o.indicator {
            guard let p = identityHistory(of: net.id, asOf: asOf).points.first(where: { $0.year == t }) else {
                continue
            }
            let (lo, hi): (Double, Double)
            if let b = p.bounds(kind: .netChange) {
                (lo, hi) = (b.lower ?? -.infinity, b.upper ?? .infinity)
            } else {
                let r = p.roundingInterval(kind: .netChange) ?? (p.value, p.value)
                (lo, hi) = (r.lower, r.upper)
            }
            if (dh <= 0 && lo > 0) || (dh < 0 && lo >= 0) || (dl >= 0 && hi < 0) || (dl > 0 && hi <= 0) {
                return (net.id, lo, hi)
            }
        }
        return nil
    }
}
