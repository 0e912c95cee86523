import CLAPACKE

/// LAPACK character arguments as LAPACKE expects them.
@usableFromInline
func lapackChar(_ c: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: c)) }

/// Throws if `matrix` is not square.
func requireSquare(_ matrix: Matrix) throws(LinearAlgebraError) {
    guard matrix.isSquare else { throw .notSquare(rows: matrix.rows, columns: matrix.columns) }
}

/// Throws unless `matrix` is symmetric within a relative tolerance `tolerance · max|a_ij|`.
func requireSymmetric(_ matrix: Matrix, tolerance: Double = 1e-10) throws(LinearAlgebraError) {
    try requireSquare(matrix)
    let n = matrix.rows
    let scale = matrix.storage.reduce(0) { max($0, abs($1)) }
    for j in 0..<n {
        for i in (j + 1)..<max(j + 1, n) where abs(matrix[i, j] - matrix[j, i]) > tolerance * scale {
            throw .notSymmetric(row: i, column: j)
        }
    }
}
