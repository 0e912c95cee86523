import Foundation
import IO
import Parallel

/// The write end of the pipe the signal handler writes to (set once, before the handler is
/// installed; read only by the handler).
nonisolated(unsafe) private var interruptionPipe: Int32 = -1

/// Ctrl-C, SIGTERM and a closed terminal (SIGHUP) remove the temporary files and staging
/// folders of the command (`IO.Leftovers`) before it dies by the signal as before.
///
/// The handler only writes the signal's number to a pipe (all a signal handler may safely do);
/// a watcher thread reads it, removes the leftovers, restores the default action and raises the
/// signal again, so the shell sees the usual status (130 for Ctrl-C). Found 2026-11-30: an
/// interrupted run left its `.NAME.partial-PID` folder until the next run into the same place,
/// and `forecast --output` its `.NAME.tmp-…` file for good.
///
/// A signal the parent set to be ignored stays ignored (POSIX passes `SIG_IGN` through `exec`
/// on purpose): `nohup plancast run …` must outlive its terminal, and a shell script's
/// `plancast run … &` is not stopped by Ctrl-C. Before 2026-12-03 the handler replaced both,
/// so a `nohup` run died by the SIGHUP it was started to survive. A signal inherited as
/// *blocked* is unblocked: no parent blocks SIGTERM on purpose across `exec`, but
/// Foundation's `Process` on Linux passes its worker thread's mask on
/// (swift-corelibs-foundation issue 4772), and a plancast started from a Swift program could
/// not be stopped with SIGTERM or Ctrl-C at all.
enum Interruption {
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    static func install() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        interruptionPipe = fds[1]
        let reader = fds[0]
        var handled = sigset_t()
        sigemptyset(&handled)
        for s in signals {
            var inherited = sigaction()
            guard sigaction(s, nil, &inherited) == 0,
                unsafeBitCast(inherited.__sigaction_handler.sa_handler, to: Int.self)
                    != unsafeBitCast(SIG_IGN, to: Int.self)
            else { continue }
            sigaddset(&handled, s)
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(interruptionPipe, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            sigaction(s, &action, nil)
        }
        // Before any thread starts (threads inherit the mask), so each may take the signal.
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        // Its own 1 MB stack: a thread of the stack limit's size crashed under `ulimit -s 64`.
        _ = Workers.start(stack: 1 << 20) {
            var byte: UInt8 = 0
            while read(reader, &byte, 1) != 1 {}
            Leftovers.removeAll(closing: true)  // waits for a file being written, then stops any more
            let number = Int32(byte)
            signal(number, SIG_DFL)
            kill(getpid(), number)
        }
    }
}
