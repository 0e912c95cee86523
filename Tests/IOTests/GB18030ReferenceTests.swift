import Foundation
import Testing

@testable import IO

/// plancast's GB18030 decoding (iconv) against Python's own gb18030 codec: 300 random texts of
/// ASCII cells, common Chinese, full-width punctuation and four-byte characters (CJK Extension A
/// and B, accented Latin, emoji, the euro sign), encoded by Python
/// (`scripts/eval/gb18030_reference.py` wrote the fixture). Detection must choose GB18030 and
/// the text must come back as Python wrote it.
struct GB18030ReferenceTests {
    struct Case: Decodable {
        let hex: String
        let text: String
    }
    struct Fixture: Decodable { let cases: [Case] }

    static func bytes(_ hex: String) -> Data {
        var data = Data()
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            data.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return data
    }

    @Test func textsComeBackAsPythonEncodedThem() throws {
        let fixture = try TestFiles.fixture("gb18030-python-reference.json", as: Fixture.self)
        #expect(fixture.cases.count == 300)
        var failures = 0
        for (k, c) in fixture.cases.enumerated() {
            let data = Self.bytes(c.hex)
            let auto = try? decodeText(data, file: "case\(k).csv")
            let named = try? decodeText(data, file: "case\(k).csv", encoding: .gb18030)
            if auto != c.text || named != c.text {
                if failures < 5 {
                    Issue.record(
                        "case \(k): \(String(describing: auto).debugDescription), Python \(c.text.debugDescription)")
                }
                failures += 1
            }
        }
        #expect(failures == 0, "\(failures) of \(fixture.cases.count) texts decoded otherwise than Python encoded them")
    }
}
