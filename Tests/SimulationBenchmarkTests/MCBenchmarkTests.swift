import Foundation
import Testing

@testable import SimulationBenchmark

struct MCBenchmarkTests {
    @Test func sameResultsWithOneOrTwoThreads() throws {
        let bench = try MCBenchmark(indicators: 6, years: 3)
        let a = bench.run(paths: 20_000, seed: 5, threads: 1, blockSize: 1024)
        let b = bench.run(paths: 20_000, seed: 5, threads: 2, blockSize: 1024)
        #expect(a.mean == b.mean && a.p50 == b.p50 && a.pHit == b.pHit)
    }

    /// A log-scale series with drift μ ~ N(0.05, 0.015²) and σ = 0.04: log value after h years is
    /// normal with mean base + 0.05h and variance (0.015h)² + 0.04²h, so its median is
    /// exp(base + 0.05h) in closed form. Checked within 3 standard errors of a sample median.
    @Test func medianMatchesClosedForm() throws {
        let bench = try MCBenchmark(indicators: 1, years: 4)
        let n = 200_000
        let r = bench.run(paths: n, seed: 9, threads: 2)
        for h in 1...4 {
            let sd = ((0.015 * Double(h)) * (0.015 * Double(h)) + 0.0016 * Double(h)).squareRoot()
            let median = exp(log(1000.0) + 0.05 * Double(h))
            // SE of the sample median ≈ √(π/2)·σ/√n on the log scale.
            let se = median * (Double.pi / 2).squareRoot() * sd / Double(n).squareRoot()
            #expect(abs(r.p50[h - 1] - median) < 3 * se + r.quantileErrorBound, "h = \(h) (seed 9)")
        }
    }
}

/// Every kind of series (log, logit, level) against its closed form: the transformed value after
/// h years is normal, mean base + h·drift and variance (h·driftSD)² + h·σ² (the correlated
/// innovations have unit variance: the correlation matrix is normalised), so each quantile is
/// the back-transformed normal quantile and P(≥ target) = 1 − Φ((T⁻¹(target) − m)/s). The
/// SimulationBenchmark module's first mutation round (seed 53) found the logit back-transform,
/// the p95 level and the pilot's cells (which fix the histograms' ranges; with one series their
/// index could not be wrong) untested.
struct MCBenchmarkClosedFormTests {
    @Test func quantilesAndHitRatesOfEveryKind() throws {
        let bench = try MCBenchmark(indicators: 3, years: 3)
        let n = 200_000
        let r = bench.run(paths: n, seed: 11, threads: 2, blockSize: 4096)
        let phi = { (x: Double) in exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
        let cdf = { (x: Double) in 0.5 * erfc(-x / 2.0.squareRoot()) }
        // Back-transforms and their inverses by kind: log, logit (a percentage), level.
        let inverse: [(Double) -> Double] = [{ log($0) }, { log($0 / (100 - $0)) }, { $0 }]
        let base = [log(1000.0), log(0.4 / 0.6), 52.0], drift = [0.05, 0.05, 1.0], sigma = [0.04, 0.04, 2.0]
        let target = [1000.0 * 1.2, 45, 55]
        for h in 1...3 {
            for k in 0..<3 {
                let c = (h - 1) * 3 + k
                let m = base[k] + Double(h) * drift[k]
                let s = ((0.3 * drift[k] * Double(h)) * (0.3 * drift[k] * Double(h)) + sigma[k] * sigma[k] * Double(h))
                    .squareRoot()
                for (q, z, got) in [
                    (0.05, -1.6448536269514722, r.p05[c]), (0.5, 0, r.p50[c]), (0.95, 1.6448536269514722, r.p95[c]),
                ] {
                    // On the transformed scale: the sample quantile's standard error, plus the
                    // histogram's bin width carried through the inverse transform.
                    let latent = inverse[k](got)
                    let bin = abs(inverse[k](got + r.quantileErrorBound) - latent)
                    let se = (q * (1 - q) / Double(n)).squareRoot() / phi(z) * s
                    #expect(abs(latent - (m + z * s)) < 4 * se + bin, "kind \(k), year \(h), q\(q): \(got) (seed 11)")
                }
                let p = 1 - cdf((inverse[k](target[k]) - m) / s)
                #expect(
                    abs(r.pHit[c] - p) < 4 * (p * (1 - p) / Double(n)).squareRoot() + 1e-9,
                    "kind \(k), year \(h): P(hit)")
            }
        }
    }
}

/// Flows and block edges against closed forms. A flow (every 4th series: the 4th is log-scale)
/// is the running sum of its yearly values, E[Σⱼ₌₁ʰ e^{Lⱼ}] = Σⱼ exp(mⱼ + sⱼ²/2), with
/// Lⱼ ~ N(log 1300 + 0.05j, (0.015j)² + 0.04²j) and Var = Σᵢⱼ E e^{Lᵢ} E e^{Lⱼ}(e^{Cov(Lᵢ,Lⱼ)} − 1),
/// Cov(Lᵢ, Lⱼ) = ij·0.015² + min(i, j)·0.04². (Mutation round 209: a flow's sum written to
/// another series' slots, never summed, passed every test: no test had four series.)
struct MCBenchmarkFlowTests {
    @Test func aFlowIsTheRunningSumOfItsYears() throws {
        let bench = try MCBenchmark(indicators: 4, years: 3)
        let n = 200_000
        let r = bench.run(paths: n, seed: 13, threads: 2)
        let base = log(1300.0)
        func m(_ j: Int) -> Double { base + 0.05 * Double(j) }
        func cov(_ i: Int, _ j: Int) -> Double { Double(i * j) * 0.015 * 0.015 + Double(min(i, j)) * 0.0016 }
        func mean(_ j: Int) -> Double { exp(m(j) + cov(j, j) / 2) }
        for h in 1...3 {
            let expected = (1...h).reduce(0) { $0 + mean($1) }
            var variance = 0.0
            for i in 1...h { for j in 1...h { variance += mean(i) * mean(j) * (exp(cov(i, j)) - 1) } }
            let se = (variance / Double(n)).squareRoot()
            let got = r.mean[(h - 1) * 4 + 3]
            #expect(abs(got - expected) < 4 * se, "year \(h): \(got) against \(expected) ± \(se) (seed 13)")
        }
    }

    /// Paths one short of whole blocks (2,047 in blocks of 1,024): two blocks, the second of
    /// 1,023 paths, not a third of −1 (round 209's `+ blockSize + 1`). A level series after one
    /// year is N(52 + 1, 0.3² + 2²): its mean within 4 standard errors of 53.
    @Test func pathsOneShortOfWholeBlocks() throws {
        let bench = try MCBenchmark(indicators: 3, years: 1)
        let r = bench.run(paths: 2047, seed: 3, threads: 1, blockSize: 1024)
        let se = (0.09 + 4.0).squareRoot() / 2047.0.squareRoot()
        #expect(abs(r.mean[2] - 53) < 4 * se, "\(r.mean[2])")
    }
}
