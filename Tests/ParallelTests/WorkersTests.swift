import Foundation
import Testing

@testable import Parallel

/// Worker threads: every worker runs once, and threads the system refuses still get their work
/// done (on the calling thread) instead of stalling the run.
struct WorkersTests {
    /// Without --threads: every core, at most 256 (the help's "at most 256"), and at least one.
    @Test func theDefaultIsEveryCoreUpTo256() {
        #expect(Workers.defaultCount(cores: 2) == 2)
        #expect(Workers.defaultCount(cores: 512) == 256 && Workers.maximum == 256)
        #expect(Workers.defaultCount(cores: 0) == 1)
    }

    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var runs = [Int: Int]()
        func add(_ w: Int) { lock.withLock { runs[w, default: 0] += 1 } }
    }

    @Test(arguments: [Set<Int>(), [1], [1, 2, 3, 4, 5, 6, 7]])
    func everyWorkerRunsOnceEvenWhenThreadsAreRefused(refusing: Set<Int>) {
        let tally = Tally()
        Workers.run(8, refusing: refusing) { w in tally.add(w) }
        #expect(tally.runs == Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, 1) }))
    }

    /// Work handed out through a shared counter is all done, whichever threads exist.
    @Test func sharedWorkIsDoneWithAllThreadsRefused() {
        let results = OrderedResults<Int>(count: 1000)
        let next = BlockCounter()
        Workers.run(4, refusing: [1, 2, 3]) { _ in
            while let k = next.take(limit: 1000) { results.set(k, k * k) }
        }
        #expect(results.inOrder == (0..<1000).map { $0 * $0 })
        #expect(parallelMap(0..<100, threads: 7) { $0 + 1 } == Array(1...100))
    }

    /// Two pieces of work that each wait (up to 5 s) for the other to start: done at the same
    /// time on two threads they meet at once; done one after the other the first waits in vain.
    final class Rendezvous: @unchecked Sendable {
        let lock = NSCondition()
        var arrived = 0
        var met = 0
        func meet() {
            lock.lock()
            defer { lock.unlock() }
            arrived += 1
            lock.broadcast()
            let deadline = Date(timeIntervalSinceNow: 5)
            while arrived < 2 && lock.wait(until: deadline) {}
            if arrived >= 2 { met += 1 }
        }
    }

    /// `parallelMap` and `BlockRunner` with two threads run two pieces of work at once (mutation
    /// round seed 149: `max(1, …)` as `min(1, …)` made `parallelMap` one chunk on one thread,
    /// and `workers == 1` as `!=` ran `BlockRunner`'s blocks one by one; the results stayed
    /// the same, only the speed was lost).
    @Test func twoThreadsRunTwoPiecesOfWorkAtOnce() {
        let mapped = Rendezvous()
        #expect(
            parallelMap(0..<2, threads: 2) { k in
                mapped.meet(); return k
            } == [0, 1])
        #expect(mapped.met == 2)
        let blocks = Rendezvous()
        BlockRunner.run(blocks: 2, threads: 2) { _, _ in blocks.meet() }
        #expect(blocks.met == 2)
    }
}
