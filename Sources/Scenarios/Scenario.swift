import Forecasting
import Simulation

/// A what-if for a plan (DESIGN.md §4): levers on indicators or groups of indicators, driver
/// paths, common shocks, assumed observations and model choices. A scenario may inherit from
/// another; `resolved(parent:)` merges them (lists add up; maps take the child's entries).
public struct Scenario: Sendable {
    public struct Lever<Value: Sendable>: Sendable {
        /// Stable name: scenarios that share a lever share its random draws.
        public let name: String
        public let indicators: [String]
        public let value: Value
        public init(name: String, indicators: [String], value: Value) {
            self.name = name
            self.indicators = indicators
            self.value = value
        }
    }

    public struct Growth: Sendable {
        public let fromYear: Int
        public let percentPerYear: UncertainQuantity
        public init(fromYear: Int, percentPerYear: UncertainQuantity) {
            self.fromYear = fromYear
            self.percentPerYear = percentPerYear
        }
    }

    public struct Level: Sendable {
        public let year: Int
        public let percent: UncertainQuantity
        public init(year: Int, percent: UncertainQuantity) {
            self.year = year
            self.percent = percent
        }
    }

    public struct Shock: Sendable {
        public let year: Int
        public let probability: Double
        public let percent: UncertainQuantity
        public init(year: Int, probability: Double, percent: UncertainQuantity) {
            self.year = year
            self.probability = probability
            self.percent = percent
        }
    }

    public struct Driver: Sendable {
        public let name: String
        public let driver: String
        public let growthPercent: [Int: UncertainQuantity]
        public let links: [(indicators: [String], elasticity: Double)]
        public init(name: String, driver: String, growthPercent: [Int: UncertainQuantity], links: [(indicators: [String], elasticity: Double)]) {
            self.name = name
            self.driver = driver
            self.growthPercent = growthPercent
            self.links = links
        }
    }

    public var name: String
    public var titleZh: String
    public var titleEn: String
    public var description: String
    /// The file it came from.
    public var file: String
    public var inherits: String?
    public var growth: [Lever<Growth>] = []
    public var levels: [Lever<Level>] = []
    public var volatility: [Lever<Double>] = []
    public var shocks: [Lever<Shock>] = []
    public var drivers: [Driver] = []
    /// Values stated for indicators without data, by indicator and year.
    public var assumptions: [String: [Int: Double]] = [:]
    /// Model names per indicator (e.g. ["drift", "theta"]).
    public var models: [String: [String]] = [:]

    public init(name: String, titleZh: String = "", titleEn: String = "", description: String = "", file: String = "", inherits: String? = nil) {
        self.name = name
        self.titleZh = titleZh
        self.titleEn = titleEn
        self.description = description
        self.file = file
        self.inherits = inherits
    }

    /// This scenario on top of its parent: the parent's levers, then this one's; assumptions
    /// and model choices of this one win.
    public func resolved(parent: Scenario) -> Scenario {
        var s = self
        s.growth = parent.growth + growth
        s.levels = parent.levels + levels
        s.volatility = parent.volatility + volatility
        s.shocks = parent.shocks + shocks
        s.drivers = parent.drivers.filter { p in !drivers.contains { $0.driver == p.driver } } + drivers
        s.assumptions = parent.assumptions.merging(assumptions) { a, b in a.merging(b) { _, new in new } }
        s.models = parent.models.merging(models) { _, new in new }
        return s
    }

    /// Whether anything changes the data or the models (then the plan model is rebuilt).
    public var changesModel: Bool { !assumptions.isEmpty || !models.isEmpty }

    /// Per-indicator model combinations.
    public var combinations: [String: Combination] {
        models.compactMapValues { Combination.named($0) }
    }

    /// The simulator's view of the levers.
    public var effects: ScenarioEffects {
        var e = ScenarioEffects()
        e.growthShifts = growth.map { .init(lever: $0.name, series: $0.indicators, fromYear: $0.value.fromYear, percentPerYear: $0.value.percentPerYear) }
        e.levelShifts = levels.map { .init(lever: $0.name, series: $0.indicators, year: $0.value.year, percent: $0.value.percent) }
        e.shocks = shocks.map { .init(lever: $0.name, series: $0.indicators, year: $0.value.year, probability: $0.value.probability, percent: $0.value.percent) }
        e.driverPaths = drivers.map { .init(lever: $0.name, driver: $0.driver, growthPercent: $0.growthPercent) }
        e.driverLinks = drivers.flatMap { d in d.links.map { .init(driver: d.driver, series: $0.indicators, elasticity: $0.elasticity) } }
        for v in volatility { for id in v.indicators { e.volatility[id] = (e.volatility[id] ?? 1) * v.value } }
        return e
    }

    /// The same scenario without one lever (for sensitivity: what that lever contributes).
    public func without(lever: String) -> Scenario {
        var s = self
        s.growth.removeAll { $0.name == lever }
        s.levels.removeAll { $0.name == lever }
        s.shocks.removeAll { $0.name == lever }
        s.volatility.removeAll { $0.name == lever }
        s.drivers.removeAll { $0.name == lever }
        return s
    }

    /// Names of every lever (for sensitivity).
    public var leverNames: [String] {
        growth.map(\.name) + levels.map(\.name) + shocks.map(\.name) + volatility.map(\.name) + drivers.map(\.name)
    }
}
