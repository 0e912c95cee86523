import CLAPACKE

/// Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix.
public struct SymmetricEigen: Sendable {
    public let values: [Double]
    let vectors: Matrix

    /// `V · diag(f(λ)) · Vᵀ`: the matrix with the same eigenvectors and transformed eigenvalues.
    func reconstruct(mapping f: (Double) -> Double = { $0 }) -> Matrix {
        let n = values.count
        var scaled = vectors
        for j in 0..<n {
            let w = f(values[j])
            for i in 0..<n { scaled[i, j] *= w }
        }
        return (try? Matrix.product(scaled, transposed: false, vectors, transposed: true)) ?? scaled
    }
}

extension Matrix {
    /// Eigen-decomposition of a symmetric matrix by LAPACK `dsyevd` (divide and conquer).
    func symmetricEigen() throws(LinearAlgebraError) -> SymmetricEigen {
        try requireNonEmpty("eigen-decomposition needs a non-empty matrix")
        try requireFinite()
        try requireSymmetric(self)
        _ = BLASThreads.configured
        var a = storage
        let n = rows
        var w = [Double](repeating: 0, count: n)
        let info = LAPACKE_dsyevd(
            LAPACK_COL_MAJOR, lapackChar("V"), lapackChar("L"), Int32(n), &a, Int32(n), &w)
        guard info == 0 else { throw .noConvergence("dsyevd failed to converge (info \(info))") }
        return SymmetricEigen(values: w, vectors: Matrix(unchecked: n, n, a))
    }
}
