import Foundation
import Testing

@testable import Parallel

/// The progress bar's line and the counter that feeds it from worker threads.
struct ProgressTests {
    @Test func lineShowsShareRateAndTimeLeft() {
        let line = ProgressBar.line(label: "run", unit: "paths", done: 250_000, total: 1_000_000, seconds: 0.5)
        #expect(line == "run [#####---------------] 25%  250000/1000000 paths  500.0 k/s  2 s left")
    }

    /// Before any path is done the time left is unknown ("?", where a rate of 0 would have
    /// divided by zero), a count past its total fills the bar and no more (a negative count of
    /// dashes traps), and a rate too slow to say leaves "?" too; each line keeps its shorter forms.
    @Test func lineAtItsEdges() {
        let start = ProgressBar.line(label: "run", unit: "paths", done: 0, total: 10, seconds: 1)
        #expect(start.hasPrefix("run [--------------------] 0%  0/10 paths  ") && start.hasSuffix("/s  ? s left"))
        let past = ProgressBar.line(label: "run", unit: "paths", done: 12, total: 10, seconds: 1)
        #expect(past.hasPrefix("run [####################] 100%  12/10 paths  ") && past.hasSuffix("/s  0 s left"))
        let slow = ProgressBar.line(label: "run", unit: "paths", done: 1, total: Int.max, seconds: 1e9)
        #expect(slow.hasSuffix("/s  ? s left"), "\(slow)")
        let none = ProgressBar.line(label: "run", unit: "paths", done: 0, total: 0, seconds: 0)
        #expect(none.hasPrefix("run [####################] 100%  0/0 paths") && none.hasSuffix("0 s left"))
        for line in [start, past, slow, none] { #expect(ProgressBar.shorterForms(of: line).count == 3, "\(line)") }
    }

    /// An 80-column terminal cut the bundled run's line before its rate and time left
    /// (`[5 scenarios] baseline +4 [###-----] 16%  81920/500000 paths  233.…`): the shorter
    /// forms keep the share and the time left, and a label with brackets is not taken for the bar.
    @Test func shorterFormsKeepTheShareAndTheTimeLeft() {
        let line = ProgressBar.line(
            label: "[5 scenarios] baseline +4", unit: "paths", done: 81_920, total: 500_000, seconds: 0.5)
        #expect(
            ProgressBar.shorterForms(of: line) == [
                line,
                "[5 scenarios] baseline +4 16%  81920/500000 paths  3 s left",
                "[5 scenarios] baseline +4 16%  3 s left",
            ])
        #expect(ProgressBar.shorterForms(of: "sensitivity: rd-push [a]") == ["sensitivity: rd-push [a]"])
        #expect(
            ProgressBar.shorterForms(of: "[1/5] baseline: building the model") == ["[1/5] baseline: building the model"]
        )
    }

    /// A Chinese run's line (since 2026-12-05; before, the bar of a run that spoke Chinese
    /// everywhere else said "paths" and "s left") keeps the same fields and shorter forms.
    @Test func aChineseLineHasTheSameShorterForms() {
        let line = ProgressBar.line(
            label: "[5 个情景] baseline +4", unit: "条路径", done: 81_920, total: 500_000, seconds: 0.5, chinese: true)
        #expect(line == "[5 个情景] baseline +4 [###-----------------] 16%  81920/500000 条路径  163.8 k/s  剩余 3 秒")
        #expect(
            ProgressBar.shorterForms(of: line) == [
                line,
                "[5 个情景] baseline +4 16%  81920/500000 条路径  剩余 3 秒",
                "[5 个情景] baseline +4 16%  剩余 3 秒",
            ])
    }

    /// From one thread, one unit at a time: a report every total / steps units exactly, the
    /// last at the end, and the end reported once even when it falls between steps.
    @Test func counterReportsAtEachStep() {
        final class Box: @unchecked Sendable { var calls = [Int]() }
        let box = Box()
        let counter = ProgressCounter(total: 1000, steps: 10) { done, _ in box.calls.append(done) }
        for _ in 0..<1000 { counter.add(1) }
        #expect(box.calls == Array(stride(from: 100, through: 1000, by: 100)))
        let odd = Box()
        let c = ProgressCounter(total: 25, steps: 2) { done, _ in odd.calls.append(done) }
        for _ in 0..<25 { c.add(1) }
        #expect(odd.calls == [12, 24, 25])
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
