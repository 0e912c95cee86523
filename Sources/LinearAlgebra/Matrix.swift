/// A dense real matrix stored column-major, the layout BLAS and LAPACK expect.
///
/// A value type: copies are cheap until written (copy-on-write of the backing array).
/// Element `(i, j)` lives at `storage[i + j * rows]`.
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Column-major elements, `rows * columns` of them.
    public internal(set) var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "negative dimension")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over column-major `storage`; throws if the count does not match.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw .dimensionMismatch(
                "\(storage.count) elements cannot fill a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from its rows (every row the same length).
    public init(_ rowArrays: [[Double]]) throws(LinearAlgebraError) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        var s = [Double](repeating: 0, count: r * c)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == c else {
                throw .dimensionMismatch("row \(i) has \(row.count) elements, row 0 has \(c)")
            }
            for j in 0..<c { s[i + j * r] = row[j] }
        }
        self.rows = r
        self.columns = c
        self.storage = s
    }

    /// A matrix whose columns are `columnArrays` (every column the same length).
    public init(columns columnArrays: [[Double]]) throws(LinearAlgebraError) {
        let c = columnArrays.count
        let r = columnArrays.first?.count ?? 0
        var s = [Double]()
        s.reserveCapacity(r * c)
        for (j, col) in columnArrays.enumerated() {
            guard col.count == r else {
                throw .dimensionMismatch("column \(j) has \(col.count) elements, column 0 has \(r)")
            }
            s.append(contentsOf: col)
        }
        self.rows = r
        self.columns = c
        self.storage = s
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// A diagonal matrix with `values` on its diagonal.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var m = Matrix(rows: values.count, columns: values.count)
        for (i, v) in values.enumerated() { m.storage[i + i * values.count] = v }
        return m
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { storage[i + $0 * rows] }
    }

    var isSquare: Bool { rows == columns }
    public var isEmpty: Bool { rows == 0 || columns == 0 }

    /// The first element that is NaN or ±∞, as (row, column), or nil.
    var firstNonFinite: (row: Int, column: Int)? {
        guard let k = storage.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (k % rows, k / rows)
    }

    /// Throws unless every element is finite.
    func requireFinite() throws(LinearAlgebraError) {
        if let (i, j) = firstNonFinite {
            throw .nonFinite(row: i, column: j, value: self[i, j])
        }
    }

    /// Throws if the matrix has no elements.
    func requireNonEmpty(_ what: String) throws(LinearAlgebraError) {
        if isEmpty { throw .empty(what) }
    }

    public var description: String {
        (0..<rows).map { i in
            row(i).map { String($0) }.joined(separator: "\t")
        }.joined(separator: "\n")
    }
}
