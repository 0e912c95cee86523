import CLAPACKE

extension Matrix {
    /// The lower Cholesky factor `L` with `A = L·Lᵀ`, from LAPACK `dpotrf`.
    ///
    /// Throws `.notPositiveDefinite(minor: k)` when the leading minor of order `k` is not
    /// positive definite (LAPACK's `info = k`).
    public func choleskyLower() throws(LinearAlgebraError) -> Matrix {
        try requireNonEmpty("Cholesky needs a non-empty matrix")
        try requireFinite()
        try requireSymmetric(self)
        _ = BLASThreads.configured
        var a = storage
        let n = rows
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, lapackChar("L"), Int32(n), &a, Int32(n))
        guard info == 0 else {
            throw info > 0 ? .notPositiveDefinite(minor: Int(info)) : .noConvergence("dpotrf argument \(-info)")
        }
        for j in 1..<max(1, n) { for i in 0..<j { a[i + j * n] = 0 } }
        return Matrix(unchecked: n, n, a)
    }

    init(unchecked rows: Int, _ columns: Int, _ storage: [Double]) {
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }
}

extension Matrix {
    /// The solution `x` of `A·x = b` for a symmetric positive definite `A` (LAPACK `dposv`:
    /// Cholesky factorisation, then two triangular solves).
    ///
    /// Throws `.notPositiveDefinite(minor: k)` as `choleskyLower()` does.
    public func solvePositiveDefinite(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try requireNonEmpty("a linear solve needs a non-empty matrix")
        try requireFinite()
        try requireSymmetric(self)
        guard b.count == rows else {
            throw .dimensionMismatch("right-hand side has \(b.count) rows, the matrix \(rows)")
        }
        if let i = b.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(row: i, column: 0, value: b[i]) }
        _ = BLASThreads.configured
        var a = storage, x = b
        let n = Int32(rows)
        let info = LAPACKE_dposv(LAPACK_COL_MAJOR, lapackChar("L"), n, 1, &a, n, &x, n)
        guard info == 0 else {
            throw info > 0 ? .notPositiveDefinite(minor: Int(info)) : .noConvergence("dposv argument \(-info)")
        }
        return x
    }
}
