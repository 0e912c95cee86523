import Foundation

/// Starts OpenBLAS without its thread pool.
///
/// OpenBLAS (pthread build) starts one thread per core when the library is loaded, before any
/// Swift code runs, and each allocates a 128 MB buffer; `openblas_set_num_threads(1)`
/// (`BLASThreads`) comes too late to prevent it. Under an address-space limit of about 200 MB
/// (`ulimit -v 200000`) that allocation failed in a loop and every command — `check` and
/// `--version` too — hung at exit, joining the spinning thread (found 2026-11-30). OpenBLAS
/// reads `OPENBLAS_NUM_THREADS` when it loads, so plancast sets it to 1 and executes itself
/// again, once, with the same arguments (a few milliseconds). A value the user set is kept.
enum OpenBLASStart {
    static func ensureSingleThreaded() {
        guard getenv("OPENBLAS_NUM_THREADS") == nil else { return }
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        // Only returns if the executable cannot be run again; plancast then goes on as it is.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
