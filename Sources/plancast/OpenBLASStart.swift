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
///
/// The same restart sets glibc's `MALLOC_ARENA_MAX` to the number of cores (glibc allows 8 a
/// core), unless the user set it: worker threads are started for each parallel loop, and the
/// arenas they left behind held memory — forecasting 100,000 series × 15 years peaked at 828 MB
/// instead of about 600 MB, at the same speed (2026-11-30). It also keeps blocks up to 32 MB
/// on malloc's heap (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`) instead of mapping
/// and unmapping them each time: every simulation allocates its scratch blocks (several MB a
/// worker) afresh, and a run's sensitivity analysis runs a dozen simulations, each of which
/// touched fresh pages — `run --paths 2048` spent 0.12–0.15 s of its 0.39 s in the kernel,
/// 0.04 s after (2026-12-01); peak memory moves by about 1%.
enum OpenBLASStart {
    static func ensureSingleThreaded() {
        guard getenv("OPENBLAS_NUM_THREADS") == nil else { return }
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        setenv("MALLOC_ARENA_MAX", String(max(2, ProcessInfo.processInfo.activeProcessorCount)), 0)
        setenv("MALLOC_MMAP_THRESHOLD_", String(32 << 20), 0)
        setenv("MALLOC_TRIM_THRESHOLD_", String(256 << 20), 0)
        // Only returns if the executable cannot be run again; plancast then goes on as it is.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
