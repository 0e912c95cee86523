import Forecasting
import Testing

/// One contract over every model (STYLE.md): fit and forecast agree with simulation, the
/// simulated quantiles are ordered, and identical seeds give identical paths.
struct ContractTests {
    static let specs: [any ForecastModelSpec] = [Naive(), RandomWalkDrift(), LinearTrend(), MeanLevel(), DampedTrend(), Theta()]

    /// SplitMix64 (Steele et al. 2014): a small seeded generator for tests.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let series = try! YearlySeries(
        periods: Array(2008...2021), values: [4.1, 4.3, 4.2, 4.6, 4.8, 4.7, 5.0, 5.3, 5.2, 5.6, 5.5, 5.9, 6.2, 6.1])

    @Test("contract", arguments: 0..<specs.count)
    func contract(index: Int) throws {
        let spec = Self.specs[index]
        let f = try spec.fitAny(Self.series)
        let H = 4
        let point = f.forecast(horizon: H)
        #expect(point.count == H && point.allSatisfy(\.isFinite))
        #expect(!f.summary.isEmpty)
        var g1 = SplitMix(state: 42), g2 = SplitMix(state: 42)
        let p1 = f.simulate(horizon: H, paths: 4000, sigmaPrior: 0.2, using: &g1)
        let p2 = f.simulate(horizon: H, paths: 4000, sigmaPrior: 0.2, using: &g2)
        #expect(p1 == p2, "same seed, same paths (seed 42)")
        for h in 0..<H {
            let v = p1.map { $0[h] }.sorted()
            let q = { (t: Double) in v[Int(t * Double(v.count - 1))] }
            #expect(q(0.025) <= q(0.1) && q(0.1) <= q(0.5) && q(0.5) <= q(0.9) && q(0.9) <= q(0.975))
            // Simulation is centred on the point forecast: |median − point| within 4 Monte Carlo
            // standard errors of a median (≈ 1.25 σ/√N) plus parameter-draw skew allowance.
            let sd = (v.map { ($0 - point[h]) * ($0 - point[h]) }.reduce(0, +) / Double(v.count)).squareRoot()
            #expect(abs(q(0.5) - point[h]) < 4 * 1.25 * sd / Double(v.count).squareRoot() + 0.02 * sd, "\(spec.name) h=\(h + 1), seed 42")
        }
    }
}
