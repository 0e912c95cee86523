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
}
