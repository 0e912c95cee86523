import CBLAS

/// OpenBLAS thread control.
///
/// OpenBLAS's own threading slows down the small and tall-skinny calls plancast makes
/// (tens of columns, thousands of rows) and makes results depend on the thread count, so the
/// library runs it on one thread and parallelises over blocks in Swift instead.
public enum BLASThreads {
    /// Runs once, before the first BLAS or LAPACK call of this module.
    static let configured: Void = { openblas_set_num_threads(1) }()

    /// The number of OpenBLAS threads in use.
    public static var current: Int {
        _ = configured
        return Int(openblas_get_num_threads())
    }
}
