import Forecasting
import Foundation
import Indicators
import Testing

@testable import Simulation

/// Flows of whole units are counts around their forecast (closed forms: Poisson probabilities).
struct CountFlowTests {
    /// P(N = k) for N ~ Poisson(μ).
    static func pmf(_ k: Int, _ mu: Double) -> Double { exp(Double(k) * log(mu) - mu - lgamma(Double(k) + 1)) }

    /// The sampler against the Poisson probabilities: below 10 (Knuth), at 10 and far above
    /// (PTRS). For every k with an expected count of at least 20 among the draws, the count
    /// lies within 5 binomial standard deviations, and the mean and variance are μ.
    @Test func theSamplerDrawsPoissonCounts() {
        for mu in [0.3, 3, 9.9, 10, 47.5, 1000] {
            var g = Xoshiro256PlusPlus.stream(seed: 11, named: "poisson-test", block: Int(mu * 10))
            let n = 200_000
            var counts = [Int: Int](), sum = 0.0, squares = 0.0
            for _ in 0..<n {
                let x = Poisson.draw(mean: mu, using: &g)
                #expect(x >= 0 && x == x.rounded())
                counts[Int(x), default: 0] += 1
                sum += x
                squares += x * x
            }
            let mean = sum / Double(n), variance = squares / Double(n) - mean * mean
            #expect(abs(mean - mu) < 5 * (mu / Double(n)).squareRoot(), "mean \(mean) for μ = \(mu)")
            #expect(abs(variance / mu - 1) < 0.02, "variance \(variance) for μ = \(mu)")
            for k in 0...Int(mu * 2 + 10) {
                let p = Self.pmf(k, mu), expected = p * Double(n)
                guard expected >= 20 else { continue }
                let sd = (expected * (1 - p)).squareRoot()
                #expect(abs(Double(counts[k] ?? 0) - expected) < 5 * sd, "μ = \(mu), k = \(k)")
            }
        }
        var g = Xoshiro256PlusPlus.stream(seed: 1, named: "edge", block: 0)
        #expect(Poisson.draw(mean: 0, using: &g) == 0)
        #expect(Poisson.draw(mean: -2, using: &g) == 0)
    }

    /// The far lower tail of PTRS (μ ≥ 10) is reached: at μ = 10, P(N = 0) = e⁻¹⁰ = 4.54·10⁻⁵,
    /// 45.4 zeros expected in 10⁶ draws (Poisson, sd 6.7; 20–75 is 4.5 sd either side). Only the
    /// slow path returns 0 at this mean; a rejection of k = 0 there (`k < 0` as `k <= 0`,
    /// mutation round 206) drew none, which the test of the counts above cannot see (its
    /// expected count of 0 is below 20).
    @Test func theSamplerReachesZeroAtAMeanOfTen() {
        var g = Xoshiro256PlusPlus.stream(seed: 206, named: "poisson-zero", block: 0)
        var zeros = 0
        for _ in 0..<1_000_000 where Poisson.draw(mean: 10, using: &g) == 0 { zeros += 1 }
        #expect((20...75).contains(zeros), "\(zeros) zeros in 10⁶ draws, 45.4 expected")
    }

    /// A flow of whole units forecast at exactly 3 next year (scale 10⁻⁹), against a milestone
    /// of 5: with one observation the count is Poisson(3), so P(≥ 5) = 1 − Σ₀⁴ P(k) = 0.185.
    /// The same flow in a unit that is not a count stays at 3: P = 0. With five observations
    /// (w = 0.9·4/6 = 0.6) the count is 3 + √0.4·(N − 3), rounded: at least 5 when N ≥ 6.
    @Test func aSmallCountKeepsTheChanceOfItsEvents() throws {
        func probability(unit: String, observations: Int) throws -> (p: Double, se: Double) {
            let flow = Indicator(
                id: "new", row: "1", nameZh: "n", nameEn: "n", category: "c", kind: .flow, unit: unit,
                targets: [2025: 5], headline: nil)
            let plan = Plan(metadata: PlanSimulatorTests.meta, indicators: [flow], drivers: [], observations: [])
            let points = (0..<observations).map { Observation(indicator: "new", year: 2024 - $0, value: 3) }
            let series = SimulationSeries(
                id: "new", kind: .flow, transform: .identity, isCount: isCountUnit(unit), isDriver: false,
                parent: nil, known: [nil, nil, nil, 3, nil],
                sources: [.unavailable, .unavailable, .unavailable, .observed, .simulated], origin: 2024,
                center: [3], scale: [1e-9],
                evidence: Evidence(history: History(indicator: "new", points: points.reversed())), models: ["test"],
                usesAssumptions: false)
            let model = try PlanModel(
                plan: plan, years: Array(2021...2025), series: [series],
                calibration: PlanSimulatorTests.normalCalibration(horizon: 1), simulated: [0],
                correlation: .identity(1),
                horizon: 1)
            let r = PlanSimulator.run(model: model, paths: 100_000, seed: 5, threads: 2)
            let m = try #require(r.targets.first { $0.spec.kind == .milestone && $0.spec.year == 2025 })
            return (m.pMet!, max(m.standardError!, 1e-4))
        }
        let poisson = 1 - (0...4).map { Self.pmf($0, 3) }.reduce(0, +)
        let count = try probability(unit: "个", observations: 1)
        #expect(abs(count.p - poisson) < 4 * count.se, "\(count.p) vs \(poisson)")
        #expect(try probability(unit: "亿元", observations: 1).p == 0, "not a count: 3 is all there is")
        let w = 0.9 * 4 / 6, threshold = 3 + 1.5 / (1 - w).squareRoot()
        let shrunk = 1 - (0...Int(threshold.rounded(.down))).map { Self.pmf($0, 3) }.reduce(0, +)
        let five = try probability(unit: "家", observations: 5)
        #expect(abs(five.p - shrunk) < 4 * five.se, "\(five.p) vs \(shrunk)")
        #expect(five.p < count.p - 0.05, "a history of its own carries part of the chance")
    }

    /// A count flow expected at `count` on every path (scale 0), with a milestone of `target`
    /// in 2025 and one observation (so the whole Poisson chance is drawn).
    static func exactCountModel(_ count: Double, target: Double) throws -> PlanModel {
        let flow = Indicator(
            id: "new", row: "1", nameZh: "n", nameEn: "n", category: "c", kind: .flow, unit: "个",
            targets: [2025: target], headline: nil)
        let plan = Plan(metadata: PlanSimulatorTests.meta, indicators: [flow], drivers: [], observations: [])
        let seen = History(indicator: "new", points: [Observation(indicator: "new", year: 2024, value: count)])
        let series = SimulationSeries(
            id: "new", kind: .flow, transform: .identity, isCount: true, isDriver: false, parent: nil,
            known: [nil, nil, nil, count, nil],
            sources: [.unavailable, .unavailable, .unavailable, .observed, .simulated], origin: 2024, center: [count],
            scale: [0], evidence: Evidence(history: seen), models: ["test"], usesAssumptions: false)
        return try PlanModel(
            plan: plan, years: Array(2021...2025), series: [series],
            calibration: PlanSimulatorTests.normalCalibration(horizon: 1), simulated: [0], correlation: .identity(1),
            horizon: 1)
    }

    static func pMet(_ model: PlanModel, paths: Int, threads: Int) throws -> Double {
        let r = PlanSimulator.run(model: model, paths: paths, seed: 9, threads: threads)
        return try #require(r.targets.first { $0.spec.kind == .milestone && $0.spec.year == 2025 }?.pMet)
    }

    /// A count flow whose expected count is exactly 3 on every path (scale 0) draws the same
    /// counts whatever the threads: block b's draws are block b's, whichever worker runs it
    /// before. (Mutation round seed 152: `||` as `&&` in the reset of the per-worker cache of
    /// counts kept a worker's first block's draws for its later blocks, since their λ were the
    /// same bit for bit; one thread and two then disagreed.) P(N ≥ 5) for N ~ Poisson(3) is
    /// 0.1847 (1 − Σ₀⁴ e⁻³3ᵏ/k!).
    @Test func countsDoNotDependOnWhichWorkerDrawsThem() throws {
        let model = try Self.exactCountModel(3, target: 5)
        let one = try Self.pMet(model, paths: 40_000, threads: 1)
        #expect(try Self.pMet(model, paths: 40_000, threads: 2) == one)
        #expect(try Self.pMet(model, paths: 40_000, threads: 3) == one)
        let poisson = 1 - (0...4).map { Self.pmf($0, 3) }.reduce(0, +)
        #expect(abs(one - poisson) < 4 * (poisson * (1 - poisson) / 40_000).squareRoot(), "\(one) vs \(poisson)")
    }

    /// Beyond 2⁵² a count's chance (a standard deviation of 2²⁶·√4 ≈ 1.3·10⁸ at 2⁵³) is left
    /// out, as the doc comment of `drawCounts` says: a count expected at exactly 2⁵³ stays there
    /// and meets a milestone of 2⁵³ on every path. (Mutation round seed 152: `&&` as `||` drew
    /// it, and half the paths fell short.)
    @Test func aCountBeyondTwoToThe52IsNotDrawn() throws {
        #expect(try Self.pMet(Self.exactCountModel(0x1p53, target: 0x1p53), paths: 4_096, threads: 1) == 1)
    }
}
