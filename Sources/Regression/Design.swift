import LinearAlgebra

/// A regression design matrix held in double-double precision, column by column.
///
/// Powers are formed in double-double so that `x^10` carries no rounding error of its own:
/// on NIST's Filip data a rounded `x^10` alone moves the certified coefficients in their
/// seventh digit.
public struct Design: Sendable {
    public let terms: [Term]
    public let rows: Int
    let columns: [[DoubleDouble]]

    /// Builds `[1,] x₁, …, x_k [, z, z², …, z^d]` in that order.
    ///
    /// - Parameters:
    ///   - intercept: include the column of ones first.
    ///   - columns: named data columns, in order.
    ///   - polynomial: a named column and a degree `d ≥ 1`: adds powers 1…d.
    ///   - rows: the number of observations; needed for a design of the intercept alone (the
    ///     mean), which has no data column to count them (`ols DATA --y y` fitted 0 rows).
    public init(
        intercept: Bool, columns named: [(name: String, values: [Double])],
        polynomial: (name: String, values: [Double], degree: Int)? = nil, rows: Int? = nil
    ) throws(RegressionError) {
        let n = rows ?? named.first?.values.count ?? polynomial?.values.count ?? 0
        var terms = [Term]()
        var cols = [[DoubleDouble]]()
        if intercept {
            terms.append(.intercept)
            cols.append(Array(repeating: DoubleDouble(1), count: n))
        }
        for (name, values) in named {
            guard values.count == n else {
                throw .lengthMismatch(term: name, count: values.count, expected: n)
            }
            terms.append(.column(name))
            cols.append(values.map(DoubleDouble.init))
        }
        if let poly = polynomial {
            guard poly.degree >= 1 else { throw .invalidDegree(poly.degree) }
            guard poly.values.count == n else {
                throw .lengthMismatch(term: poly.name, count: poly.values.count, expected: n)
            }
            var current = poly.values.map(DoubleDouble.init)
            for k in 1...poly.degree {
                if k > 1 { current = zip(current, poly.values).map { $0 * $1 } }
                terms.append(.power(poly.name, k))
                cols.append(current)
            }
        }
        self.terms = terms
        self.rows = n
        self.columns = cols
    }

    var parameterCount: Int { terms.count }
}
