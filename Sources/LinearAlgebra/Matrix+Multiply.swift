import CBLAS

extension Matrix {
    /// `alpha · op(a) · op(b)` through `cblas_dgemm`, where `op` transposes when asked.
    ///
    /// Throws `.dimensionMismatch` when the inner dimensions differ.
    public static func product(
        _ a: Matrix, transposed ta: Bool = false,
        _ b: Matrix, transposed tb: Bool = false,
        alpha: Double = 1
    ) throws(LinearAlgebraError) -> Matrix {
        _ = BLASThreads.configured
        let m = ta ? a.columns : a.rows
        let k = ta ? a.rows : a.columns
        let kb = tb ? b.columns : b.rows
        let n = tb ? b.rows : b.columns
        guard k == kb else {
            throw .dimensionMismatch(
                "cannot multiply \(m)×\(k) by \(kb)×\(n)")
        }
        var c = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 { return c }
        if k == 0 { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasColMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha,
                        pa.baseAddress, Int32(max(1, a.rows)),
                        pb.baseAddress, Int32(max(1, b.rows)),
                        0, pc.baseAddress, Int32(max(1, m)))
                }
            }
        }
        return c
    }

    /// Matrix product through `cblas_dgemm`; the shapes must agree (a programming error if not).
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        do { return try product(a, b) } catch { preconditionFailure("\(error)") }
    }

    /// `self · x` for a vector `x`.
    public func multiply(_ x: [Double]) throws(LinearAlgebraError) -> [Double] {
        let v = try Matrix(rows: x.count, columns: 1, columnMajor: x)
        return try Matrix.product(self, v).storage
    }
}

extension Matrix {
    /// `c = a · op(b)` into a reused buffer, for hot loops over blocks of draws: `a` is a
    /// column-major `rows × b.rows` (or `b.columns` when transposed) buffer, `c` receives the
    /// column-major `rows × n` product and is resized if needed. Through `cblas_dgemm`.
    public static func multiply(
        _ a: [Double], rows: Int, by b: Matrix, transposed tb: Bool, into c: inout [Double]
    ) {
        _ = BLASThreads.configured
        let k = tb ? b.columns : b.rows
        let n = tb ? b.rows : b.columns
        precondition(a.count >= rows * k, "buffer too small for \(rows)×\(k)")
        if c.count < rows * n { c = [Double](repeating: 0, count: rows * n) }
        // dgemm writes rows × n values: a buffer short of them would be overrun in silence.
        precondition(c.count >= rows * n, "product buffer too small for \(rows)×\(n)")
        if rows == 0 || n == 0 || k == 0 { return }
        a.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasColMajor, CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                        Int32(rows), Int32(n), Int32(k), 1,
                        pa.baseAddress, Int32(rows), pb.baseAddress, Int32(max(1, b.rows)),
                        0, pc.baseAddress, Int32(rows))
                }
            }
        }
    }
}
