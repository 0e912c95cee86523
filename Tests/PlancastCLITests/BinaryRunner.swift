import Foundation

/// Runs the built `plancast` binary and captures stdout, stderr and the exit code.
struct BinaryRun {
    let stdout: String
    let stderr: String
    let status: Int32
}

enum Binary {
    /// The package root (two folders above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `plancast` sits beside the test bundle in the build folder.
    static var executable: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("plancast")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/plancast")
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> BinaryRun
    {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { p.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return BinaryRun(
            stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
            status: p.terminationStatus)
    }

    /// Runs the binary under a shell limit (`ulimit -v 500000`, `ulimit -s 64`) from the package
    /// root: its exit status, how it ended (exit or signal) and its stderr.
    static func runLimited(_ limit: String, _ arguments: [String]) throws -> (
        status: Int32, reason: Process.TerminationReason, stderr: String
    ) {
        try runShell("\(limit); exec \"$@\"", [executable.path] + arguments)
    }

    /// Runs `script` with `/bin/sh -c` (`arguments` as its `$1…`) in `directory`, with
    /// `environment` if given: its exit status, how it ended and its stderr.
    static func runShell(
        _ script: String, _ arguments: [String] = [], in directory: URL = packageRoot,
        environment: [String: String]? = nil
    ) throws -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, "sh"] + arguments
        p.currentDirectoryURL = directory
        if let environment { p.environment = environment }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, p.terminationReason, message)
    }

    /// Starts `program` with `arguments` (stdout and stderr to /dev/null) by `posix_spawn`, with
    /// every signal at its default action and exactly `blocked` blocked: `Process` would pass on
    /// its calling thread's mask, which in a test blocks SIGTERM, SIGINT and SIGHUP
    /// (swift-corelibs-foundation issue 4772), and a kill would do nothing.
    static func spawn(_ program: String, _ arguments: [String], blocked: [Int32] = []) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t(), defaults = sigset_t()
        sigemptyset(&mask)
        for s in blocked { sigaddset(&mask, s) }
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO) }
        return pid
    }

    /// How a spawned process ended: its exit status, or the signal that ended it.
    static func wait(_ pid: pid_t) -> (exit: Int32?, signal: Int32?) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, nil) : (nil, signal)
    }

    static func fixture(_ path: String) -> String {
        packageRoot.appendingPathComponent("Tests/RegressionTests/Fixtures/\(path)").path
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
