import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Memory per byte of a file read as text and parsed into a table: measured on 2026-11-30 as
/// about 10 times for the observations' long cells (31 MB: 300 MB) and up to 23 times for
/// one-character cells (6 MB of `s,t,v` rows: 140 MB; 20 MB of ten digits a row: 340 MB). Until
/// then the check assumed 4, so a file a quarter of the spare memory passed and was killed.
public let tableMemoryFactor = 25.0

/// The bytes of an input file, from a regular file or from a stream.
///
/// Every file is read with `open(2)` and `read(2)`, so a failure says why (`Too many open
/// files` under `ulimit -n`, not "check the permissions"). A regular file is read whole. A pipe, a terminal, a device or a socket (`--input /dev/stdin`,
/// `--observations <(zcat obs.csv.gz)`) is read to its end, at most `StreamedInputs.limit`
/// bytes, and its bytes are kept for the run's manifest, which hashes every input: a pipe can
/// be read only once. Before 2026-11-30 every stream was refused with "cannot read the file …
/// (permissions)", and an endless one (`/dev/zero`) needs the limit to end.
///
/// `memoryFactor`: the memory the caller needs per byte of the file, checked before reading (a
/// file that cannot fit is refused, exit 65, instead of being killed half-way): 2 to hold and
/// hash it, `tableMemoryFactor` to read it as a table.
public func readInputBytes(path: String, memoryFactor: Double = 2) throws(InputError) -> Data {
    var st = stat()
    guard stat(path, &st) == 0 else { throw unreadable(path, errno: errno) }
    let type = st.st_mode & S_IFMT
    if type == S_IFDIR { throw unreadable(path, errno: EISDIR) }
    let regular = type == S_IFREG
    if regular, Double(st.st_size) * memoryFactor > MemoryBudget.spare(threads: 1) {
        throw InputError(
            file: path,
            String(
                format:
                    "the file is %.0f MB; reading it would need about %.1f GB, more than this machine has to spare%@",
                Double(st.st_size) / 1e6, Double(st.st_size) * memoryFactor / 1e9, MemoryBudget.limitNote()),
            hint: "give the right file, or split it",
            zh: String(
                format: "文件有 %.0f MB；读取它约需 %.1f GB 内存，超过本机可用的余量%@",
                Double(st.st_size) / 1e6, Double(st.st_size) * memoryFactor / 1e9, MemoryBudget.limitNote(chinese: true)
            ),
            hintZh: "请给出正确的文件，或把它拆分")
    }
    if !regular, let kept = StreamedInputs.bytes(of: path) { return kept }
    // A named pipe is opened without waiting for a writer (a FIFO nobody writes to would block
    // for ever, a hang): with none, it reads as empty; with one, the reads wait for its data.
    let fifo = type == S_IFIFO
    let fd = open(path, O_RDONLY | O_CLOEXEC | (fifo ? O_NONBLOCK : 0))
    guard fd >= 0 else { throw unreadable(path, errno: errno) }
    defer { close(fd) }
    if fifo { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
    var data = Data()
    if regular { data.reserveCapacity(Int(st.st_size)) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw unreadable(path, errno: errno)
        }
        if n == 0 { break }
        if !regular && data.count + n > StreamedInputs.limit {
            throw InputError(
                file: path,
                "the stream is longer than \(StreamedInputs.limit >> 20) MB, the most plancast reads from a pipe or device",
                hint: "save it to a file and give that path (files are checked against this machine's memory instead)",
                zh: "数据流超过 \(StreamedInputs.limit >> 20) MB，这是 plancast 从管道或设备读取的上限",
                hintZh: "请先存为文件再给出其路径（文件按本机内存检查）")
        }
        data.append(contentsOf: buffer[0..<n])
    }
    if !regular { StreamedInputs.keep(data, of: path) }
    return data
}

/// The bytes read from streams in this process, by path, so that hashing a stream for the
/// manifest (`sha256Hex(path:)`) sees what was read rather than reading it again.
public enum StreamedInputs {
    /// At most 256 MB from one stream, less on a machine whose memory budget is small: the
    /// commands need up to about 60 bytes of memory per byte of input (`library`).
    public static let limit = max(16 << 20, min(256 << 20, Int(MemoryBudget.spare() / 60)))

    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var bytes: [String: Data] = [:]
    }
    private static let store = Store()

    static func keep(_ data: Data, of path: String) {
        store.lock.withLock { store.bytes[path] = data }
    }

    /// The bytes read from the stream at `path`, or nil if none was read.
    public static func bytes(of path: String) -> Data? {
        store.lock.withLock { store.bytes[path] }
    }
}
