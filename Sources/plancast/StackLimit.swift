import Foundation
import Parallel

/// Runs the command on a thread with a stack of its own, whatever the stack limit.
///
/// Found 2026-11-30: with a 64 KB stack limit (`ulimit -s 64`) `run` and `bench` crashed
/// (SIGSEGV), with 32 KB every command did, and a scenario nested 1,000 levels deep (the YAML
/// reader's limit) needs about 2.5 MB of stack: under `ulimit -s 2048` it crashed instead of
/// reporting the nesting. The main thread's stack is capped by the limit; a thread's is what its
/// creator asks for (`Workers` gives worker threads 8 MB).
enum LargeStack {
    /// The command thread's stack.
    static let size = 64 << 20

    /// Calls `body` on a new thread with a `size` stack and waits for it; on the calling
    /// thread if the system refuses the thread.
    static func run(_ body: @escaping @Sendable () -> Void) {
        if let thread = Workers.start(stack: size, body) {
            pthread_join(thread, nil)
        } else {
            body()
        }
    }
}
