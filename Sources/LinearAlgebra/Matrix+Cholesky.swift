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

    /// The inverse of a symmetric positive definite matrix (`dpotrf` then `dpotri`).
    func inverseSPD() throws(LinearAlgebraError) -> Matrix {
        let l = try choleskyLower()
        var a = l.storage
        let n = rows
        let info = LAPACKE_dpotri(LAPACK_COL_MAJOR, lapackChar("L"), Int32(n), &a, Int32(n))
        guard info == 0 else { throw .notPositiveDefinite(minor: Int(info)) }
        for j in 0..<n { for i in 0..<j { a[i + j * n] = a[j + i * n] } }
        return Matrix(unchecked: n, n, a)
    }

    init(unchecked rows: Int, _ columns: Int, _ storage: [Double]) {
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }
}
