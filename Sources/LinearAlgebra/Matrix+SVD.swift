import CLAPACKE

extension Matrix {
    /// Singular values in decreasing order, from LAPACK `dgesdd` (values only).
    func singularValues() throws(LinearAlgebraError) -> [Double] {
        try requireNonEmpty("singular values need a matrix with rows and columns")
        try requireFinite()
        _ = BLASThreads.configured
        var a = storage
        var s = [Double](repeating: 0, count: min(rows, columns))
        var u = [Double](repeating: 0, count: 1)
        var vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(
            LAPACK_COL_MAJOR, lapackChar("N"), Int32(rows), Int32(columns), &a, Int32(rows),
            &s, &u, 1, &vt, 1)
        guard info == 0 else { throw .noConvergence("dgesdd did not converge (info \(info))") }
        return s
    }

    /// The 2-norm condition number `σ_max / σ_min` (∞ when `σ_min = 0`).
    public func conditionNumber() throws(LinearAlgebraError) -> Double {
        let s = try singularValues()
        guard let hi = s.first, let lo = s.last else { return .infinity }
        return lo == 0 ? .infinity : hi / lo
    }
}
