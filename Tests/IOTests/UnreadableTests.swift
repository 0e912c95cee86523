import Foundation
import Testing

@testable import IO

/// One wording for why a path cannot be read, for readers and for the command line's option
/// checks (which had two copies that disagreed on a file used as a folder).
struct UnreadableTests {
    @Test func readersSayWhyAFileCannotBeRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-io-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
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
