import Foundation

/// Files the IO tests share: a scratch folder of their own and the reference fixtures.
enum TestFiles {
    /// A new empty folder under the system's temporary folder; remove it with `remove(_:)`.
    static func scratchFolder(_ prefix: String = "plancast-io") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func remove(_ dir: URL) { try? FileManager.default.removeItem(at: dir) }

    /// A JSON fixture of `Fixtures/` (written by a script of scripts/eval from an independent
    /// reference), decoded.
    static func fixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try JSONDecoder().decode(type, from: Data(contentsOf: url))
    }
}
