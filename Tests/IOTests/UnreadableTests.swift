import Foundation
import Testing

@testable import IO

/// One wording for why a path cannot be read, for readers and for the command line's option
/// checks (which had two copies that disagreed on a file used as a folder).
struct UnreadableTests {
    @Test func readersSayWhyAFileCannotBeRead() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let file = dir.appendingPathComponent("f.csv").path
        try "x\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/a", withDestinationPath: dir.path + "/b")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/b", withDestinationPath: dir.path + "/a")
        for (path, words) in [
            (dir.path + "/missing.csv", "cannot read the file: it does not exist"),
            (file + "/x.csv", "cannot read the file: a part of the path is not a folder"),
            (dir.path, "cannot read the file: it is a folder"),
            (dir.path + "/a", "cannot read the file: the path loops through symbolic links"),
        ] {
            #expect(throws: InputError.self) { try readInputBytes(path: path) }
            do {
                _ = try readInputBytes(path: path)
            } catch {
                #expect(error.message == words, "\(path): \(error.message)")
            }
        }
        #expect(unreadableReason(errno: EMFILE) == "too many open files")
        #expect(unreadable("f", errno: EMFILE).hint?.contains("ulimit -n") == true)
    }
}

/// A stream is read to `StreamedInputs.limit` bytes and no further (mutation round seed 49: the
/// limit checked as `count - n` let a stream 64 KB too long through).
struct StreamLimitTests {
    /// Writes `count` bytes into a new named pipe from another thread and reads it.
    static func readStream(of count: Int) throws(InputError) -> Data {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-stream-\(UUID())").path
        mkfifo(fifo, 0o600)
        defer { unlink(fifo) }
        // Open for writing first (O_RDWR does not wait for a reader), so the reader finds a writer.
        let fd = open(fifo, O_RDWR)
        let writer = Thread {
            let chunk = [UInt8](repeating: 0x31, count: 1 << 20)
            var left = count
            while left > 0 {
                let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress, min(left, $0.count)) }
                if n <= 0 { break }
                left -= n
            }
            close(fd)
        }
        writer.start()
        return try readInputBytes(path: fifo)
    }

    @Test func aStreamOfTheLimitIsReadAndOneByteMoreIsRefused() throws {
        let limit = StreamedInputs.limit
        #expect(throws: InputError.self) { try Self.readStream(of: limit + 1) }
        #expect(try Self.readStream(of: limit).count == limit)
    }
}
