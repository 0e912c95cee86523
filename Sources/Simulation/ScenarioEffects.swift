/// What a scenario changes in a simulation, in terms the simulator applies path by path to
/// simulated years (DESIGN.md §4). Every uncertain amount is drawn once per path from its own
/// lever stream, keyed by the lever's name, so that scenarios sharing a lever share its draws.
public struct ScenarioEffects: Sendable {
    /// Growth faster (or slower) by a percentage a year from a year on: value × (1 + g/100)^n in
    /// the n-th year from `fromYear`.
    public struct GrowthShift: Sendable {
        public let lever: String
        public let series: [String]
        public let fromYear: Int
        public let percentPerYear: UncertainQuantity
        public init(lever: String, series: [String], fromYear: Int, percentPerYear: UncertainQuantity) {
            self.lever = lever; self.series = series; self.fromYear = fromYear; self.percentPerYear = percentPerYear
        }
    }

    /// A lasting level change in a year: value × (1 + s/100) from `year` on.
    public struct LevelShift: Sendable {
        public let lever: String
        public let series: [String]
        public let year: Int
        public let percent: UncertainQuantity
        public init(lever: String, series: [String], year: Int, percent: UncertainQuantity) {
            self.lever = lever; self.series = series; self.year = year; self.percent = percent
        }
    }

    /// A shock that happens with a probability in a year and hits every member of a group at
    /// once (the same draw for all): value × (1 + s/100) from `year` on.
    public struct CommonShock: Sendable {
        public let lever: String
        public let series: [String]
        public let year: Int
        public let probability: Double
        public let percent: UncertainQuantity
        public init(lever: String, series: [String], year: Int, probability: Double, percent: UncertainQuantity) {
            self.lever = lever; self.series = series; self.year = year; self.probability = probability; self.percent = percent
        }
    }

    /// A driver's growth rate per year, replacing its simulated path.
    public struct DriverPath: Sendable {
        public let lever: String
        public let driver: String
        public let growthPercent: [Int: UncertainQuantity]
        public init(lever: String, driver: String, growthPercent: [Int: UncertainQuantity]) {
            self.lever = lever; self.driver = driver; self.growthPercent = growthPercent
        }
    }

    /// How indicators follow a driver when a scenario moves it: value × (driver / baseline
    /// driver)^elasticity, path by path (−1 for a ratio with the driver as denominator, such as
    /// R&D spending / GDP with spending unchanged).
    public struct DriverLink: Sendable {
        public let driver: String
        public let series: [String]
        public let elasticity: Double
        public init(driver: String, series: [String], elasticity: Double) {
            self.driver = driver; self.series = series; self.elasticity = elasticity
        }
    }

    public var growthShifts: [GrowthShift] = []
    public var levelShifts: [LevelShift] = []
    public var shocks: [CommonShock] = []
    public var driverPaths: [DriverPath] = []
    public var driverLinks: [DriverLink] = []
    /// Multiplier of a series' forecast spread (1 = as calibrated).
    public var volatility: [String: Double] = [:]

    public init() {}

    public var isEmpty: Bool {
        growthShifts.isEmpty && levelShifts.isEmpty && shocks.isEmpty && driverPaths.isEmpty && volatility.isEmpty
    }

    /// Every lever name, sorted (the order in which per-path draws are made).
    public var levers: [String] {
        Array(Set(growthShifts.map(\.lever) + levelShifts.map(\.lever) + shocks.map(\.lever) + driverPaths.map(\.lever))).sorted()
    }
}
