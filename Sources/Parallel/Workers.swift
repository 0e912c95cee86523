import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `body(worker)` for every worker in 0..<count, on up to `count` threads: the calling
/// thread is worker 0, the others are new POSIX threads, and `run` returns when all are done.
///
/// A thread the system refuses (`pthread_create` fails under `ulimit -u`, or when the process
/// has too many) is run on the calling thread after its own work, so a shortage of threads slows
/// the work but never stops it. Callers hand out work through a shared counter, so a late worker
/// finds what is left, usually nothing. Before 2026-11-30 `DispatchQueue.concurrentPerform` did
/// this, and waited for ever for threads that RLIMIT_NPROC would not give (a hang).
public enum Workers {
    /// The most workers a command takes (`--threads`).
    public static let maximum = 256

    /// Workers when none are asked for: every core, at most `maximum`, as `--threads` documents
    /// (before 2026-12-03 a machine of more than 256 cores got one per core).
    public static var defaultCount: Int { defaultCount(cores: ProcessInfo.processInfo.activeProcessorCount) }

    static func defaultCount(cores: Int) -> Int { min(max(cores, 1), maximum) }

    public static func run(_ count: Int, _ body: @escaping @Sendable (_ worker: Int) -> Void) {
        run(count, refusing: [], body)
    }

    /// `refusing`: workers whose thread is treated as refused by the system (tests).
    static func run(_ count: Int, refusing: Set<Int>, _ body: @escaping @Sendable (_ worker: Int) -> Void) {
        guard count > 1 else {
            body(0)
            return
        }
        var started = [pthread_t]()
        var refused = [Int]()
        for w in 1..<count {
            // 8 MB stacks of their own: by default threads take the stack limit (`ulimit -s`),
            // and with 64 KB the simulation's workers crashed.
            if !refusing.contains(w), let thread = start(stack: 8 << 20, { body(w) }) {
                started.append(thread)
            } else {
                refused.append(w)
            }
        }
        body(0)
        for w in refused { body(w) }
        for thread in started { pthread_join(thread, nil) }
    }

    /// Starts `body` on a new POSIX thread with a stack of `stack` bytes (never the stack
    /// limit's size, which may be tiny); nil if the system refuses the thread.
    public static func start(stack: Int, _ body: @escaping @Sendable () -> Void) -> pthread_t? {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stack)
        let job = Unmanaged.passRetained(Job(body))
        var thread = pthread_t()
        let rc = pthread_create(
            &thread, &attributes,
            { raw in
                Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().work()
                return nil
            }, job.toOpaque())
        guard rc == 0 else {
            job.release()
            return nil
        }
        return thread
    }

    /// The work of one thread, passed through `pthread_create`'s untyped argument.
    final class Job: @unchecked Sendable {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }
}
