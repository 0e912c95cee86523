import LinearAlgebra

/// The result of an ordinary least-squares fit.
public struct OLSResult: Sendable {
    public let terms: [Term]
    public let estimates: [Double]
    /// `σ̂ · sqrt(((XᵀX)⁻¹)_jj)`.
    public let standardErrors: [Double]
    /// `σ̂ = sqrt(RSS / (n − p))`.
    public let residualSD: Double
    /// `1 − RSS/TSS`; TSS is centred with an intercept and uncentred (`Σy²`) without one.
    public let rSquared: Double
    let rSquaredIsUncentred: Bool
    public let residuals: [Double]
    public let observations: Int
    public let rank: Int
    /// 2-norm condition number of the column-scaled design.
    public let conditionNumber: Double

    public var degreesOfFreedom: Int { observations - terms.count }
}

/// Ordinary least squares `y = Xβ + ε`, accurate on ill-conditioned designs.
///
/// Method: columns scaled by powers of two, LAPACK pivoted QR (`dgeqp3`) for the rank and as
/// the solver, then iterative refinement of the augmented system with double-double residuals
/// (see `RefinedLeastSquares`) both for `β̂` and for the diagonal of `(XᵀX)⁻¹`. Verified
/// against all eleven NIST StRD linear-regression data sets (Tests/RegressionTests), where every
/// certified value is reproduced to a log relative error of at least 13.
public func ordinaryLeastSquares(y: [Double], design: Design) throws(RegressionError) -> OLSResult {
    let n = y.count
    let p = design.parameterCount
    guard n > 0 else { throw .noObservations }
    guard design.rows == n else {
        throw .lengthMismatch(term: design.terms.first?.description ?? "design", count: design.rows, expected: n)
    }
    if let i = y.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(term: "response", row: i) }
    for (j, col) in design.columns.enumerated() {
        if let i = col.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(term: design.terms[j].description, row: i)
        }
    }
    guard n > p else { throw .tooFewObservations(observations: n, parameters: p) }

    let solver = try RefinedLeastSquares(design: design)
    // The response on a power-of-two scale near 1 (exact), so that squares of 1e200 do not
    // overflow; estimates, standard errors and σ are scaled back at the end.
    let largestY = y.reduce(0.0) { max($0, abs($1)) }
    let yScale = largestY > 0 ? Double(sign: .plus, exponent: largestY.exponent, significand: 1) : 1
    let yy = y.map { DoubleDouble($0 / yScale) }
    let zeroP = [DoubleDouble](repeating: .zero, count: p)
    let (r, x) = try solver.solve(b: yy, c: zeroP)

    var rss = DoubleDouble.zero
    for ri in r { rss += ri * ri }
    let hasIntercept = design.terms.contains(.intercept)
    var tss = DoubleDouble.zero
    if hasIntercept {
        var sum = DoubleDouble.zero
        for v in yy { sum += v }
        let mean = sum / DoubleDouble(Double(n))
        for v in yy { let d = v - mean; tss += d * d }
    } else {
        for v in yy { tss += v * v }
    }
    let sigma2 = rss / DoubleDouble(Double(n - p))
    let sigma = sigma2.squareRoot()

    let zeroN = [DoubleDouble](repeating: .zero, count: n)
    var standardErrors = [Double]()
    for j in 0..<p {
        var c = zeroP
        c[j] = DoubleDouble(1)
        let (_, col) = try solver.solve(b: zeroN, c: c)
        let v = -col[j]  // ((AsᵀAs)⁻¹)_jj in scaled units
        let se = (sigma2 * v).squareRoot().double / solver.scale[j] * yScale
        standardErrors.append(se)
    }
    let estimates = (0..<p).map { (x[$0] * (1 / solver.scale[$0])).double * yScale }
    let rSquared = tss.hi == 0 ? Double.nan : (DoubleDouble(1) - rss / tss).double
    return OLSResult(
        terms: design.terms, estimates: estimates, standardErrors: standardErrors,
        residualSD: sigma.double * yScale, rSquared: rSquared, rSquaredIsUncentred: !hasIntercept,
        residuals: r.map { $0.double * yScale }, observations: n, rank: solver.qr.rank,
        conditionNumber: solver.conditionNumber)
}
