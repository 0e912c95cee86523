/// One what-if lever of a scenario (DESIGN.md §4), in the terms the simulator applies path by
/// path to simulated years. This is the only model of a lever: scenario files are parsed into it,
/// scenarios inherit and remove levers in it, and `PlanSimulator` applies it.
///
/// Every uncertain amount is drawn once per path from the lever's own random stream, keyed by
/// the lever's `name`, so scenarios that share a lever share its draws (common random numbers).
public struct Lever: Sendable {
    /// How an indicator follows a driver when a scenario moves it: value × (driver / baseline
    /// driver)^elasticity, path by path (−1 for a ratio with the driver as denominator, such as
    /// R&D spending / GDP with spending unchanged).
    public struct DriverLink: Sendable, Equatable {
        public let series: [String]
        public let elasticity: Double
        public init(series: [String], elasticity: Double) {
            self.series = series
            self.elasticity = elasticity
        }
    }

    public enum Action: Sendable {
        /// Growth faster (or slower) by a percentage a year from a year on: value × (1 + g/100)ⁿ in
        /// the n-th year counted from `fromYear` (inclusive).
        case growth(fromYear: Int, percentPerYear: UncertainQuantity)
        /// A lasting level change in a year: value × (1 + s/100) from `year` on.
        case level(year: Int, percent: UncertainQuantity)
        /// Multiplier of the series' forecast spread (1 = as calibrated).
        case volatility(scale: Double)
        /// A shock that happens with `probability` in `year` and hits every series of the lever at
        /// once (the same draw for all): value × (1 + s/100) from `year` on.
        case shock(year: Int, probability: Double, percent: UncertainQuantity)
        /// A driver's growth rate per year, replacing its simulated path, and the indicators
        /// that follow it.
        case driverPath(driver: String, growthPercent: [Int: UncertainQuantity], links: [DriverLink])
    }

    /// Stable name: scenarios that share a lever share its random draws.
    public let name: String
    /// The series it acts on (for a driver path: the driver).
    public let series: [String]
    public let action: Action

    public init(name: String, series: [String], action: Action) {
        self.name = name
        self.series = series
        self.action = action
    }

    /// Why the lever moves nothing whatever the data, as it is written: an amount of no change
    /// in every draw (0%, a spread scale of 1) or a shock with probability 0; nil otherwise. A
    /// driver path is never idle here (its growth replaces a simulated one).
    public var idleAsWritten: (en: String, zh: String)? {
        func none(_ q: UncertainQuantity) -> Bool { q.certainValue == 0 }
        switch action {
        case .growth(_, let q) where none(q):
            return ("its growth is 0% a year in every draw", "它每次抽样的增速都是每年 0%")
        case .level(_, let q) where none(q):
            return ("its level shift is 0% in every draw", "它每次抽样的水平变化都是 0%")
        case .volatility(let v) where v == 1:
            return ("a scale of 1 keeps the spread as calibrated", "比例 1 即保持校准后的离散程度")
        case .shock(_, let p, _) where p == 0:
            return ("a shock with probability 0 never happens", "发生概率为 0 的冲击从不发生")
        case .shock(_, _, let q) where none(q):
            return ("its shock is 0% in every draw", "它每次抽样的冲击幅度都是 0%")
        default:
            return nil
        }
    }

    /// The driver a driver-path lever moves, else nil.
    public var driver: String? {
        if case .driverPath(let d, _, _) = action { return d }
        return nil
    }
}

extension [Lever] {
    /// Multiplier of each series' spread: the product of the volatility levers on it.
    func volatilityScale(of series: String) -> Double {
        var scale = 1.0
        for lever in self {
            if case .volatility(let v) = lever.action, lever.series.contains(series) { scale *= v }
        }
        return scale
    }
}
