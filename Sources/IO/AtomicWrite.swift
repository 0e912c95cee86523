import Foundation

/// An output file that could not be written (exit 74): the path and why.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    /// The reason in Chinese, for a command run with `--lang zh` (`text(chinese:)`).
    public let reasonZh: String
    public init(file: String, _ reason: String, zh reasonZh: String? = nil) {
        self.file = file
        self.reason = reason
        self.reasonZh = reasonZh ?? reason
    }

    /// A failure of the system call that set `code` (`ENOSPC`, `EACCES`, …), in both languages.
    public init(file: String, errno code: Int32) {
        self.init(file: file, unwritableReason(errno: code), zh: unwritableReason(errno: code, chinese: true))
    }

    public var description: String { text(chinese: false) }

    /// The error as printed after `error: `, in English or Chinese.
    public func text(chinese: Bool) -> String {
        chinese
            ? "\(file)：无法写入文件（\(reasonZh)）\n  hint: 请检查文件夹是否存在、可写且有剩余空间"
            : "\(file): cannot write the file (\(reason))\n  hint: check that the folder exists, is writable and has space"
    }
}

/// Why a file could not be written, from the `errno` of the failed call: the system's words in
/// English (`strerror`, as before), the common causes in Chinese words (the rest keep the
/// system's English).
public func unwritableReason(errno code: Int32, chinese: Bool = false) -> String {
    guard chinese else { return String(cString: strerror(code)) }
    switch code {
    case ENOSPC: return "磁盘没有剩余空间"
    case EDQUOT: return "超出了磁盘配额"
    case EACCES, EPERM: return "没有写入权限"
    case EROFS: return "文件系统是只读的"
    case EFBIG: return "文件超过了允许的大小（ulimit -f）"
    case ENOENT: return "路径不存在"
    case ENOTDIR: return "路径中有一段不是文件夹"
    case EISDIR: return "这是一个文件夹"
    case EIO: return "输入输出错误"
    case ENAMETOOLONG: return "路径超过系统允许的长度"
    default: return String(cString: strerror(code))
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
    guard fd >= 0 else { throw OutputError(file: path, errno: errno) }
    defer { close(fd) }
    if let failure = writeAll(data, to: fd) { throw OutputError(file: path, errno: failure) }
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
        throw OutputError(file: given, "it is a folder", zh: "这是一个文件夹")
    }
    guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw OutputError(file: given, "the folder \(dir.path) does not exist", zh: "文件夹“\(dir.path)”不存在")
    }
    removeStaleTemporaries(folder: dir.path, name: url.lastPathComponent)
    // Registered, written and renamed with no clean-up in between (an interruption waits for
    // the rename, or comes first and nothing is written).
    try Leftovers.changing { () throws(OutputError) in
        Leftovers.add(tmp.path)
        defer { Leftovers.remove(tmp.path) }
        if let failure = writeNewFile(data, at: tmp.path) {
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError(file: given, errno: failure)
        }
        if rename(tmp.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError(file: given, errno: code)
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
/// manifest vouches for). Nil when safe. In Chinese where `chinese`.
public func outputConflict(_ output: String, inputs: [String], folders: [String] = [], chinese: Bool = false)
    -> String?
{
    // An empty name, or a folder, names no file to write (they were I/O errors, exit 74, after
    // the work: "': cannot write the file (Is a directory)").
    if output.trimmingCharacters(in: .whitespaces).isEmpty {
        return chinese ? "文件名是空的；请给出文件的路径" : "the name is empty; give a file's path"
    }
    var st = stat()
    if output.hasSuffix("/") || stat(output, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR {
        return chinese
            ? "“\(output)”是一个文件夹；请给出一个文件的路径（在其中或别处）"
            : "\(output) is a folder; give the path of a file (in it or elsewhere)"
    }
    let o = canonicalPath(output)
    // By name, or by identity: a hard link is the same file under another name (the output
    // would replace the input's name; `--input hard.csv --output in.csv` was allowed).
    let identity = fileIdentity(output)
    if let same = inputs.first(where: { canonicalPath($0) == o || (identity != nil && fileIdentity($0) == identity) }) {
        return chinese
            ? "“\(output)”也是这条命令的输入（\(same)）；请写到另一个文件"
            : "\(output) is also an input of this command (\(same)); write to another file"
    }
    if let folder = folders.first(where: { o.hasPrefix(canonicalPath($0) + "/") }) {
        return chinese
            ? "“\(output)”位于运行目录“\(folder)”中，运行目录不可改动；请写到别处"
            : "\(output) lies inside \(folder), a run folder that must not be edited; write elsewhere"
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
