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

/// UTF-16 files: a surrogate pair is one character; a lone surrogate, even as the last unit, is
/// located (line and column) instead of read or trapped on.
struct UTF16DecodingTests {
    static func utf16LE(_ units: [UInt16]) -> Data {
        Data([0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    }

    /// A byte that is neither UTF-8 nor GB18030 on the third line is located there.
    @Test func garbageOnALaterLineIsLocatedOnIt() {
        let bytes: [UInt8] = Array("a,b\n1,2\n3,".utf8) + [0xFF] + Array("\n".utf8)
        for encoding in [TextEncoding.auto, .gb18030] {
            #expect { try decodeText(Data(bytes), file: "bad.csv", encoding: encoding) } throws: { error in
                let e = error as! InputError
                return e.line == 3 && e.column == 3 && e.message.contains("neither valid UTF-8 nor GB18030")
            }
        }
    }

    /// Sequences that look like UTF-8 but are not (RFC 3629 §4: an overlong form, a surrogate,
    /// a code point above U+10FFFF) are located at their first byte when UTF-8 is asked for;
    /// they were "not valid text" with no line or column. A valid four-byte character at the
    /// very end is no error.
    @Test func overlongAndSurrogateFormsAreLocated() throws {
        for bad: [UInt8] in [
            [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
        ] {
            let bytes = Array("a,b\n1,".utf8) + bad + Array("\n".utf8)
            #expect { try decodeText(Data(bytes), file: "o.csv", encoding: .utf8) } throws: { error in
                let e = error as! InputError
                return e.line == 2 && e.column == 3 && e.message.contains("byte 0x\(String(bad[0], radix: 16))")
            }
        }
        #expect(try decodeText(Data(Array("a,😀".utf8)), file: "e.csv", encoding: .utf8) == "a,😀")
    }

    /// A character cut short by the end of the file (the first three bytes of 😀) is located at
    /// its first byte; a valid character before the bad byte is passed over, also at the very
    /// start of the file. Mutation round seed 80: the end-of-file check and the second byte's
    /// place were each changed and no test failed (one of them read past the end of the file).
    @Test func aCharacterCutShortAndOneBeforeTheBadByteAreReadRight() {
        let cut = Array("a,b\n1,".utf8) + [0xF0, 0x9F, 0x98]
        for encoding in [TextEncoding.auto, .utf8] {
            #expect { try decodeText(Data(cut), file: "c.csv", encoding: encoding) } throws: { error in
                let e = error as! InputError
                return e.line == 2 && e.column == 3 && e.message.contains("byte 0xf0")
            }
        }
        // Columns count characters, as an editor shows them: the bad byte after "高新技术企业,"
        // on line 2 is in column 8 (bytes 20), in UTF-8 or read as GB18030.
        let chinese = Array("a,b\n高新技术企业,".utf8) + [0xFF] + Array("\n".utf8)
        #expect { try decodeText(Data(chinese), file: "z.csv", encoding: .utf8) } throws: { error in
            let e = error as! InputError
            return e.line == 2 && e.column == 8
        }
        let gbk: [UInt8] = Array("a,b\n".utf8) + [0xB8, 0xDF, 0xD0, 0xC2] + Array(",".utf8) + [0xFF] + Array("\n".utf8)
        for encoding in [TextEncoding.auto, .gb18030] {
            #expect { try decodeText(Data(gbk), file: "g.csv", encoding: encoding) } throws: { error in
                let e = error as! InputError
                return e.line == 2 && e.column == 4 && e.message.contains("byte 0xff")
            }
        }
        // A GBK file whose stray byte is lines after its first Chinese character is reported
        // at the stray byte, not at that character (which is no UTF-8 but fine GBK).
        let later: [UInt8] = Array("a,b\n".utf8) + [0xB8, 0xDF] + Array(",1\n2,".utf8) + [0x80] + Array("\n".utf8)
        #expect { try decodeText(Data(later), file: "l.csv", encoding: .auto) } throws: { error in
            let e = error as! InputError
            return e.line == 3 && e.column == 3 && e.message.contains("byte 0x80")
        }
        let before = Array("中,b\n".utf8) + [0xFF] + Array("\n".utf8)
        #expect { try decodeText(Data(before), file: "b.csv", encoding: .utf8) } throws: { error in
            let e = error as! InputError
            return e.line == 2 && e.column == 1 && e.message.contains("byte 0xff")
        }
    }

    @Test func loneSurrogatesAreLocated() throws {
        let a = UInt16(UInt8(ascii: "a")), nl = UInt16(0x0A)
        // "a😀" then a new line, "a" and a high surrogate with nothing after it: line 2, column 2.
        let cases: [([UInt16], Int, Int, String)] = [
            ([a, 0xD83D, 0xDE00, nl, a, 0xD800], 2, 2, "0xD800"),
            // A high surrogate followed by a letter, and a low one alone.
            ([a, 0xD800, a], 1, 2, "0xD800"),
            ([a, a, 0xDC00], 1, 3, "0xDC00"),
        ]
        for (units, line, column, unit) in cases {
            #expect(throws: InputError.self) { try decodeText(Self.utf16LE(units), file: "u.csv") }
            do {
                _ = try decodeText(Self.utf16LE(units), file: "u.csv")
            } catch {
                #expect(error.line == line && error.column == column, "\(units): \(error)")
                #expect(error.message.contains("lone surrogate \(unit)"), "\(error.message)")
            }
        }
        #expect(try decodeText(Self.utf16LE([a, 0xD83D, 0xDE00]), file: "u.csv") == "a😀")
    }
}

/// The typing slips named beside a YAML parse error: a tab in the indentation (not one inside a
/// value) and a full-width colon in a key's place (not one inside a value).
struct YAMLTypingSlipTests {
    @Test func slipsAreNamedOnlyWhereTheyAre() {
        #expect(
            YAMLDocument.typingSlip(in: "a: 1\n\tb: 2\n", near: 2)?.hasPrefix("line 2 is indented with a tab") == true)
        #expect(
            YAMLDocument.typingSlip(in: "a: 1\n  \tb: 2\n", near: 3)?.hasPrefix("line 2 is indented with a tab") == true
        )
        // Lines are counted with the blank ones (round 201: blank lines dropped, the tab on line
        // 4 was named as line 3's).
        #expect(
            YAMLDocument.typingSlip(in: "a: 1\n\nb:\n\tc: 2\n", near: 4)?.hasPrefix("line 4 is indented with a tab")
                == true)
        #expect(YAMLDocument.typingSlip(in: "a:\tx\nb: [\n", near: 2) == nil, "a tab inside a value")
        #expect(YAMLDocument.typingSlip(in: "名称：x\n", near: 1)?.hasPrefix("line 1 has a full-width colon") == true)
        #expect(YAMLDocument.typingSlip(in: "description: 说明：x\n", near: 1) == nil)
        #expect(YAMLDocument.typingSlip(in: "", near: 1) == nil)
    }
}

/// Edges the IO module's second mutation round (seed 52) found untested.
struct IOEdgeTests {
    /// The byte that is not UTF-8 is located at its own column (bytes counted from 1).
    @Test func aByteThatIsNotUTF8IsLocatedAtItsColumn() {
        let bytes: [UInt8] = Array("a,b\n1,".utf8) + [0xFF, 0x31]
        #expect { try decodeText(Data(bytes), file: "bad.csv", encoding: .utf8) } throws: { error in
            let e = error as! InputError
            return e.line == 2 && e.column == 3
        }
    }

    /// An existing folder given as an output file is a conflict, with or without a final slash.
    @Test func aFolderIsNoOutputFile() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        #expect(outputConflict(dir.path, inputs: [])?.contains("is a folder") == true)
        #expect(outputConflict(dir.path + "/", inputs: [])?.contains("is a folder") == true)
        #expect(outputConflict(dir.path + "/out.csv", inputs: []) == nil)
    }

    /// Of equally close candidates the first is suggested (hints do not depend on a tie's order
    /// of discovery).
    @Test func theFirstOfEquallyCloseCandidatesIsSuggested() {
        #expect(nearest(to: "ab", among: ["ax", "ay"]) == "ax")
        #expect(nearest(to: "ab", among: ["ay", "ax"]) == "ay")
    }

    /// An id written short is found by its words when no candidate is close by edit distance
    /// ("skilled_workers" is 9 edits from "new_high_skilled_workers"); a word no candidate holds
    /// still finds nothing.
    @Test func anIdWrittenShortIsFoundByItsWords() {
        let ids = ["new_high_skilled_workers", "high_tech_enterprises", "new_high_value_invention_patents"]
        #expect(nearest(to: "skilled_workers", among: ids) == "new_high_skilled_workers")
        #expect(nearest(to: "Invention-Patents", among: ids) == "new_high_value_invention_patents")
        #expect(nearest(to: "high_tech_enterprise", among: ids) == "high_tech_enterprises")
        #expect(nearest(to: "apartments", among: ids) == nil)
        #expect(nearest(to: "", among: ids) == nil)
    }

    /// A thousands separator needs digits before it: ",123" is no number (read as 123 when empty
    /// groups were dropped).
    @Test func aLeadingGroupSeparatorIsNoNumber() {
        #expect(parseNumber(",123") == nil)
        #expect(parseNumber("-,123") == nil)
        // Nor may a group follow the decimal point (".1,234" read as 0.1234 when the empty
        // part before the point was dropped).
        #expect(parseNumber(".1,234") == nil)
        #expect(parseNumber("1,234") == 1234)
    }

    /// A row too short is located just after its last field.
    @Test func aShortRowIsLocatedAfterItsLastField() {
        #expect { try CSVTable(text: "a,b,c\n1,2\n", file: "short.csv") } throws: { error in
            let e = error as! InputError
            return e.line == 2 && e.column == 3
        }
    }
}
