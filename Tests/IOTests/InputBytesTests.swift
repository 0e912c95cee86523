import Foundation
import Testing

@testable import IO

/// A file too large for the memory its reading needs is refused before a byte is read, and the
/// refusal gives the file's size and the memory needed (mutation round seed 93: both figures of
/// the message could be computed wrongly and no test noticed).
struct InputBytesTests {
    @Test func aFileTooLargeForTheMemoryItNeedsIsRefusedWithBothFigures() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let path = dir.appendingPathComponent("big.csv").path
        // A sparse file of 10 MB, and a need per byte that puts it at ten times the spare memory.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 10_000_000)
        try handle.close()
        let factor = (MemoryBudget.spare(threads: 1) / 1e6).rounded(.up)
        do {
            _ = try readInputBytes(path: path, memoryFactor: factor)
            Issue.record("a file needing \(factor) bytes of memory per byte was read")
        } catch {
            #expect(error.file == path)
            let needed = String(format: "%.1f", 10e6 * factor / 1e9)
            #expect(
                error.message.hasPrefix("the file is 10 MB; reading it would need about \(needed) GB"),
                "\(error.message)")
            #expect(error.messageZh?.hasPrefix("文件有 10 MB；读取它约需 \(needed) GB") == true, "\(error.messageZh ?? "")")
        }
        // The same file within the budget is read whole.
        #expect(try readInputBytes(path: path, memoryFactor: 1).count == 10_000_000)
    }
}
