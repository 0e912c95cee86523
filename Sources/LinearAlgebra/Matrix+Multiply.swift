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
