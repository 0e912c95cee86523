/// A yearly series on integer periods, possibly with gaps, sorted and without duplicates.
public struct YearlySeries: Sendable, Equatable {
    public let periods: [Int]
    public let values: [Double]

    /// Sorts by period; throws on duplicates or non-finite values.
    public init(periods: [Int], values: [Double]) throws(ForecastError) {
        guard periods.count == values.count else { throw .invalidSeries("periods and values differ in length") }
        let order = periods.indices.sorted { periods[$0] < periods[$1] }
        let p = order.map { periods[$0] }
        let v = order.map { values[$0] }
        for k in 1..<max(1, p.count) where p[k] == p[k - 1] {
            throw .invalidSeries("period \(p[k]) appears twice")
        }
        if let bad = v.first(where: { !$0.isFinite }) { throw .invalidSeries("non-finite value \(bad)") }
        self.periods = p
        self.values = v
    }

    public var count: Int { values.count }
    public var lastPeriod: Int? { periods.last }
    public var span: Int { (periods.last ?? 0) - (periods.first ?? 0) }

    /// The first `k` observations.
    public func prefix(_ k: Int) -> YearlySeries {
        // Safe: a prefix of a valid series is valid.
        try! YearlySeries(periods: Array(periods.prefix(k)), values: Array(values.prefix(k)))
    }

    /// Observations `from` through `to` (indices, inclusive).
    public func slice(_ from: Int, _ to: Int) -> YearlySeries {
        // Safe: a contiguous part of a valid series is valid.
        try! YearlySeries(periods: Array(periods[from...to]), values: Array(values[from...to]))
    }

    /// The series on a transformed scale.
    public func transformed(_ t: Transform) -> YearlySeries {
        try! YearlySeries(periods: periods, values: values.map(t.forward))
    }

    /// Yearly values with gaps filled by linear interpolation on the current scale, for
    /// recursions that need equal spacing (damped trend, Theta).
    public var filled: [Double] {
        guard let first = periods.first, let last = periods.last else { return [] }
        var out = [Double]()
        out.reserveCapacity(last - first + 1)
        var k = 0
        for t in first...last {
            if periods[k] == t {
                out.append(values[k])
                k += 1
            } else {
                let (t0, t1) = (periods[k - 1], periods[k])
                let w = Double(t - t0) / Double(t1 - t0)
                out.append(values[k - 1] * (1 - w) + values[k] * w)
            }
        }
        return out
    }
}

/// Why a forecast could not be made.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSeries(String)
    case tooShort(observations: Int, needed: Int)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .invalidSeries(let s): return "invalid series: \(s)"
        case .tooShort(let n, let k): return "\(n) observations, the model needs \(k)"
        case .outOfRange(let s): return s
        }
    }
}
