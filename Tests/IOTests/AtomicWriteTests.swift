import Foundation
import Testing

@testable import IO

struct AtomicWriteTests {
    @Test func writesAndReplaces() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let path = dir.appendingPathComponent("out.csv").path
        try writeTextAtomically("a\n", to: path)
        try writeTextAtomically("b\n", to: path, byteOrderMark: true)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(data) == [0xEF, 0xBB, 0xBF, 0x62, 0x0A])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    /// A regular file is replaced by a new one (rename), never rewritten in place: a hard link
    /// to the old file, as a reader holding it would, keeps the old bytes, and the name points
    /// to a new inode.
    @Test func aFileIsReplacedNotRewritten() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let path = dir.appendingPathComponent("out.csv").path, held = dir.appendingPathComponent("held").path
        try writeTextAtomically("old\n", to: path)
        #expect(link(path, held) == 0)
        var before = stat(), after = stat()
        #expect(stat(path, &before) == 0)
        try writeTextAtomically("new\n", to: path)
        #expect(stat(path, &after) == 0 && after.st_ino != before.st_ino)
        #expect(try String(contentsOfFile: held, encoding: .utf8) == "old\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    }

    /// Two different files that both exist are no conflict; the same file under a hard link is.
    @Test func anotherExistingFileIsNoConflict() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        try writeTextAtomically("a\n", to: a)
        try writeTextAtomically("b\n", to: b)
        #expect(outputConflict(b, inputs: [a]) == nil)
        #expect(outputConflict(dir.appendingPathComponent("new.csv").path, inputs: [a]) == nil)
    }

    /// A pipe (or a device such as /dev/null) is written in place: renaming over it replaced the
    /// node itself (`--output /dev/full` as root left a regular file at /dev/full).
    @Test func aPipeIsWrittenNotReplaced() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reader drains the pipe with plain read(2) until the writer closes it.
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            guard fd >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 256)
            while read(fd, &buffer, buffer.count) > 0 {}
            close(fd)
        }
        reader.start()
        try writeTextAtomically("through the pipe\n", to: fifo)
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "still a pipe")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["pipe"], "no temporary file")
    }

    /// A symbolic link to a file: the file is replaced and the link stays.
    @Test func aLinkIsFollowed() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let file = dir.appendingPathComponent("real.csv").path, link = dir.appendingPathComponent("link.csv").path
        try writeTextAtomically("old\n", to: file)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.csv")
        try writeTextAtomically("new\n", to: link)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.csv")
    }

    /// An output that is an input under another name: by symbolic link (resolved) or by hard
    /// link (the same device and inode; it was allowed, and the output took the input's name).
    @Test func anInputUnderAnotherNameIsAConflict() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let input = dir.appendingPathComponent("in.csv").path
        try writeTextAtomically("a\n", to: input)
        let hard = dir.appendingPathComponent("hard.csv").path, soft = dir.appendingPathComponent("soft.csv").path
        #expect(link(input, hard) == 0)
        try FileManager.default.createSymbolicLink(atPath: soft, withDestinationPath: "in.csv")
        #expect(outputConflict(input, inputs: [hard]) != nil)
        #expect(outputConflict(hard, inputs: [input]) != nil)
        #expect(outputConflict(soft, inputs: [input]) != nil)
        #expect(outputConflict(dir.appendingPathComponent("other.csv").path, inputs: [input, hard]) == nil)
    }

    /// A writer killed by SIGKILL leaves its temporary file: the next write of the same file
    /// removes it when its process is gone, and keeps those of live processes (pid 1, itself).
    @Test func aKilledWritersTemporaryFileIsRemovedByTheNextWrite() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = ".out.csv.tmp-\(gone.processIdentifier)-7", live = ".out.csv.tmp-1-8"
        let mine = ".out.csv.tmp-\(getpid())-9", other = ".other.csv.tmp-\(gone.processIdentifier)-7"
        for name in [dead, live, mine, other] {
            try "half".write(toFile: dir.path + "/" + name, atomically: false, encoding: .utf8)
        }
        try writeTextAtomically("a\n", to: dir.path + "/out.csv")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(left == ["out.csv", live, mine, other], "\(left)")
    }

    @Test func failureLeavesNothing() {
        #expect(throws: OutputError.self) { try writeTextAtomically("x", to: "/nonexistent-dir-plancast/out.csv") }
    }

    /// An output error's description is its English text (what `error:` prints without `--lang
    /// zh`), its Chinese text another. (Mutation round seed 201: the description was Chinese.)
    @Test func anOutputErrorDescribesItselfInEnglish() {
        let e = OutputError(file: "out.csv", errno: ENOSPC)
        #expect(e.description == e.text(chinese: false) && e.description.hasPrefix("out.csv: "), "\(e.description)")
        #expect(!e.description.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(e.description)")
        #expect(e.text(chinese: true).contains("无法写入文件"))
    }
}
