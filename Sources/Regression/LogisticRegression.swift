import Foundation
import LinearAlgebra

/// A Gaussian prior on each coefficient of a logistic regression: mean and standard deviation
/// (`.infinity` for none, which gives the maximum-likelihood estimate of that coefficient).
public struct CoefficientPrior: Sendable, Equatable {
    public let mean: Double
    public let sd: Double
    public init(mean: Double = 0, sd: Double = .infinity) {
        (self.mean, self.sd) = (mean, sd)
    }
    public static let none = CoefficientPrior()
    var precision: Double { sd.isFinite ? 1 / (sd * sd) : 0 }
}

/// A fitted logistic regression `P(y = 1 | x) = 1 / (1 + exp(−x·β))`.
public struct LogisticFit: Sendable, Equatable {
    public let coefficients: [Double]
    /// `Σ y log p + (1 − y) log(1 − p)` at the estimate (without the prior).
    public let logLikelihood: Double
    public let iterations: Int
    public let observations: Int

    public init(coefficients: [Double], logLikelihood: Double = .nan, iterations: Int = 0, observations: Int = 0) {
        (self.coefficients, self.logLikelihood, self.iterations, self.observations) = (
            coefficients, logLikelihood, iterations, observations
        )
    }

    /// The fitted probability for one row of predictors (same order as the coefficients).
    public func probability(_ x: [Double]) -> Double {
        LogisticRegression.logistic(zip(x, coefficients).reduce(0) { $0 + $1.0 * $1.1 })
    }
}

/// Logistic regression by penalised maximum likelihood (the posterior mode under independent
/// Gaussian priors on the coefficients):
///
///     maximise  ℓ(β) − ½ Σⱼ (βⱼ − μⱼ)² / sⱼ²,   ℓ(β) = Σᵢ yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ),   pᵢ = 1/(1 + e^(−xᵢ·β))
///
/// by Newton–Raphson, which for the logistic link is iteratively reweighted least squares
/// (McCullagh & Nelder 1989, *Generalized Linear Models*, §4.4):
///
///     β ← β + (XᵀWX + S⁻¹)⁻¹ (Xᵀ(y − p) − S⁻¹(β − μ)),   W = diag(pᵢ(1 − pᵢ)),   S = diag(sⱼ²)
///
/// solved by Cholesky (LAPACK `dposv`), with step halving whenever the objective would fall.
/// Without priors it is the maximum-likelihood fit (R's `glm(family = binomial)`); a finite prior
/// keeps the estimate finite when the classes are separated, the weakly informative prior of
/// Gelman, Jakulin, Pittau & Su (2008), *Ann. Appl. Stat.* 2(4), here Gaussian. Outcomes may be
/// fractions in [0, 1] (binomial shares).
public enum LogisticRegression {
    /// 1/(1 + e^(−z)), without overflow for large |z|.
    @inlinable
    public static func logistic(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + Foundation.exp(-z)) : Foundation.exp(z) / (1 + Foundation.exp(z))
    }

    /// log(1 + e^z), without overflow.
    static func softplus(_ z: Double) -> Double {
        z > 0 ? z + Foundation.log1p(Foundation.exp(-z)) : Foundation.log1p(Foundation.exp(z))
    }

    /// Fits `y` on the rows of `x` (each row the predictors of one observation, the intercept
    /// included as a column of ones if wanted), with one prior per column.
    public static func fit(
        x: [[Double]], y: [Double], priors: [CoefficientPrior]? = nil, maxIterations: Int = 100
    ) throws(RegressionError) -> LogisticFit {
        let n = x.count
        guard n > 0 else { throw .noObservations }
        let p = x[0].count
        let priors = priors ?? Array(repeating: .none, count: p)
        guard priors.count == p else {
            throw .lengthMismatch(term: "prior", count: priors.count, expected: p)
        }
        for (i, row) in x.enumerated() {
            guard row.count == p else { throw .lengthMismatch(term: "row \(i + 1)", count: row.count, expected: p) }
            if let j = row.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(term: "x\(j + 1)", row: i) }
        }
        guard y.count == n else { throw .lengthMismatch(term: "response", count: y.count, expected: n) }
        if let i = y.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) { throw .nonFinite(term: "response", row: i) }
        let unpenalised = priors.filter { $0.precision == 0 }.count
        guard n >= unpenalised else { throw .tooFewObservations(observations: n, parameters: unpenalised) }

        func objective(_ b: [Double]) -> Double {
            var ll = 0.0
            for i in 0..<n {
                let z = zip(x[i], b).reduce(0) { $0 + $1.0 * $1.1 }
                // y log p + (1 − y) log(1 − p) = y·z − log(1 + e^z)
                ll += y[i] * z - softplus(z)
            }
            return ll
        }
        func penalty(_ b: [Double]) -> Double {
            zip(b, priors).reduce(0) { $0 + 0.5 * $1.1.precision * ($1.0 - $1.1.mean) * ($1.0 - $1.1.mean) }
        }
        // Start at the prior means (0 where there is no prior).
        var beta = priors.map { $0.precision > 0 ? $0.mean : 0 }
        var value = objective(beta) - penalty(beta)
        for iteration in 1...maxIterations {
            var gradient = [Double](repeating: 0, count: p)
            var h = [Double](repeating: 0, count: p * p)
            for i in 0..<n {
                let z = zip(x[i], beta).reduce(0) { $0 + $1.0 * $1.1 }
                let pi = logistic(z), w = pi * (1 - pi)
                for j in 0..<p {
                    gradient[j] += x[i][j] * (y[i] - pi)
                    for k in 0...j { h[j * p + k] += w * x[i][j] * x[i][k] }
                }
            }
            for j in 0..<p {
                gradient[j] -= priors[j].precision * (beta[j] - priors[j].mean)
                h[j * p + j] += priors[j].precision
                for k in 0..<j { h[k * p + j] = h[j * p + k] }
            }
            let step: [Double]
            do {
                step = try Matrix(rows: p, columns: p, columnMajor: h).solvePositiveDefinite(gradient)
            } catch {
                // XᵀWX singular. At the start every weight is positive, so the predictors are
                // linearly dependent; later, the weights have underflowed because the fitted
                // probabilities went to 0 or 1: separation.
                if iteration > 1 { throw .separated }
                throw .rankDeficient(rank: p - 1, parameters: p, term: "a predictor without a prior")
            }
            var t = 1.0, next = beta, nextValue = -Double.infinity
            while t > 1e-8 {
                next = zip(beta, step).map { $0 + t * $1 }
                nextValue = objective(next) - penalty(next)
                if nextValue >= value - 1e-12 * abs(value) { break }
                t /= 2
            }
            let change = zip(next, beta).map { abs($0 - $1) }.max() ?? 0
            beta = next
            value = nextValue
            // Newton converges quadratically unless the classes are separated, when a coefficient
            // without a prior keeps growing by about one a step (and the likelihood creeps to 1).
            if change < 1e-10 * max(1, beta.map(abs).max() ?? 0) {
                return LogisticFit(
                    coefficients: beta, logLikelihood: objective(beta), iterations: iteration, observations: n)
            }
            if beta.contains(where: { abs($0) > 1e6 }) { break }
        }
        // Diverging coefficients: the classes are separated and some coefficient has no prior.
        throw .separated
    }
}
