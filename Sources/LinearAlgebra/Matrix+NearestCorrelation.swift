extension Matrix {
    /// The nearest correlation matrix (unit diagonal, positive semidefinite) in the Frobenius
    /// norm, by Higham's alternating projections with Dykstra's correction.
    ///
    /// Reference: N. J. Higham, "Computing the nearest correlation matrix — a problem from
    /// finance", IMA J. Numer. Anal. 22 (2002) 329–343, Algorithm 3.3 with W = I.
    /// Iterates `R = Y − ΔS; X = P_S(R); ΔS = X − R; Y = P_U(X)` until successive iterates
    /// differ by less than `tolerance` (relative, Frobenius). `minimumEigenvalue > 0` then lifts
    /// the spectrum so that the result is strictly positive definite (Cholesky-ready) and
    /// rescales to a unit diagonal.
    public func nearestCorrelation(
        tolerance: Double = 1e-12, maxIterations: Int = 500, minimumEigenvalue: Double = 1e-10
    ) throws(LinearAlgebraError) -> Matrix {
        try requireNonEmpty("nearest correlation needs a non-empty matrix")
        try requireFinite()
        try requireSymmetric(self)
        let n = rows
        let y = try alternatingProjections(tolerance: tolerance, maxIterations: maxIterations).matrix
        // Lift tiny or negative eigenvalues so a Cholesky factor exists, then rescale.
        var result = try y.symmetricEigen().reconstruct { max($0, minimumEigenvalue) }
        let d = (0..<n).map { result[$0, $0].squareRoot() }
        for j in 0..<n {
            for i in 0..<n { result[i, j] /= d[i] * d[j] }
        }
        for j in 0..<n {
            for i in 0..<j { let v = 0.5 * (result[i, j] + result[j, i]); result[i, j] = v; result[j, i] = v }
        }
        return result
    }

    /// Higham's iteration itself (the loop of `nearestCorrelation`): the last iterate Y and how
    /// many iterations it took, at most `maxIterations`; it stops at the first k with
    /// ‖Y_k − Y_{k−1}‖_F ≤ tolerance · max(1, ‖Y_k‖_F).
    func alternatingProjections(tolerance: Double, maxIterations: Int) throws(LinearAlgebraError)
        -> (matrix: Matrix, iterations: Int)
    {
        let n = rows
        var y = self
        var ds = Matrix(rows: n, columns: n)
        for iteration in 1...max(1, maxIterations) {
            var r = y
            for k in 0..<r.storage.count { r.storage[k] -= ds.storage[k] }
            let x = try r.symmetricEigen().reconstruct { max($0, 0) }
            for k in 0..<ds.storage.count { ds.storage[k] = x.storage[k] - r.storage[k] }
            var next = x
            for i in 0..<n { next[i, i] = 1 }
            var diff = 0.0, norm = 0.0
            for k in 0..<next.storage.count {
                diff += (next.storage[k] - y.storage[k]) * (next.storage[k] - y.storage[k])
                norm += next.storage[k] * next.storage[k]
            }
            y = next
            if diff.squareRoot() <= tolerance * max(1, norm.squareRoot()) { return (y, iteration) }
        }
        return (y, max(1, maxIterations))
    }
}
