import Foundation
import Testing

@testable import IO

struct CSVTableTests {
    @Test func readsNumbersWithLineNumbers() throws {
        let t = try CSVTable(text: "y,x\n1,2\n\n3,\"4,000\"\n", file: "a.csv")
        #expect(t.header == ["y", "x"])
        #expect(t.lines == [2, 4])
        #expect(try t.numericColumn("x") == [2, 4000])
    }

    /// A file saved twice with a byte-order mark (the second one inside the text), and a header
    /// copied from a web page with a zero-width space: the columns are still found.
    @Test func invisibleCharactersAroundAHeaderAreNotPartOfIt() throws {
        let t = try CSVTable(text: "\u{FEFF}indicator,year\u{200B}\na,2022\n", file: "d.csv")
        #expect(t.header == ["indicator", "year"])
        #expect(try t.columnIndex("year") == 1)
    }

    /// Lines of spaces, tabs or a lone carriage return are blank: skipped, and counted.
    @Test func whitespaceLinesAreSkippedAndCounted() throws {
        let t = try CSVTable(text: "a,b\n1,2\n  \t \n\r\n3,4\n", file: "w.csv")
        #expect(t.rows == [["1", "2"], ["3", "4"]] && t.lines == [2, 5], "\(t.rows) \(t.lines)")
        // The separator is the first non-blank line's: blank lines before a tab-separated
        // header leave it tabs.
        for blank in ["  ", "\r", " \t "] {
            #expect(
                try CSVTable.separator(of: "\(blank)\na\tb\n1\t2\n", file: "t.tsv") == "\t",
                "\(Array(blank.unicodeScalars))")
        }
        #expect(try CSVTable(text: "  \na\tb\n1\t2\n", file: "t.tsv").rows == [["1", "2"]])
    }

    @Test func quotedLineBreaksAdvanceTheLineCount() throws {
        let t = try CSVTable(text: "name,v\n\"two\nlines\",1\nz,oops\n", file: "b.csv")
        #expect {
            try t.numericColumn("v")
        } throws: { error in
            let e = error as! InputError
            return e.file == "b.csv" && e.line == 4 && e.column == 2
        }
    }

    @Test func textInANumberColumnIsLocated() throws {
        let t = try CSVTable(text: "y,x\n1,2\n2,abc\n", file: "c.csv")
        #expect(
            throws: InputError(
                file: "c.csv", line: 3, column: 2, "'abc' is not a number in column 'x'",
                hint: "every cell of 'x' must be a finite number", zh: "列“x”中的“abc”不是数字",
                hintZh: "列“x”的每个单元格都必须是有限的数字")
        ) { try t.numericColumn("x") }
    }

    /// A table copied out of a spreadsheet is tab-separated: read as such when the header has
    /// tabs and no comma; semicolons (a decimal-comma spreadsheet's CSV) are an error that says
    /// how to save the file, as "2,5" would split.
    @Test func separators() throws {
        let tabs = try CSVTable(text: "\n y\tx \n1\t\"2,000\"\n", file: "t.tsv")
        #expect(tabs.header == ["y", "x"])
        #expect(try tabs.numericColumn("x") == [2000])
        let commas = try CSVTable(text: "y,x\tz\n1,2\t3\n", file: "c.csv")
        #expect(commas.header == ["y", "x\tz"])
        #expect { try CSVTable(text: "\ny;x\n1;2,5\n", file: "s.csv") } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.message.contains("semicolons")
        }
    }

    /// Excel's separator directive on the first line ("sep=,", "sep=\t") is not the header, and
    /// the rows keep their own line numbers; before 2026-12-01 "sep=," was read as a header of two
    /// columns, and every row was "a value in column 2, which has no name in the header".
    @Test func excelsSeparatorDirectiveIsNotTheHeader() throws {
        let commas = try CSVTable(text: "sep=,\r\ny,x\r\n1,2\r\n", file: "c.csv")
        #expect(commas.header == ["y", "x"] && commas.rows == [["1", "2"]] && commas.lines == [3])
        let tabs = try CSVTable(text: "SEP=\t\ny\tx\n1\t2\n", file: "t.csv")
        #expect(tabs.header == ["y", "x"] && tabs.lines == [3])
        #expect { try CSVTable(text: "sep=;\ny;x\n1;2,5\n", file: "s.csv") } throws: {
            ($0 as! InputError).message.contains("semicolons")
        }
        #expect { try CSVTable(text: "sep=,\n", file: "e.csv") } throws: {
            ($0 as! InputError).message.contains("empty")
        }
        // "sep=\t" before a header with a comma in a name: tabs, with either line end (each
        // ending mutated away in round seed 80 read the header as two comma-separated cells).
        for end in ["\n", "\r\n"] {
            let t = try CSVTable(text: "sep=\t\(end)y\tvalue (万元, current)\(end)1\t2\(end)", file: "t.csv")
            #expect(t.header == ["y", "value (万元, current)"] && t.rows == [["1", "2"]], "\(t.header)")
        }
        // A directive naming another separator before comma-separated lines is dropped, and the
        // commas read (round seed 80: a 5-character directive was taken for the header, or the
        // semicolon it names refused a file whose lines have none).
        let named5 = try CSVTable(text: "sep=;\ny,x\n1,2\n", file: "d.csv")
        #expect(named5.header == ["y", "x"] && named5.rows == [["1", "2"]] && named5.lines == [3])
        // A header whose first column merely starts with "sep=" and has other names is a header.
        let named = try CSVTable(text: "sep=a,b\n1,2\n", file: "n.csv")
        #expect(named.header == ["sep=a", "b"])
    }

    /// The duplicate-name check searched the names before each one: a header of 300,000
    /// columns (a 2.9 MB file) took minutes. The duplicate is still found, at once.
    @Test func wideHeadersAreCheckedInLinearTime() throws {
        let names = (0..<200_000).map { "c\($0)" } + ["c7"]
        let start = Date()
        #expect { try CSVTable(text: names.joined(separator: ",") + "\n", file: "w.csv") } throws: {
            ($0 as! InputError).column == 200_001
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    /// A quote opened by mistake and closed by a later quote on the row (or lines below) makes one
    /// cell of several: the row comes out short, and the hint said "the row looks truncated".
    /// It names the swallowing field instead.
    @Test func aStrayQuoteIsNamedAsTheLikelyCause() {
        func hint(_ text: String) -> String? {
            do {
                _ = try CSVTable(text: text, file: "q.csv")
                return nil
            } catch { return error.hint }
        }
        #expect(hint("a,b,c,d\n1,\"x,2,\"y\",4\n")?.contains("field 2 is quoted and holds separators") == true)
        #expect(hint("a,b,c\n\"x\ny,z\",1\n")?.contains("field 1 is quoted and holds 2 lines") == true)
        #expect(hint("a,b,c\n1,2\n") == "the row looks truncated")
        #expect(hint("a,b\n1,2,3\n") == "an unquoted comma may split a value")
    }

    /// A spreadsheet's CSV export ends lines in empty cells and writes empty rows as ",,,":
    /// both were errors ("empty column name in the header"). They are read as the data they
    /// hold; a value under an unnamed column is still an error at its cell, and a value beyond
    /// the header is located at that value.
    @Test func aSpreadsheetsEmptyCellsAreNotColumns() throws {
        let t = try CSVTable(text: "y,x,,\n1,2,,\n,,,\n3,4\n5,6,,,\n", file: "x.csv")
        #expect(t.header == ["y", "x"])
        #expect(t.rows == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(t.lines == [2, 4, 5])
        #expect { try CSVTable(text: "y,x,,\n1,2,,\n3,4,z,\n", file: "x.csv") } throws: {
            let e = $0 as! InputError
            return e.line == 3 && e.column == 3 && e.message.contains("no name in the header")
        }
        #expect { try CSVTable(text: "y,x\n1,2,,7\n", file: "x.csv") } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 4 && e.message == "row has 4 fields, the header has 2"
        }
        #expect { try CSVTable(text: "y,,x\n1,2,3\n", file: "x.csv") } throws: {
            ($0 as! InputError).message == "empty column name in the header"
        }
    }

    @Test func structuralErrors() {
        #expect(throws: InputError.self) { try CSVTable(text: "", file: "e.csv") }
        #expect { try CSVTable(text: "y,x\n1,2\n3\n", file: "t.csv") } throws: { ($0 as! InputError).line == 3 }
        #expect { try CSVTable(text: "y,y\n1,2\n", file: "d.csv") } throws: { ($0 as! InputError).column == 2 }
        #expect { try CSVTable(text: "y,x\n", file: "h.csv").numericColumn("y") } throws: {
            ($0 as! InputError).message.contains("no data rows")
        }
    }

    @Test func unknownColumnSuggestsTheNearest() throws {
        let t = try CSVTable(text: "value,period\n1,2\n", file: "f.csv")
        #expect { try t.columnIndex("valeu") } throws: { ($0 as! InputError).hint?.contains("'value'") == true }
    }

    @Test func seventeenSignificantDigits() {
        #expect(CSVFormat.full(0.1) == "0.10000000000000001")
        #expect(CSVFormat.full(1) == "1")
        #expect(CSVFormat.full(-4.0296252508040141e-05) == "-4.0296252508040141e-05")
    }

    @Test func fieldsAreQuotedWhenNeeded() {
        #expect(CSVFormat.line(["a,b", "say \"hi\"", "plain"]) == "\"a,b\",\"say \"\"hi\"\"\",plain\n")
        // Line breaks of every kind, "\r\n" (one Character) included: it was written unquoted.
        #expect(CSVFormat.line(["国家重大\r\n工程专家", "a\nb", "c\rd"]) == "\"国家重大\r\n工程专家\",\"a\nb\",\"c\rd\"\n")
        // What is written reads back as the same cells.
        let text = "name,x\n" + CSVFormat.line(["国家重大\r\n工程专家", "1"])
        let back = try? CSVTable(text: text, file: "t.csv")
        #expect(back?.rows == [["国家重大\r\n工程专家", "1"]])
    }

    @Test func numberSpellings() {
        #expect(parseNumber(" 12,345.5 ") == 12345.5)
        #expect(parseNumber("4.5%") == 4.5)
        #expect(parseNumber("-3e2") == -300)
        #expect(parseNumber("1,23") == nil)
        #expect(parseNumber("nan") == nil)
        #expect(parseNumber("inf") == nil)
        #expect(parseNumber("0x10") == nil)
        // Characters that show nothing (a zero-width space, a byte-order mark, a soft hyphen),
        // as copying a figure out of a web page leaves them, are not part of the number.
        #expect(parseNumber("2\u{200B}744") == 2744)
        #expect(parseNumber("\u{FEFF}3.83%\u{200D}") == 3.83)
        #expect(parseNumber("1\u{00AD}234") == 1234)
        #expect(parseNumber("\u{200B}") == nil)
        #expect("\u{FEFF}indicator\u{200B} ".trimmingWhitespace() == "indicator")
        #expect("a\u{200B}b".trimmingWhitespace() == "a\u{200B}b")
        #expect(parseNumber("") == nil)
        // Full-width forms, as a Chinese input method types them, read as their ASCII twins.
        #expect(parseNumber("１２") == 12)
        #expect(parseNumber("３，０００．５％") == 3000.5)
        #expect(parseNumber("－１ｅ３") == -1000)
        #expect(parseNumber("−7") == -7)
        #expect(parseNumber("１２元") == nil)
    }
}

/// Lines of the CSV reader that no test pinned until mutation round seed 80 (2026-12-06).
struct CSVReaderEdgesTests {
    /// A control character in a cell is named by its code point in four hex digits, in both
    /// languages (a mutant wrote "U+7").
    @Test func aControlCharacterIsNamedInFourHexDigits() {
        #expect { try CSVTable(text: "y,x\n1,a\u{7}b\n", file: "c.csv") } throws: { error in
            let e = error as! InputError
            return e.line == 2 && e.message.contains("U+0007") && e.messageZh?.contains("U+0007") == true
        }
    }

    /// A value under a column without a name gives the same column in Chinese as in English
    /// (the Chinese said column 1 of a value in column 3).
    @Test func aValueWithoutAColumnNameIsPlacedInBothLanguages() {
        #expect { try CSVTable(text: "y,x,\n1,2,3\n", file: "c.csv") } throws: { error in
            let e = error as! InputError
            return e.line == 2 && e.column == 3 && e.message.contains("a value in column 3")
                && e.messageZh?.hasPrefix("第 3 列有值") == true
        }
    }
}

/// Names from data files in warning lines: nothing in them moves the terminal's cursor.
struct OneLineTests {
    @Test func controlCharactersNewlinesIncludedAreEscaped() {
        #expect(InputError.oneLine("a\rb\nc\u{1B}[2Jd\u{200B}e") == "a\\u{d}b\\u{a}c\\u{1b}[2Jd\\u{200b}e")
        #expect(InputError.oneLine("昆山 gdp") == "昆山 gdp")
        #expect(InputError.oneLine(String(repeating: "x", count: 150)).count == 101)
        // Messages keep their own line breaks.
        #expect(InputError(file: "f", "one\ntwo").message == "one\ntwo")
    }
}
