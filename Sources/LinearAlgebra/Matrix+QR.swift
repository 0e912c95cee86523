import CLAPACKE

/// A QR factorisation with column pivoting, `A·P = Q·R`, from LAPACK `dgeqp3`.
///
/// Column pivoting puts the columns in order of decreasing remaining norm, so the numerical
/// rank is the number of diagonal entries of `R` with `|r_kk| > tol · |r_11|`
/// (Golub & Van Loan, *Matrix Computations*, 4th ed., §5.4.2). `Q` is kept in LAPACK's
/// compact Householder form and applied with `dormqr`.
public struct PivotedQR: Sendable {
    /// Rows and columns of the factored matrix.
    public let rows: Int
    public let columns: Int
    /// `permutation[k]` is the original (0-based) column in position `k` of `A·P`.
    public let permutation: [Int]
    /// The numerical rank under `tolerance`.
    public let rank: Int
    /// The relative tolerance used for the rank: `|r_kk| ≤ tolerance · |r_11|` counts as zero.
    public let tolerance: Double
    /// `R`'s diagonal, in pivoted order.
    let rDiagonal: [Double]

    let factors: [Double]
    let tau: [Double]

    init(matrix: Matrix, tolerance: Double?) throws(LinearAlgebraError) {
        try matrix.requireNonEmpty("QR factorisation needs a matrix with rows and columns")
        try matrix.requireFinite()
        _ = BLASThreads.configured
        let m = matrix.rows, n = matrix.columns
        var a = matrix.storage
        var jpvt = [Int32](repeating: 0, count: n)
        var tau = [Double](repeating: 0, count: min(m, n))
        let info = LAPACKE_dgeqp3(
            LAPACK_COL_MAJOR, Int32(m), Int32(n), &a, Int32(m), &jpvt, &tau)
        guard info == 0 else { throw .noConvergence("dgeqp3 returned \(info)") }
        let diag = (0..<min(m, n)).map { a[$0 + $0 * m] }
        let tol = tolerance ?? (Double(max(m, n)) * Double.ulpOfOne)
        let r11 = abs(diag.first ?? 0)
        let rank = r11 == 0 ? 0 : diag.prefix { abs($0) > tol * r11 }.count
        self.rows = m
        self.columns = n
        self.permutation = jpvt.map { Int($0) - 1 }
        self.rank = rank
        self.tolerance = tol
        self.rDiagonal = diag
        self.factors = a
        self.tau = tau
    }

    /// Throws `.rankDeficient` naming the first dependent column unless the rank is full.
    func requireFullColumnRank() throws(LinearAlgebraError) {
        guard rows >= columns else { throw .underdetermined(rows: rows, columns: columns) }
        guard rank == columns else {
            throw .rankDeficient(rank: rank, columns: columns, column: permutation[rank])
        }
    }

    /// `Qᵀ·v` for a vector of length `rows`.
    public func applyQTransposed(_ v: [Double]) -> [Double] { applyQ(v, transpose: true) }

    /// `Q·v` for a vector of length `rows`.
    public func applyQ(_ v: [Double]) -> [Double] { applyQ(v, transpose: false) }

    private func applyQ(_ v: [Double], transpose: Bool) -> [Double] {
        precondition(v.count == rows, "vector length \(v.count) ≠ \(rows) rows")
        var c = v
        var a = factors
        var t = tau
        let info = LAPACKE_dormqr(
            LAPACK_COL_MAJOR, lapackChar("L"), lapackChar(transpose ? "T" : "N"),
            Int32(rows), 1, Int32(tau.count), &a, Int32(rows), &t, &c, Int32(rows))
        precondition(info == 0, "dormqr: illegal argument \(-info)")
        return c
    }

    /// Solves `R·z = v` (or `Rᵀ·z = v`) with the leading `columns × columns` block of `R`,
    /// in pivoted order. Needs full column rank.
    public func solveR(_ v: [Double], transposed: Bool = false) throws(LinearAlgebraError) -> [Double] {
        try requireFullColumnRank()
        precondition(v.count == columns, "vector length \(v.count) ≠ \(columns) columns")
        var b = v
        var a = factors
        let info = LAPACKE_dtrtrs(
            LAPACK_COL_MAJOR, lapackChar("U"), lapackChar(transposed ? "T" : "N"), lapackChar("N"),
            Int32(columns), 1, &a, Int32(rows), &b, Int32(columns))
        guard info == 0 else {
            throw .rankDeficient(rank: Int(info) - 1, columns: columns, column: permutation[Int(info) - 1])
        }
        return b
    }

    /// The least-squares solution of `A·x ≈ b` in the original column order.
    ///
    /// `x = P · R⁻¹ · (Qᵀb)[0..<n]`. Needs full column rank.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == rows else {
            throw .dimensionMismatch("right-hand side has \(b.count) elements, matrix has \(rows) rows")
        }
        let qtb = applyQTransposed(b)
        let z = try solveR(Array(qtb.prefix(columns)))
        return unpermute(z)
    }

    /// Puts a vector in pivoted order back into the original column order.
    public func unpermute(_ z: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: columns)
        for (k, j) in permutation.enumerated() { x[j] = z[k] }
        return x
    }

    /// Puts a vector in original column order into pivoted order.
    public func permute(_ x: [Double]) -> [Double] {
        permutation.map { x[$0] }
    }
}

extension Matrix {
    /// QR with column pivoting (`dgeqp3`); `tolerance` is the relative rank tolerance
    /// (default `max(m, n) · ε`).
    public func pivotedQR(tolerance: Double? = nil) throws(LinearAlgebraError) -> PivotedQR {
        try PivotedQR(matrix: self, tolerance: tolerance)
    }

    /// The least-squares solution of `self · x ≈ b` through pivoted QR.
    ///
    /// Throws `.rankDeficient` (with the rank and the first dependent column) rather than
    /// return a solution that depends on rounding.
    func leastSquares(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        for (i, v) in b.enumerated() where !v.isFinite {
            throw .nonFinite(row: i, column: 0, value: v)
        }
        let qr = try pivotedQR()
        return try qr.solve(b)
    }
}
