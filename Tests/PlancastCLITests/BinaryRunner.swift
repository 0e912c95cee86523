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
        let merged = environment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let r = try launch(executable.path, arguments, in: directory, environment: merged)
        return BinaryRun(
            stdout: String(decoding: r.stdout, as: UTF8.self), stderr: String(decoding: r.stderr, as: UTF8.self),
            status: r.status)
    }

    /// Runs the binary under a shell limit (`ulimit -v 500000`, `ulimit -s 64`) from the package
    /// root: its exit status, how it ended (exit or signal) and its stderr. Also under 120 s of
    /// CPU time (`ulimit -t`; these runs take a few): under too little address space OpenBLAS
    /// spins for ever, so a plancast that stopped refusing such a limit made the test hang
    /// (mutation round 215) instead of failing; now it ends by SIGXCPU or SIGKILL.
    static func runLimited(_ limit: String, _ arguments: [String]) throws -> (
        status: Int32, reason: Process.TerminationReason, stderr: String
    ) {
        try runShell("ulimit -t 120; \(limit); exec \"$@\"", [executable.path] + arguments)
    }

    /// Runs `script` with `/bin/sh -c` (`arguments` as its `$1…`) in `directory`, with
    /// `environment` if given: its exit status, how it ended and its stderr.
    static func runShell(
        _ script: String, _ arguments: [String] = [], in directory: URL = packageRoot,
        environment: [String: String]? = nil
    ) throws -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
        let r = try launch("/bin/sh", ["-c", script, "sh"] + arguments, in: directory, environment: environment)
        return (r.status, r.signalled ? .uncaughtSignal : .exit, String(decoding: r.stderr, as: UTF8.self))
    }

    /// Runs `program` as a shell would start it, every signal at its default action and none
    /// blocked, and captures both outputs. `Process` passes its calling thread's signal mask
    /// on (swift-corelibs-foundation issue 4772): under `swift test` the child had SIGTERM,
    /// SIGHUP, SIGXFSZ and most others blocked, so a test of a signal (a kill, `ulimit -f`)
    /// passed whatever plancast did. `status` is the exit code, or the signal's number.
    static func launch(_ program: String, _ arguments: [String], in directory: URL?, environment: [String: String]?)
        throws -> (stdout: Data, stderr: Data, status: Int32, signalled: Bool)
    {
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard pipe(&out) == 0 else { throw POSIXError(.EMFILE) }
        guard pipe(&err) == 0 else {
            close(out[0])
            close(out[1])
            throw POSIXError(.EMFILE)
        }
        // Not inherited by other tests' children (which would hold the pipes open).
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        let pid: pid_t
        do {
            pid = try spawn(program, arguments, in: directory, actions: &actions, environment: environment)
        } catch {
            for fd in out + err { close(fd) }
            throw error
        }
        close(out[1])
        close(err[1])
        // Both pipes are drained at once: a child filling one while the other is read would block.
        nonisolated(unsafe) var errors = Data()
        let done = DispatchSemaphore(value: 0)
        let reader = err[0]
        DispatchQueue.global().async {
            errors = FileHandle(fileDescriptor: reader, closeOnDealloc: true).readDataToEndOfFile()
            done.signal()
        }
        let output = FileHandle(fileDescriptor: out[0], closeOnDealloc: true).readDataToEndOfFile()
        done.wait()
        let end = wait(pid)
        return (output, errors, end.exit ?? end.signal ?? -1, end.signal != nil)
    }

    /// Starts `program` with `arguments` (stdout and stderr to /dev/null) by `posix_spawn`, with
    /// every signal at its default action and exactly `blocked` blocked.
    static func spawn(_ program: String, _ arguments: [String], blocked: [Int32] = []) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        return try spawn(program, arguments, actions: &actions, blocked: blocked)
    }

    /// Starts `program` in `directory` (the current one when nil) with `actions`: the working
    /// folder is set through the shell (glibc's addchdir_np is not in Swift's Glibc).
    static func spawn(
        _ program: String, _ arguments: [String], in directory: URL?, actions: inout posix_spawn_file_actions_t,
        environment: [String: String]? = nil
    ) throws -> pid_t {
        guard let directory else { return try spawn(program, arguments, actions: &actions, environment: environment) }
        return try spawn(
            "/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", directory.path, program] + arguments, actions: &actions,
            environment: environment)
    }

    static func spawn(
        _ program: String, _ arguments: [String], actions: inout posix_spawn_file_actions_t, blocked: [Int32] = [],
        environment: [String: String]? = nil
    ) throws -> pid_t {
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
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for e in envp ?? [] { free(e) } }
        var pid = pid_t()
        let error =
            envp == nil
            ? posix_spawn(&pid, program, &actions, &attributes, argv, environ)
            : posix_spawn(&pid, program, &actions, &attributes, argv, &envp!)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO) }
        return pid
    }

    /// How a spawned process ended: its exit status, or the signal that ended it.
    static func wait(_ pid: pid_t) -> (exit: Int32?, signal: Int32?) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return decode(status)
    }

    /// How a spawned process ended, or nil while it runs (reaps it once it has ended).
    static func ended(_ pid: pid_t) -> (exit: Int32?, signal: Int32?)? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? decode(status) : nil
    }

    static func decode(_ status: Int32) -> (exit: Int32?, signal: Int32?) {
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
