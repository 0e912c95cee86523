/// Maps `indices` in parallel on up to `threads` threads, keeping the order of the results.
public func parallelMap<T: Sendable>(_ indices: Range<Int>, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T]
{
    let n = indices.count
    if n == 0 { return [] }
    let box = OrderedResults<T>(count: n)
    let chunks = max(1, min(n, threads * 8))
    let size = (n + chunks - 1) / chunks
    let work = { @Sendable (c: Int) in
        let lo = c * size, hi = min(n, lo + size)
        if lo < hi { for k in lo..<hi { box.set(k, body(indices.lowerBound + k)) } }
    }
    if threads <= 1 {
        for c in 0..<chunks { work(c) }
    } else {
        let next = BlockCounter()
        Workers.run(min(threads, chunks)) { _ in
            while let c = next.take(limit: chunks) { work(c) }
        }
    }
    return box.inOrder
}

/// Results written once per index by whichever thread computes them (no two threads write one
/// slot), read back in index order — so parallel work keeps a deterministic order.
public final class OrderedResults<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    public let count: Int
    public init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    public func set(_ k: Int, _ v: T) { slots[k] = v }
    /// Every result, in index order (all must have been set).
    public var inOrder: [T] { (0..<count).map { slots[$0]! } }
}
