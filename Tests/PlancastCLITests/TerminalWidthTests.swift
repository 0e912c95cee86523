import Foundation
import Testing

extension Binary {
    /// Runs the binary in `directory` with its standard output on a pseudo-terminal `columns`
    /// wide, as a user's terminal is (standard error to /dev/null): what it printed there, the
    /// terminal's CRLF line ends turned back to LF, and its exit status. A pipe, as `run` gives,
    /// is not a terminal, so no other test sees how the output fits a terminal.
    static func runOnTerminal(columns: UInt16, _ arguments: [String], in directory: URL) throws -> (
        stdout: String, status: Int32
    ) {
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
        posix_spawn_file_actions_adddup2(&actions, slave, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let pid: pid_t
        do {
            guard ioctl(slave, UInt(TIOCSWINSZ), &size) == 0 else { throw POSIXError(.ENOTTY) }
            pid = try spawn(
                "/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", directory.path, executable.path] + arguments,
                actions: &actions)
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
    typealias OpenFunction = @convention(c) (Int32) -> Int32
    typealias FDFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    static func functions() throws -> (
        open: OpenFunction, grant: FDFunction, unlock: FDFunction, name: NameFunction
    ) {
        func symbol(_ name: String) throws -> UnsafeMutableRawPointer {
            guard let s = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { throw POSIXError(.ENOSYS) }
            return s
        }
        return (
            unsafeBitCast(try symbol("posix_openpt"), to: OpenFunction.self),
            unsafeBitCast(try symbol("grantpt"), to: FDFunction.self),
            unsafeBitCast(try symbol("unlockpt"), to: FDFunction.self),
            unsafeBitCast(try symbol("ptsname"), to: NameFunction.self)
        )
    }
}

/// What `plancast run` prints on a terminal: the summary table fits the terminal's width, and a
/// terminal that reports no width (0 columns, as a container's terminal may before it is sized)
/// is taken as one of unknown width, as a pipe is — not as a terminal 0 columns wide.
@Suite(.serialized)
struct TerminalWidthTests {
    /// Columns a line takes on a terminal, by Unicode's East Asian Width: wide and fullwidth
    /// characters (CJK ideographs, Hangul, fullwidth forms) take two, every other one. Written
    /// here from UAX #11's ranges, not taken from the code under test.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { sum, s in
            let v = s.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }

    @Test(arguments: ["zh", "en"])
    func theSummaryFitsANarrowTerminalAndNoWidthIsAPipes(language: String) throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // One output folder for every run: its path is printed, so the outputs compare whole.
        let arguments = [
            "run", "--paths", "500", "--no-sensitivity", "--lang", language, "--force", "--out",
            dir.appendingPathComponent("run").path,
        ]
        let piped = try Binary.run(arguments, in: Binary.packageRoot)
        #expect(piped.status == 0, "\(piped.stderr)")
        let widest = piped.stdout.split(separator: "\n").map(Self.columns).max() ?? 0
        // The table is wider than the narrow terminal, so fitting it is a real change.
        #expect(widest > 60, "\(piped.stdout)")

        let narrow = try Binary.runOnTerminal(columns: 60, arguments, in: Binary.packageRoot)
        #expect(narrow.status == 0)
        let lines = narrow.stdout.split(separator: "\n")
        // The output folder's path is printed whole, to be copied: it is the one line left as is.
        let folder = dir.appendingPathComponent("run").path
        let over = lines.filter { Self.columns($0) > 60 && !$0.hasSuffix(folder) }
        #expect(over.isEmpty, "\(over.count) lines wider than 60 columns: \(over.prefix(3))")
        #expect(lines.count > piped.stdout.split(separator: "\n").count)
        // Every goal's line is still there: the table is split, not cut short.
        let goal = language == "zh" ? "有效高新技术企业" : "Certified hig"
        #expect(narrow.stdout.contains(goal), "\(narrow.stdout)")

        let unsized = try Binary.runOnTerminal(columns: 0, arguments, in: Binary.packageRoot)
        #expect(unsized.status == 0)
        #expect(unsized.stdout == piped.stdout)
    }
}
