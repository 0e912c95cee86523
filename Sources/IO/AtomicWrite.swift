import Foundation

/// An output file that could not be written (exit 74): the path and why.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public init(file: String, _ reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String {
        "\(file): cannot write the file (\(reason))\n  hint: check that the folder exists, is writable and has space"
    }
}

/// Writes `data` to `path` atomically: a temporary file in the same folder, then `rename(2)`,
/// so readers never see a half-written file and a failure leaves nothing behind.
///
/// A path that names a device, a pipe or a socket (`/dev/stdout`, `/dev/null`, `<(…)`) is
/// written in place: renaming over it would replace the device node itself (found 2026-11-30:
/// `--output /dev/full` run as root turned /dev/full into a regular file). A symbolic link to a
/// file is followed, so the file it points to is replaced, not the link.
public func writeAtomically(_ data: Data, to path: String) throws(OutputError) {
    var st = stat()
    if stat(path, &st) == 0 {
        let type = st.st_mode & S_IFMT
        if type != S_IFREG && type != S_IFDIR {
            try writeInPlace(data, to: path)
            return
        }
        if type == S_IFREG { return try replaceFile(data, at: canonicalPath(path), named: path) }
    }
    try replaceFile(data, at: path, named: path)
}

/// Writes `data` through an open descriptor (a device or pipe), every byte or an error.
func writeInPlace(_ data: Data, to path: String) throws(OutputError) {
    let fd = open(path, O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError(file: path, String(cString: strerror(errno))) }
    defer { close(fd) }
    if let failure = writeAll(data, to: fd) { throw OutputError(file: path, String(cString: strerror(failure))) }
}

/// Creates the file at `path` (it must not exist) and writes every byte of `data`: the `errno`
/// of the first failure (`ENOSPC`, `EFBIG` under `ulimit -f`, …), or nil. Written with
/// `write(2)` rather than `Data.write`, whose errors read "NSCocoaErrorDomain error 512".
func writeNewFile(_ data: Data, at path: String) -> Int32? {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return errno }
    let failure = writeAll(data, to: fd)
    if close(fd) != 0, failure == nil { return errno }
    return failure
}

/// Every byte of `data` through `fd` (a write interrupted by a signal is resumed): the `errno`
/// of the first failure, or nil.
public func writeAll(_ data: Data, to fd: Int32) -> Int32? {
    data.withUnsafeBytes { raw -> Int32? in
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
}

/// The temporary file and `rename(2)` of `writeAtomically`, for a regular file (or none yet) at
/// `path`; errors name the path as the user gave it.
func replaceFile(_ data: Data, at path: String, named given: String) throws(OutputError) {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw OutputError(file: given, "it is a folder")
    }
    guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw OutputError(file: given, "the folder \(dir.path) does not exist")
    }
    removeStaleTemporaries(folder: dir.path, name: url.lastPathComponent)
    // Registered, written and renamed with no clean-up in between (an interruption waits for
    // the rename, or comes first and nothing is written).
    try Leftovers.changing { () throws(OutputError) in
        Leftovers.add(tmp.path)
        defer { Leftovers.remove(tmp.path) }
        if let failure = writeNewFile(data, at: tmp.path) {
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError(file: given, String(cString: strerror(failure)))
        }
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError(file: given, reason)
        }
    }
}

/// Removes `.NAME.tmp-PID-…` files beside `NAME` whose process is gone: a writer killed with
/// SIGKILL (which nothing can catch) left its temporary file for good; the next write of the same
/// file now removes it, as the next run into a folder removes a killed run's staging folder.
func removeStaleTemporaries(folder: String, name: String) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let marker = ".\(name).tmp-"
    for e in entries where e.hasPrefix(marker) {
        guard let pid = e.dropFirst(marker.count).split(separator: "-").first.flatMap({ Int32($0) }), pid > 0
        else { continue }
        if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
            try? FileManager.default.removeItem(atPath: folder + "/" + e)
        }
    }
}

/// The absolute path with symbolic links resolved: of the file where it exists, else of its
/// folder (a file about to be written), else standardised.
public func canonicalPath(_ p: String) -> String {
    func real(_ q: String) -> String? {
        guard let r = realpath(q, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
    if let r = real(p) { return r }
    let url = URL(fileURLWithPath: p).standardizedFileURL
    if let dir = real(url.deletingLastPathComponent().path) { return dir + "/" + url.lastPathComponent }
    return url.path
}

/// Why `output` cannot be written or would destroy what the command reads: it is empty or a
/// folder, is one of `inputs`, or lies inside one of `folders` (a run folder, whose files its
/// manifest vouches for). Nil when safe.
public func outputConflict(_ output: String, inputs: [String], folders: [String] = []) -> String? {
    // An empty name, or a folder, names no file to write (they were I/O errors, exit 74, after
    // the work: "': cannot write the file (Is a directory)").
    if output.trimmingCharacters(in: .whitespaces).isEmpty { return "the name is empty; give a file's path" }
    var st = stat()
    if output.hasSuffix("/") || stat(output, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR {
        return "\(output) is a folder; give the path of a file (in it or elsewhere)"
    }
    let o = canonicalPath(output)
    // By name, or by identity: a hard link is the same file under another name (the output
    // would replace the input's name; `--input hard.csv --output in.csv` was allowed).
    let identity = fileIdentity(output)
    if let same = inputs.first(where: { canonicalPath($0) == o || (identity != nil && fileIdentity($0) == identity) }) {
        return "\(output) is also an input of this command (\(same)); write to another file"
    }
    if let folder = folders.first(where: { o.hasPrefix(canonicalPath($0) + "/") }) {
        return "\(output) lies inside \(folder), a run folder that must not be edited; write elsewhere"
    }
    return nil
}

/// Device and inode of an existing file (nil if it cannot be examined).
func fileIdentity(_ path: String) -> [UInt64]? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return [UInt64(st.st_dev), UInt64(st.st_ino)]
}

/// Writes text as UTF-8, optionally with a byte-order mark (Excel needs it to show Chinese).
public func writeTextAtomically(_ text: String, to path: String, byteOrderMark: Bool = false) throws(OutputError) {
    var data = Data()
    if byteOrderMark { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    data.append(contentsOf: Array(text.utf8))
    try writeAtomically(data, to: path)
}
