import Foundation

/// Runs blocks of paths on worker threads. Block `b` always covers the same paths and gets the
/// same random stream, so per-block results do not depend on the thread count; callers merge
/// floating-point partial results in block order and integer counts in any order.
public enum BlockRunner {
    /// Calls `body(block, worker)` for every block in 0..<blocks on `threads` workers (each
    /// worker's blocks in increasing order) — `worker` indexes per-thread scratch state.
    public static func run(blocks: Int, threads: Int, _ body: @escaping @Sendable (_ block: Int, _ worker: Int) -> Void)
    {
        let workers = max(1, min(threads, blocks))
        if workers == 1 {
            for b in 0..<blocks { body(b, 0) }
            return
        }
        let next = BlockCounter()
        Workers.run(workers) { w in
            while let b = next.take(limit: blocks) { body(b, w) }
        }
    }
}

/// A shared counter handing out block numbers.
final class BlockCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Per-worker mutable state, each slot touched by one worker only.
public final class WorkerSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T>
    public let count: Int
    public init(_ slots: [T]) {
        count = slots.count
        storage = .allocate(capacity: slots.count)
        storage.initialize(from: slots, count: slots.count)
    }
    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
    public func withSlot<R>(_ w: Int, _ body: (inout T) -> R) -> R { body(&storage[w]) }
    public var all: [T] { (0..<count).map { storage[$0] } }
}

/// Counts finished units of parallel work and reports the count, at most every `every` units,
/// to a callback (for a progress bar; the callback runs on whichever worker crosses a step).
public final class ProgressCounter: @unchecked Sendable {
    private var done = 0
    private var reported = 0
    private let lock = NSLock()
    public let total: Int
    let every: Int
    let report: @Sendable (Int, Int) -> Void

    public init(total: Int, steps: Int = 50, report: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) {
        self.total = total
        self.every = max(1, total / max(1, steps))
        self.report = report
    }

    /// Adds `units` finished units.
    public func add(_ units: Int) {
        lock.lock()
        done += units
        let now = done
        let due = now - reported >= every || now == total
        if due { reported = now }
        lock.unlock()
        if due { report(now, total) }
    }
}
