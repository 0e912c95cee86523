import Foundation
import Testing

@testable import Regression

/// `LogisticRegression` against statsmodels and SciPy (Fixtures/logistic/reference.py prints the
/// values below from the data it writes to data.csv).
struct LogisticRegressionTests {
    static func data() throws -> (x: [[Double]], y: [Double]) {
        let url = Bundle.module.url(forResource: "Fixtures/logistic/data.csv", withExtension: nil)!
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        var x = [[Double]](), y = [Double]()
        for line in lines {
            let f = line.split(separator: ",").map { Double($0)! }
            x.append([1, f[0], f[1], f[2]])
            y.append(f[3])
        }
        return (x, y)
    }

    static func close(_ a: [Double], _ b: [Double], _ tol: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
    }

    @Test func maximumLikelihoodMatchesStatsmodels() throws {
        let (x, y) = try Self.data()
        let fit = try LogisticRegression.fit(x: x, y: y)
        // statsmodels 0.15 Logit(y, X).fit(method="newton", tol=1e-14)
        let reference = [1.7527068821825125, 0.6517840790381978, 0.639524023617824, -0.8947614404329638]
        #expect(Self.close(fit.coefficients, reference, 1e-9), "\(fit.coefficients)")
        #expect(abs(fit.logLikelihood - -18.34417518520238) < 1e-9)
    }

    @Test func priorGivesThePosteriorModeScipyFinds() throws {
        let (x, y) = try Self.data()
        let priors = [
            CoefficientPrior(mean: 0, sd: 1.5), CoefficientPrior(mean: 1, sd: 1), CoefficientPrior(mean: 0, sd: 1),
            CoefficientPrior(mean: 0, sd: 1),
        ]
        let fit = try LogisticRegression.fit(x: x, y: y, priors: priors)
        // scipy.optimize.minimize(BFGS, gtol=1e-12) on −ℓ(β) + ½ Σ (βⱼ − μⱼ)²/sⱼ²
        let reference = [1.2754470389875254, 0.6444446546507111, 0.38240966798222126, -0.2504430648389743]
        #expect(Self.close(fit.coefficients, reference, 1e-7), "\(fit.coefficients)")
    }

    @Test func separatedClassesNeedAPrior() throws {
        let x: [[Double]] = [[1, -2], [1, -1], [1, 1], [1, 2]]
        let y: [Double] = [0, 0, 1, 1]
        #expect(throws: RegressionError.separated) { try LogisticRegression.fit(x: x, y: y) }
        let fit = try LogisticRegression.fit(
            x: x, y: y, priors: [CoefficientPrior(mean: 0, sd: 2.5), CoefficientPrior(mean: 0, sd: 2.5)])
        #expect(Self.close(fit.coefficients, [-8.471468179241033e-09, 1.9812769190122999], 1e-7))
    }

    /// A prior far from six observations (means −1 and −2, sd 1): Newton's first step from the
    /// prior means overshoots and the second moves back towards them, lowering the penalty by
    /// more than it raises ℓ. The posterior mode is SciPy's (reference.py, "far prior") and
    /// solves the score equations Xᵀ(y − p) = S⁻¹(β − μ). (Mutant of round 167: the step-halving
    /// test added the penalty instead of subtracting it, halved every later step to nothing and
    /// called the classes separated.)
    @Test func aPriorFarFromTheDataIsReachedThroughAStepBack() throws {
        let xs: [Double] = [2, -3, 2, 0, 0, 1]
        let x = xs.map { [1, $0] }
        let y: [Double] = [1, 1, 1, 1, 1, 0]
        let mean = [-1.0, -2.0]
        let fit = try LogisticRegression.fit(
            x: x, y: y, priors: mean.map { CoefficientPrior(mean: $0, sd: 1) })
        #expect(Self.close(fit.coefficients, [0.5430543273234117, -0.47702695749288865], 1e-7), "\(fit.coefficients)")
        var score = zip(fit.coefficients, mean).map { -($0 - $1) }
        for (row, yi) in zip(x, y) {
            let pi = fit.probability(row)
            for j in 0..<2 { score[j] += row[j] * (yi - pi) }
        }
        #expect(score.allSatisfy { abs($0) < 1e-9 }, "\(score)")
    }

    /// Two identical predictors without priors: XᵀWX is singular at the start, where every weight
    /// is positive, so the design is rank deficient (not separated); a prior on one resolves it.
    @Test func duplicatePredictorsAreRankDeficientNotSeparated() throws {
        let x: [[Double]] = [[1, 1, 1], [1, 2, 2], [1, 3, 3], [1, 4, 4], [1, 5, 5]]
        let y: [Double] = [0, 1, 0, 1, 1]
        #expect(throws: RegressionError.rankDeficient(rank: 2, parameters: 3, term: "a predictor without a prior")) {
            try LogisticRegression.fit(x: x, y: y)
        }
        let priors = [
            CoefficientPrior(mean: 0, sd: 10), CoefficientPrior(mean: 0, sd: 10), CoefficientPrior(mean: 0, sd: 1),
        ]
        let fit = try LogisticRegression.fit(x: x, y: y, priors: priors)
        #expect(fit.coefficients.allSatisfy { $0.isFinite })
    }

    /// One binary predictor: the maximum-likelihood fit reproduces each group's log odds.
    @Test func binaryPredictorGivesGroupLogOdds() throws {
        // Group 0: 3 of 10 met; group 1: 8 of 10 met.
        let x = (0..<20).map { [1.0, $0 < 10 ? 0 : 1] }
        let y = (0..<20).map { i -> Double in i < 10 ? (i < 3 ? 1 : 0) : (i < 18 ? 1 : 0) }
        let fit = try LogisticRegression.fit(x: x, y: y)
        #expect(abs(fit.coefficients[0] - log(3.0 / 7)) < 1e-10)
        #expect(abs(fit.coefficients[1] - (log(8.0 / 2) - log(3.0 / 7))) < 1e-10)
        #expect(abs(fit.probability([1, 1]) - 0.8) < 1e-10)
    }

    @Test func badInputIsNamed() {
        #expect(throws: RegressionError.noObservations) { try LogisticRegression.fit(x: [], y: []) }
        #expect(throws: RegressionError.nonFinite(term: "x2", row: 1)) {
            try LogisticRegression.fit(x: [[1, 0], [1, .nan]], y: [0, 1])
        }
        #expect(throws: RegressionError.nonFinite(term: "response", row: 0)) {
            try LogisticRegression.fit(x: [[1, 0], [1, 1]], y: [2, 1])
        }
        // Two copies of the intercept: dependent predictors, said before any step is taken.
        #expect(throws: RegressionError.self) {
            try LogisticRegression.fit(x: [[1, 1], [1, 1], [1, 1]], y: [0, 1, 1])
        }
    }
}
