import Foundation
import Testing

@testable import IO

struct AtomicWriteTests {
    @Test func writesAndReplaces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-io-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        try writeTextAtomically("a\n", to: path)
        try writeTextAtomically("b\n", to: path, byteOrderMark: true)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(data) == [0xEF, 0xBB, 0xBF, 0x62, 0x0A])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    @Test func failureLeavesNothing() {
        #expect(throws: OutputError.self) { try writeTextAtomically("x", to: "/nonexistent-dir-plancast/out.csv") }
    }
}
