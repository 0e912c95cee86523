import Foundation
import Testing

@testable import IO

struct JSONFileTests {
    /// A key's place counts every line, blank ones too (mutation round seed 49: a count that
    /// skipped blank lines passed every test).
    @Test func aKeysPlaceCountsBlankLines() {
        let data = Data("{\n\n  \"a\": 1,\n\n\n    \"b\" : 2}".utf8)
        #expect(JSONFile.position(ofKey: "a", in: data) == (3, 3))
        #expect(JSONFile.position(ofKey: "b", in: data) == (6, 5))
        // Only as a key: the same text as a value is passed over.
        #expect(JSONFile.position(ofKey: "v", in: Data("{\"k\": \"v\",\n \"v\": 0}".utf8)) == (2, 2))
        let missing = JSONFile.position(ofKey: "c", in: data)
        #expect(missing.line == nil && missing.column == nil)
    }

    /// A file cut short is placed at its end (Foundation gives no offset for "Unexpected end of
    /// file"; the error had no line or column until stop 68); a bad character at its own place.
    @Test func aFileCutShortIsPlacedAtItsEnd() {
        for (text, line, column) in [("{\n  \"a\": [1,\n   2", 3, 5), ("{\"a\":", 1, 6), ("{\n", 2, 1)] {
            do {
                _ = try JSONFile.parse(Data(text.utf8), file: "m.json", what: "m.json")
                Issue.record("\(text) parsed")
            } catch {
                #expect(
                    error.line == line && error.column == column, "\(text): \(error.line ?? -1):\(error.column ?? -1)")
            }
        }
        do {
            _ = try JSONFile.parse(Data("{\n  \"a\": x}".utf8), file: "m.json", what: "m.json")
            Issue.record("x parsed")
        } catch {
            #expect(error.line == 2 && error.column == 8, "\(error.line ?? -1):\(error.column ?? -1)")
        }
    }
}
