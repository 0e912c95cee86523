import Foundation
import IO
import Reporting

/// The three standard streams, made safe against readers that go away and streams that are
/// closed (found 2026-11-30: `plancast forecast … | head -1` was killed by SIGPIPE, exit 141;
/// `2>&-` or a closed stderr pipe would have trapped in `FileHandle.write`).
///
/// - SIGPIPE and SIGXFSZ are ignored, so a write to a pipe whose reader has gone returns `EPIPE`: standard
///   output then ends the program with exit 74 and one line on stderr; an output file that is a
///   FIFO gets the `OutputError` of `writeAtomically`.
/// - A standard descriptor that was closed when plancast started is opened on `/dev/null`
///   (standard output read-only, so writing to it fails as the closed stream would, with exit 74),
///   so no file that plancast opens later can take its number and receive its output.
enum StandardStreams {
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        // A file-size limit (`ulimit -f`) killed plancast with SIGXFSZ half-way through a write,
        // leaving its temporary file; ignored, the write fails with EFBIG: exit 74, cleaned up.
        signal(SIGXFSZ, SIG_IGN)
        for (descriptor, flags) in [(STDIN_FILENO, O_RDONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_WRONLY)]
        where fcntl(descriptor, F_GETFD) == -1 {
            let opened = open("/dev/null", flags)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// Writes every byte of `text` to `descriptor`; the `errno` of the first failure, or nil.
    static func write(_ text: String, to descriptor: Int32) -> Int32? {
        writeAll(Data(text.utf8), to: descriptor)
    }
}

/// Writes to stdout without buffering surprises. A write that fails (a full disk, a closed
/// pipe, a closed stream) ends the program with exit code 74 and one line on stderr, never a
/// trap or a signal. The line is in the command's language (`OptionLanguage`).
func writeStdout(_ text: String) {
    guard let failure = StandardStreams.write(text, to: STDOUT_FILENO) else { return }
    writeStderr(StandardStreams.stdoutFailure(failure, chinese: OptionLanguage.chinese) + "\n")
    Foundation.exit(ExitStatus.ioError)
}

extension StandardStreams {
    /// The line for a write to standard output that failed with `code`.
    static func stdoutFailure(_ code: Int32, chinese: Bool) -> String {
        // EBADF: standard output was closed when plancast started (`>&-`) and stands on a
        // read-only /dev/null (`prepare`); strerror's "Bad file descriptor" did not say so.
        if chinese {
            let reason =
                code == EPIPE
                ? "读取方在输出结束前关闭了管道；输出不完整"
                : code == EBADF ? "标准输出在启动时已关闭（>&-）；请把它重定向到文件或 /dev/null" : unwritableReason(errno: code, chinese: true)
            return "error: 无法写入标准输出（\(reason)）"
        }
        let reason =
            code == EPIPE
            ? "the reader closed the pipe before the end; the output is incomplete"
            : code == EBADF
                ? "it was closed when plancast started (>&-); redirect it to a file or /dev/null"
                : unwritableReason(errno: code)
        return "error: cannot write to standard output (\(reason))"
    }
}

/// Writes the message `text` to stderr: as it is in a pipe or a file, and on a terminal each
/// line broken at spaces to the terminal's width (`TextTable.wrapMessage`), so that a narrow
/// terminal does not cut words. A failure is ignored: there is nowhere left to report it, and
/// the exit code still tells.
func writeStderr(_ text: String) {
    let width = Terminal.columns(of: STDERR_FILENO)
    writeStderrAsIs(width.map { TextTable.wrapMessage(text, width: $0) } ?? text)
}

/// Writes `text` to stderr as it is (the progress line, which fits itself to the terminal).
func writeStderrAsIs(_ text: String) {
    _ = StandardStreams.write(text, to: STDERR_FILENO)
}
