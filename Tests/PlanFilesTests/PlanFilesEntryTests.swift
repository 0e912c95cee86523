import Foundation
import Testing

@testable import IO
@testable import PlanFiles

/// The `files:` entries of plan.yaml.
struct PlanFilesEntryTests {
    /// A copy of the bundled plan whose plan.yaml names its observations `name`.
    func plan(observations name: String) throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-files-\(UUID())")
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("Notebooks-data/kunshan-2022-2025"), to: dir)
        let yaml = dir.appendingPathComponent("plan.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        let edited = text.replacingOccurrences(
            of: "observations: observations.csv", with: "observations: \(name)")
        #expect(edited != text)
        try edited.write(to: yaml, atomically: true, encoding: .utf8)
        return dir
    }

    /// A named file that does not exist was read as "no observations" (every goal
    /// insufficient_data, exit 0); an absolute name was looked for inside the plan's folder.
    @Test func aNamedFileThatDoesNotExistIsAnErrorAtItsEntry() throws {
        let dir = try plan(observations: "obs.csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try PlanLoader.load(directory: dir.path) } throws: {
            let e = $0 as! InputError
            return e.file.hasSuffix("plan.yaml") && e.line == 15 && e.column == 17
                && e.message.contains("names 'obs.csv', which does not exist")
        }
    }

    /// An empty entry (`observations:`) or a folder was "cannot read the file: it is a folder",
    /// at the folder's path, with no line (found by scripts/eval/mutate_pipeline.py).
    @Test(arguments: [("''", "is empty"), (".", "names '.', which is a folder")])
    func anEmptyOrFolderEntryIsAnErrorAtItsEntry(name: String, message: String) throws {
        let dir = try plan(observations: name)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try PlanLoader.load(directory: dir.path) } throws: {
            let e = $0 as! InputError
            return e.file.hasSuffix("plan.yaml") && e.line == 15 && e.message.contains("files: observations \(message)")
        }
    }

    @Test func anAbsoluteNameIsReadWhereItPoints() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-obs-\(UUID()).csv")
        let dir = try plan(observations: elsewhere.path)
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try FileManager.default.copyItem(at: dir.appendingPathComponent("observations.csv"), to: elsewhere)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("observations.csv"))
        let loaded = try PlanLoader.load(directory: dir.path)
        #expect(loaded.plan.observations.count > 50)
        #expect(loaded.files.contains { $0.path == elsewhere.path })
    }
}
