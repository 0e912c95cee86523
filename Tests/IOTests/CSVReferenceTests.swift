import Foundation
import Testing

@testable import IO

/// plancast's CSV reader against Python's csv module, an independent reader of RFC 4180: 400
/// random files (quoted separators, doubled quotes, line ends inside cells, LF and CRLF files,
/// blank lines, Chinese text) and the rows and start lines Python reads from them
/// (`scripts/eval/csv_reference.py` wrote the fixture; rows of empty cells are skipped on both
/// sides, as plancast documents).
struct CSVReferenceTests {
    struct Case: Decodable {
        let text: String
        let header: [String]
        let rows: [[String]]
        let lines: [Int]
    }
    struct Fixture: Decodable { let cases: [Case] }

    @Test func rowsAndLinesAgreeWithPythonsReader() throws {
        let fixture = try TestFiles.fixture("csv-python-reference.json", as: Fixture.self)
        #expect(fixture.cases.count == 400)
        var failures = 0
        for (k, c) in fixture.cases.enumerated() {
            do {
                let table = try CSVTable(text: c.text, file: "case\(k).csv")
                let same = table.header == c.header && table.rows == c.rows && table.lines == c.lines
                if !same && failures < 5 {
                    Issue.record(
                        "case \(k) \(c.text.debugDescription): rows \(table.rows) lines \(table.lines), Python \(c.rows) \(c.lines)"
                    )
                }
                if !same { failures += 1 }
            } catch {
                if failures < 5 { Issue.record("case \(k) \(c.text.debugDescription): \(error)") }
                failures += 1
            }
        }
        #expect(failures == 0, "\(failures) of \(fixture.cases.count) files read otherwise than Python reads them")
    }
}
