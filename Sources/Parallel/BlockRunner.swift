import Dispatch
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
        DispatchQueue.concurrentPerform(iterations: workers) { w in
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
