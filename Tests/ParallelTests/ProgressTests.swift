import Foundation
import Testing

@testable import Parallel

/// The progress bar's line and the counter that feeds it from worker threads.
struct ProgressTests {
    @Test func lineShowsShareRateAndTimeLeft() {
        let line = ProgressBar.line(label: "run", unit: "paths", done: 250_000, total: 1_000_000, seconds: 0.5)
        #expect(line == "run [#####---------------] 25%  250000/1000000 paths  500.0 k/s  2 s left")
    }

    @Test func counterReportsEveryStepAndTheEndFromManyThreads() {
        final class Box: @unchecked Sendable {
            var calls = [Int]()
            let lock = NSLock()
        }
        let box = Box()
        let counter = ProgressCounter(total: 1000, steps: 10) { done, _ in
            box.lock.lock()
            box.calls.append(done)
            box.lock.unlock()
        }
        DispatchQueue.concurrentPerform(iterations: 1000) { _ in counter.add(1) }
        #expect(box.calls.count >= 10 && box.calls.count <= 11, "\(box.calls.count) reports")
        #expect(box.calls.max() == 1000, "the end is always reported")
    }
}
