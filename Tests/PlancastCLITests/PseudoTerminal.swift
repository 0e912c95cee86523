import Foundation

extension Binary {
    /// Runs the binary in `directory` with its standard output (or, with `stream` 2, its
    /// standard error) on a pseudo-terminal `columns` wide, as a user's terminal is (the other
    /// stream to /dev/null): what it printed there, the terminal's CRLF line ends turned back to
    /// LF, and its exit status. A pipe, as `run` gives, is not a terminal, so no other test sees
    /// how the output fits a terminal.
    static func runOnTerminal(columns: UInt16, _ arguments: [String], in directory: URL, stream: Int32 = 1) throws
        -> (stdout: String, status: Int32)
    {
        let pty = try PseudoTerminal.functions()
        let master = pty.open(O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw POSIXError(.ENOTTY) }
        defer { close(master) }
        guard pty.grant(master) == 0, pty.unlock(master) == 0, let name = pty.name(master) else {
            throw POSIXError(.ENOTTY)
        }
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENOTTY) }
        var size = winsize(ws_row: 24, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        // Not inherited by other tests' children (which would keep the terminal open).
        for fd in [master, slave] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, slave, stream)
        posix_spawn_file_actions_addopen(&actions, 3 - stream, "/dev/null", O_WRONLY, 0)
        let pid: pid_t
        do {
            guard ioctl(slave, UInt(TIOCSWINSZ), &size) == 0 else { throw POSIXError(.ENOTTY) }
            pid = try spawn(executable.path, arguments, in: directory, actions: &actions)
        } catch {
            close(slave)
            throw error
        }
        close(slave)
        // Read until the child's end of the terminal is closed (Linux then reports EIO).
        var output = [UInt8](), buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                output += buffer[0..<n]
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        let end = wait(pid)
        let text = String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return (text, end.exit ?? end.signal ?? -1)
    }
}

/// glibc's pseudo-terminal calls (`posix_openpt`, `grantpt`, `unlockpt`, `ptsname`): Swift's
/// Glibc module leaves them out (they need `_XOPEN_SOURCE`), so they are looked up by name.
enum PseudoTerminal {
    /// `posix_openpt(flags)`, `grantpt(fd)` and `unlockpt(fd)`: an `int` in, an `int` out.
    typealias IntFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    static func functions() throws -> (
        open: IntFunction, grant: IntFunction, unlock: IntFunction, name: NameFunction
    ) {
        func symbol(_ name: String) throws -> UnsafeMutableRawPointer {
            guard let s = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { throw POSIXError(.ENOSYS) }
            return s
        }
        return (
            unsafeBitCast(try symbol("posix_openpt"), to: IntFunction.self),
            unsafeBitCast(try symbol("grantpt"), to: IntFunction.self),
            unsafeBitCast(try symbol("unlockpt"), to: IntFunction.self),
            unsafeBitCast(try symbol("ptsname"), to: NameFunction.self)
        )
    }
}
