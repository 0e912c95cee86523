import Foundation

/// One series' share of a batch's calibration: its increment sizes for the batch scale s₀ and
/// its raw backtest errors. Shards of a batch (`forecast --shard`) compute these for their
/// series; `BatchCalibration` adds them up in input order, as the whole batch would.
public struct CalibrationContribution: Sendable, Equatable {
    /// One backtest origin: the raw scale of the window before it (`ErrorScale.raw`) and its
    /// errors, each with its slot `stratum · horizon + step − 1`.
    public struct Origin: Sendable, Equatable {
        public var scale: Double?
        public var increments: Int
        public var level: Double
        public var slots: [Int]
        public var residuals: [Double]

        public init(scale: Double?, increments: Int, level: Double, slots: [Int], residuals: [Double]) {
            (self.scale, self.increments, self.level) = (scale, increments, level)
            (self.slots, self.residuals) = (slots, residuals)
        }

        public static func == (a: Origin, b: Origin) -> Bool {
            a.scale?.bitPattern == b.scale?.bitPattern && a.increments == b.increments
                && a.level.bitPattern == b.level.bitPattern && a.slots == b.slots
                && a.residuals.map(\.bitPattern) == b.residuals.map(\.bitPattern)
        }
    }

    public var unitFree: Bool
    public var scaleItems: [(size: Double, weight: Double)]
    public var origins: [Origin]

    public init(unitFree: Bool, scaleItems: [(size: Double, weight: Double)], origins: [Origin]) {
        self.unitFree = unitFree
        self.scaleItems = scaleItems
        self.origins = origins
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.unitFree == b.unitFree && a.origins == b.origins
            && a.scaleItems.map { [$0.size.bitPattern, $0.weight.bitPattern] }
                == b.scaleItems.map { [$0.size.bitPattern, $0.weight.bitPattern] }
    }
}

/// What a batch's calibration rests on: the batch scales s₀ (unit-free series, the others)
/// and the standardised backtest errors per stratum and step, `own[stratum][step − 1]`, in
/// input order. `Calibration` pools them with the reference library.
public struct BatchCalibration: Sendable, Equatable {
    public let s0Free: Double
    public let s0Other: Double
    public let own: [[[Double]]]

    public init(s0Free: Double, s0Other: Double, own: [[[Double]]]) {
        (self.s0Free, self.s0Other, self.own) = (s0Free, s0Other, own)
    }

    /// From the contributions of every series of the batch, in input order: s₀ of unit-free
    /// series (the library's when they have no increments) and of the others (the unit-free
    /// one when they have none); errors standardised by σ of their window, u = r/σ, non-finite
    /// ones left out.
    public init(_ parts: [CalibrationContribution], library: ReferenceLibrary, horizon: Int) {
        let free = Self.shrunk(
            ErrorScale.pooled(items: parts.filter(\.unitFree).flatMap(\.scaleItems)),
            series: parts.filter { $0.unitFree && !$0.scaleItems.isEmpty }.count, toward: library.s0)
        let other = ErrorScale.pooled(items: parts.filter { !$0.unitFree }.flatMap(\.scaleItems)) ?? free
        var own = [[[Double]]](repeating: [[Double]](repeating: [], count: horizon), count: ErrorScale.strata)
        let scales = (free: ErrorScale(s0: free), other: ErrorScale(s0: other))
        for p in parts {
            let scale = p.unitFree ? scales.free : scales.other
            for o in p.origins {
                let sigma = scale.sigma(raw: o.scale, increments: o.increments, level: o.level)
                for (slot, r) in zip(o.slots, o.residuals) {
                    let u = r / sigma
                    if u.isFinite { own[slot / horizon][slot % horizon].append(u) }
                }
            }
        }
        self.init(s0Free: free, s0Other: other, own: own)
    }

    /// The batch's unit-free s₀ from `n` series, shrunk on the log scale towards the library's
    /// s₀ as if the library were `libraryWeight` more series of that size:
    ///
    ///     log s₀ = (n·log s₀(batch) + c·log s₀(library)) / (n + c),   c = 2,
    ///
    /// the library's alone for a batch without increments. The same prior weight of two as a
    /// series' own scale gets against s₀ (`ErrorScale.c`, increments instead of series). A batch
    /// of one short series took its own increments' size as s₀: steady series got intervals
    /// far too narrow (Tourism's 3-point series forecast one at a time covered 0.61 at 80%, 0.79
    /// at 95%; M1's 0.72 and 0.86). A batch of 30 moves by a sixteenth of the log distance.
    /// Not in the bands for single series on both sets (2026-12-01): the library's s₀ (0.096)
    /// is Tourism's (0.110) more than M1's (0.064), and one series cannot tell which it is like.
    static func shrunk(_ batch: Double?, series n: Int, toward library: Double) -> Double {
        guard let batch, n > 0 else { return library }
        let c = libraryWeight
        return exp((Double(n) * log(batch) + c * log(library)) / (Double(n) + c))
    }

    /// The library's weight in s₀, in series (`shrunk`).
    static let libraryWeight = 2.0

    public func scale(unitFree: Bool) -> ErrorScale { ErrorScale(s0: unitFree ? s0Free : s0Other) }

    public static func == (a: Self, b: Self) -> Bool {
        a.s0Free.bitPattern == b.s0Free.bitPattern && a.s0Other.bitPattern == b.s0Other.bitPattern
            && a.own.map { $0.map { $0.map(\.bitPattern) } } == b.own.map { $0.map { $0.map(\.bitPattern) } }
    }
}
