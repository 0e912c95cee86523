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

    static func fixture(_ path: String) -> String {
        packageRoot.appendingPathComponent("Tests/RegressionTests/Fixtures/\(path)").path
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
