import Foundation
import Testing

@testable import IO

struct TextDecodingTests {
    @Test func utf8WithAndWithoutBOM() throws {
        let plain = Data("指标,值\n".utf8)
        #expect(try decodeText(plain, file: "x") == "指标,值\n")
        #expect(try decodeText(Data([0xEF, 0xBB, 0xBF]) + plain, file: "x") == "指标,值\n")
    }

    @Test func gb18030IsDetected() throws {
        // "高新技术企业" in GB18030/GBK, bytes from the GB2312 code table (independent of iconv).
        let gbk: [UInt8] = [0xB8, 0xDF, 0xD0, 0xC2, 0xBC, 0xBC, 0xCA, 0xF5, 0xC6, 0xF3, 0xD2, 0xB5]
        #expect(try decodeText(Data(gbk), file: "g.csv") == "高新技术企业")
        #expect(try decodeText(Data(gbk), file: "g.csv", encoding: .gb18030) == "高新技术企业")
        #expect(throws: InputError.self) { try decodeText(Data(gbk), file: "g.csv", encoding: .utf8) }
    }

    @Test func garbageIsLocated() {
        // 0xFF is valid in neither encoding.
        let bytes: [UInt8] = Array("a,b\n1,".utf8) + [0xFF, 0xFF]
        #expect { try decodeText(Data(bytes), file: "bad.csv") } throws: { error in
            let e = error as! InputError
            return e.line == 2 && e.column != nil
        }
    }
}
