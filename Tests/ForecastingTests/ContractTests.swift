import Testing

@testable import Forecasting

/// One contract over every model (STYLE.md): fit and forecast agree with simulation, the
/// simulated quantiles are ordered, and identical seeds give identical paths.
struct ContractTests {
    static let specs: [any ForecastModelSpec] = [
        Naive(), RandomWalkDrift(), LinearTrend(), MeanLevel(), DampedTrend(), Theta(),
    ]

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
        let horizon = 4
        let point = f.forecast(horizon: horizon)
        #expect(point.count == horizon && point.allSatisfy(\.isFinite))
        #expect(!f.summary.isEmpty)
        var g1 = SplitMix(state: 42), g2 = SplitMix(state: 42)
        let p1 = f.simulate(horizon: horizon, paths: 4000, sigmaPrior: 0.2, using: &g1)
        let p2 = f.simulate(horizon: horizon, paths: 4000, sigmaPrior: 0.2, using: &g2)
        #expect(p1 == p2, "same seed, same paths (seed 42)")
        for h in 0..<horizon {
            let v = p1.map { $0[h] }.sorted()
            let q = { (t: Double) in v[Int(t * Double(v.count - 1))] }
            // Simulation is centred on the point forecast: |median − point| within 4 Monte Carlo
            // standard errors of a median (≈ 1.25 σ/√N) plus parameter-draw skew allowance.
            let sd = (v.map { ($0 - point[h]) * ($0 - point[h]) }.reduce(0, +) / Double(v.count)).squareRoot()
            #expect(
                abs(q(0.5) - point[h]) < 4 * 1.25 * sd / Double(v.count).squareRoot() + 0.02 * sd,
                "\(spec.name) h=\(h + 1), seed 42")
        }
    }

    /// Simulation spreads as the model's forecast SD says: at each step the simulated
    /// interquartile range, read as a normal's (IQR/1.349), is within 6% of `forecastSD` times
    /// 1.03 (σ drawn from its scaled inverse χ² makes the paths Student-t: t₀.₇₅ with 11–13
    /// degrees of freedom is 0.695–0.697 against z₀.₇₅ = 0.674). The Monte Carlo error of an IQR
    /// of 20,000 paths is about 1.3% (the ratios on seed 7: 0.985–1.022). (Mutation round 141: the mean level's draw of m scaled by
    /// √n instead of 1/√n, its noise σ/ε instead of σ·ε, and Theta's shift α/e instead of α·e
    /// all kept the median where the contract looked.)
    @Test("simulation spreads as forecastSD", arguments: 0..<specs.count)
    func simulationSpreadsAsForecastSD(index: Int) throws {
        let spec = Self.specs[index]
        let f = try spec.fitAny(Self.series)
        let horizon = 4
        let sd = try #require(f.forecastSD(horizon: horizon))
        var g = SplitMix(state: 7)
        let paths = f.simulate(horizon: horizon, paths: 20_000, sigmaPrior: 0.2, using: &g)
        for h in 0..<horizon {
            let v = paths.map { $0[h] }.sorted()
            let iqr = v[15_000] - v[5_000]
            let ratio = iqr / 1.349 / (1.03 * sd[h])
            #expect(abs(ratio - 1) < 0.06, "\(spec.name) h=\(h + 1): IQR/1.349 = \(iqr / 1.349), SD \(sd[h]) (seed 7)")
        }
    }

    /// The batch forecaster's own output with each model alone, on its own scale and on the log
    /// scale: quantiles asked for out of order come back in the order asked and increase with the
    /// probability level; intervals nest (95% around 80%) and hold the median.
    @Test("forecaster quantiles are ordered", arguments: 0..<specs.count)
    func forecasterQuantilesAreOrdered(index: Int) throws {
        let name = Self.specs[index].name
        let other = try YearlySeries(
            periods: Array(2010...2021), values: [9, 8.5, 9.4, 10.2, 9.9, 11, 11.8, 11.1, 12.5, 13, 12.6, 14])
        for combination in [[name], [name + "@log"]] {
            let c = try #require(Combination.named(combination))
            let batch = Forecaster.run(
                [("a", Self.series, .log), ("b", other, .log)],
                settings: ForecastSettings(horizon: 4, combination: c, threads: 1))
            let taus = [0.5, 0.025, 0.975, 0.1, 0.9, 0.25, 0.75]
            for r in batch.rows(levels: [80, 95], quantiles: taus) {
                let byLevel = zip(taus, r.quantiles).sorted { $0.0 < $1.0 }.map(\.1)
                #expect(
                    zip(byLevel, byLevel.dropFirst()).allSatisfy { $0 < $1 },
                    "\(combination) \(r.id) step \(r.step): \(byLevel)")
                let (lo80, hi80) = r.intervals[0], (lo95, hi95) = r.intervals[1]
                #expect(
                    lo95 < lo80 && lo80 < r.quantiles[0] && r.quantiles[0] < hi80 && hi80 < hi95,
                    "\(combination) \(r.id) step \(r.step)")
                #expect(r.mean.isFinite)
            }
        }
    }

    /// Model names: empty ones (`--models ' '`, `@`) trapped on `parts[0]` (a crash found by
    /// fuzzing the command line); they, a missing or doubled scale, and unknown names are nil.
    @Test func modelNamesParseOrAreRefused() {
        for bad in [
            [""], ["@"], ["@log"], ["drift@"], ["drift@@log"], ["drift@log@log"], ["drift@sqrt"], ["arima"], [],
        ] {
            #expect(Combination.named(bad) == nil, "\(bad)")
        }
        #expect(Combination.named(["drift", "theta@log"])?.members.count == 2)
    }
}
