/// What went wrong in a linear-algebra routine, in words a user can act on.
///
/// LAPACK reports failures through an integer `info`; these cases translate it.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operands' shapes do not fit together.
    case dimensionMismatch(String)
    /// The matrix has no rows or no columns.
    case empty(String)
    /// An element is NaN or ±∞ (0-based row and column).
    case nonFinite(row: Int, column: Int, value: Double)
    /// The routine needs a square matrix.
    case notSquare(rows: Int, columns: Int)
    /// The matrix is not symmetric: the first element below the diagonal, column by column
    /// (0-based), that differs from its mirror by more than the tolerance.
    case notSymmetric(row: Int, column: Int)
    /// Cholesky failed: the leading minor of this order (1-based) is not positive definite.
    case notPositiveDefinite(minor: Int)
    /// A design or system has numerical rank `rank` < `columns`; `column` (0-based) is the
    /// first column that is (numerically) a combination of the others.
    case rankDeficient(rank: Int, columns: Int, column: Int)
    /// More unknowns than equations where a full-rank tall system is required.
    case underdetermined(rows: Int, columns: Int)
    /// An iterative LAPACK routine did not converge.
    case noConvergence(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .empty(let s): return "empty input: \(s)"
        case .nonFinite(let i, let j, let v):
            return "non-finite value \(v) at row \(i + 1), column \(j + 1)"
        case .notSquare(let r, let c): return "matrix is \(r)×\(c), a square matrix is needed"
        case .notSymmetric(let i, let j):
            return "matrix is not symmetric (first at row \(i + 1), column \(j + 1))"
        case .notPositiveDefinite(let k):
            return "matrix is not positive definite: the leading minor of order \(k) is not positive"
        case .rankDeficient(let rank, let cols, let col):
            return
                "rank deficient: numerical rank \(rank) of \(cols) columns; column \(col + 1) is a linear combination of the others"
        case .underdetermined(let r, let c):
            return "more columns (\(c)) than rows (\(r)): the system is underdetermined"
        case .noConvergence(let s): return "no convergence: \(s)"
        }
    }
}
