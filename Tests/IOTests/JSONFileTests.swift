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

    /// `true` and `false` are not numbers, although Foundation on Linux parses them as NSNumber
    /// (`as? Int` gives 1 and 0); numbers are, whole or not; strings are neither.
    @Test func booleansAreNotNumbers() throws {
        let o = try JSONFile.parse(
            Data(#"{"t": true, "f": false, "one": 1, "zero": 0, "x": 1.5, "big": 1e300, "s": "3"}"#.utf8),
            file: "j.json", what: "j")
        #expect(JSONFile.isBoolean(o["t"]) && JSONFile.isBoolean(o["f"]))
        #expect(!JSONFile.isBoolean(o["one"]) && !JSONFile.isBoolean(o["zero"]) && !JSONFile.isBoolean(o["s"]))
        #expect(JSONFile.number(o["t"]) == nil && JSONFile.number(o["f"]) == nil && JSONFile.number(o["s"]) == nil)
        #expect(JSONFile.number(o["one"]) == 1 && JSONFile.number(o["x"]) == 1.5 && JSONFile.number(o["big"]) == 1e300)
        #expect(JSONFile.integer(o["t"]) == nil && JSONFile.integer(o["x"]) == nil && JSONFile.integer(o["s"]) == nil)
        #expect(JSONFile.integer(o["one"]) == 1 && JSONFile.integer(o["zero"]) == 0)
        #expect(JSONFile.integer(o["missing"]) == nil && JSONFile.number(nil) == nil)
        #expect(
            JSONFile.unsigned(o["t"]) == nil && JSONFile.unsigned(o["x"]) == nil && JSONFile.unsigned(o["s"]) == nil)
        #expect(JSONFile.unsigned(o["one"]) == 1 && JSONFile.unsigned(o["zero"]) == 0)
        let big = try JSONFile.parse(Data(#"{"max": 18446744073709551615, "neg": -1}"#.utf8), file: "j.json", what: "j")
        #expect(JSONFile.unsigned(big["max"]) == UInt64.max && JSONFile.unsigned(big["neg"]) == nil)
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
