import Foundation
import Testing

@testable import IO
@testable import Indicators
@testable import PlanFiles

struct ObservationsLoaderTests {
    static let kinds: [String: IndicatorKind] = ["rd_intensity": .share, "firms": .stock, "listings": .flow]

    func load(_ text: String) throws -> [Observation] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-obs-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("o.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try ObservationsLoader.load(path: path, seriesIDs: Array(Self.kinds.keys), kinds: Self.kinds)
    }

    @Test func wideLayoutWithSpreadsheetSpellings() throws {
        let o = try load("indicator,name,2021年,2022,2023\nrd_intensity,研发,3.8%,,\"3.9\"\nfirms,企业,\"2,744\",3000,\n")
        #expect(o.map(\.indicator) == ["rd_intensity", "rd_intensity", "firms", "firms"])
        #expect(o.map(\.year) == [2021, 2023, 2021, 2022])
        #expect(o.map(\.value) == [3.8, 3.9, 2744, 3000])
    }

    /// A spreadsheet exported with Chinese headers (指标,年份,数值,质量) reads as its English
    /// columns; a column the file also has in English keeps the English one, and two Chinese
    /// columns for one English name are an error at the second. Until 2026-12-05 such a file was
    /// refused with "no 'indicator' column".
    @Test func chineseHeadersAreReadAsTheirEnglishColumns() throws {
        let o = try load("指标,年份,数值,质量,备注\nfirms,2022,2744,actual,x\nfirms,2023,3000,lower_bound,\n")
        #expect(o.map(\.indicator) == ["firms", "firms"] && o.map(\.year) == [2022, 2023])
        #expect(o.map(\.value) == [2744, 3000] && o.map(\.quality) == [.actual, .lowerBound])
        let english = try load("indicator,year,value,数值\nfirms,2022,2744,9\n")
        #expect(english.map(\.value) == [2744])
        #expect { try load("指标,年份,年度,数值\nfirms,2022,2022,2744\n") } throws: {
            let e = $0 as! InputError
            return e.column == 3 && e.message.contains("'年份' and '年度' would both be read as year")
        }
    }

    /// A value worded as statistics word it ("超3000", "近700", "约3.5", "3000余", "50.5万") is an
    /// error whose hint gives the number and the quality that say the same; other text keeps the
    /// general hint.
    @Test func aWordedValueIsAnErrorThatSaysHowToWriteIt() throws {
        func hint(_ text: String) -> String {
            do {
                _ = try load(text)
                return "no error"
            } catch let e as InputError {
                return e.hint ?? ""
            } catch {
                return "\(error)"
            }
        }
        let long = "indicator,year,value\nfirms,2023,"
        #expect(hint(long + "超3000\n").hasPrefix("write 3000, and give the row quality lower_bound"))
        #expect(hint(long + "突破３，０００\n").hasPrefix("write 3000, and give the row quality lower_bound"))
        #expect(hint(long + "近700\n").hasPrefix("write 700, and give the row quality upper_bound"))
        #expect(hint(long + "约3.5\n").hasPrefix("write 3.5, and give the row quality estimate"))
        #expect(hint(long + "3000余\n").hasPrefix("write 3000, and give the row quality lower_bound"))
        #expect(hint(long + "3000左右\n").hasPrefix("write 3000, and give the row quality estimate"))
        #expect(
            hint(long + "50.5万\n")
                == "write the number in the indicator's unit, without '万': 50.5 for a unit of 万人, 505000 for 人")
        #expect(hint(long + "超50万\n").contains("500000 for 人, and give the row quality lower_bound"))
        // A unit typed after the number, with or without a wording or a multiplier.
        #expect(hint(long + "2744家\n").hasPrefix("write 2744 without the unit '家'"))
        #expect(
            hint(long + "3000余家\n").hasPrefix("write 3000 without the unit '家'")
                && hint(long + "3000余家\n").contains("quality lower_bound"))
        #expect(hint(long + "3000家以上\n").contains("quality lower_bound"))
        #expect(hint(long + "12亿元\n").hasSuffix("12 for a unit of 亿元, 1200000000 for 元"))
        #expect(hint(long + "(5)\n") == "write -5 for a negative number")
        #expect(hint(long + "\"3,8\"\n").hasPrefix("a decimal comma? write 3.8"))
        #expect(hint(long + "abc\n").hasPrefix("write a number"))
        #expect(hint(long + "(abc)\n").hasPrefix("write a number"))
        #expect(hint(long + "超\n").hasPrefix("write a number"))
        #expect(
            hint("indicator,2023\nfirms,超3000\n")
                == "write 3000 with quality lower_bound, in the long layout (indicator,year,value,quality)")
    }

    /// A row may name its series as the plan names it (a table pasted from a bulletin); a name
    /// two series share, or one that is another series' id, stays unknown; a near miss of a name
    /// is suggested with its id.
    @Test func aRowMayNameItsSeries() throws {
        let names = PlanLoader.seriesNames([
            ("firms", ["高新技术企业", "High-tech firms"]), ("listings", ["上市企业", "rd_intensity"]),
            ("rd_intensity", ["研发强度", "上市企业"]),
        ])
        #expect(names == ["高新技术企业": "firms", "High-tech firms": "firms", "研发强度": "rd_intensity"])
        func load(_ text: String) throws -> [Observation] {
            let t = try CSVTable(text: text, file: "o.csv")
            return try ObservationsLoader.load(
                table: t, seriesIDs: Array(Self.kinds.keys), kinds: Self.kinds, names: names)
        }
        let long = try load("indicator,year,value\n高新技术企业,2022,2744\nHigh-tech firms,2023,3000\n")
        #expect(long.map(\.indicator) == ["firms", "firms"] && long.map(\.value) == [2744, 3000])
        let wide = try load("indicator,2021,2022\n研发强度,3.8,3.9\n")
        #expect(wide.map(\.indicator) == ["rd_intensity", "rd_intensity"])
        #expect { try load("indicator,2021\n研发强度,3.8\nrd_intensity,3.9\n") } throws: {
            let e = $0 as! InputError
            return e.line == 3 && e.column == 1 && e.message.contains("'rd_intensity' has two rows (first on line 2)")
        }
        #expect { try load("indicator,year,value\n上市企业,2022,6\n") } throws: {
            ($0 as! InputError).message.contains("unknown indicator id '上市企业'")
        }
        #expect { try load("indicator,year,value\n高新技术企,2022,6\n") } throws: {
            ($0 as! InputError).hint?.hasPrefix("did you mean '高新技术企业' (firms)?") ?? false
        }
        // A message names the series as the row does (since 2026-12-05; before, by the id the
        // row never wrote: "“firms”2022年的“2744家”不是数字" for a row of 高新技术企业).
        #expect { try load("indicator,year,value\n高新技术企业,2022,2744家\n") } throws: {
            let e = $0 as! InputError
            return e.message == "'2744家' is not a number for '高新技术企业' in 2022"
                && e.messageZh == "“高新技术企业”2022年的“2744家”不是数字"
        }
        #expect { try load("indicator,2022\nHigh-tech firms,-3\n") } throws: {
            let e = $0 as! InputError
            return e.column == 2 && e.message.hasPrefix("value -3.0 for 'High-tech firms' is out of range")
        }
        #expect { try load("indicator,year,value\n研发强度,2022,3.9\nrd_intensity,2022,4.0\n") } throws: {
            ($0 as! InputError).messageZh == "“rd_intensity”2022年出现了两次（第一次在第 2 行）"
        }
        #expect { try load("indicator,year,value,measure\n研发强度,2022,3.9,growth\n") } throws: {
            ($0 as! InputError).messageZh?.hasPrefix("“研发强度”的增长率") ?? false
        }
    }

    /// A quality may be written as a bureau writes it: in Chinese (下限, 预计, 年中, 不可比) or
    /// the flag with spaces, hyphens or capitals; an unknown word is still an error, and so is
    /// a quality only plancast assigns (derived).
    @Test func aQualityMayBeWrittenInWords() throws {
        let o = try load(
            "indicator,year,value,quality\nfirms,2021,2308,实际\nfirms,2022,2744,预计\nfirms,2023,3000,突破\n"
                + "firms,2024,3300,Lower bound\nlistings,2022,6,not-comparable\nrd_intensity,2022,3.9,上限\n")
        #expect(o.map(\.quality) == [.actual, .estimate, .lowerBound, .lowerBound, .notComparable, .upperBound])
        for word in ["what", "derived", "bound_middle"] {
            #expect { try load("indicator,year,value,quality\nfirms,2022,2744,\(word)\n") } throws: {
                ($0 as! InputError).message.contains("unknown quality '\(word)'")
            }
        }
    }

    /// A `measure` column marks a row's value as the growth over the previous year in percent
    /// (growth, 增长率, 同比; blank for the value itself), kept beside the year's value; a growth
    /// rate of a share or over several years, of a mid-year count, at or below −100%, or an
    /// unknown measure is an error at its cell.
    @Test func aMeasureColumnMarksGrowthRates() throws {
        let header = "indicator,year,value,quality,measure,since\n"
        let o = try load(header + "firms,2023,3000,,,\nfirms,2023,9.3%,,增长率,\nlistings,2023,-20,预计,growth,\n")
        #expect(o.map(\.measure) == [.value, .growth, .growth])
        #expect(o.map(\.value) == [3000, 9.3, -20] && o[2].quality == .estimate)
        let errors: [(String, Int, String)] = [
            ("rd_intensity,2023,5,,growth,\n", 5, "a share's change is in percentage points"),
            ("firms,2023,5,,growth,2021\n", 6, "only growth over the previous year"),
            ("firms,2023,5,snapshot,growth,\n", 5, "a growth rate of quality snapshot"),
            ("firms,2023,-100,,growth,\n", 3, "is out of range"),
            ("firms,2023,5,,speed,\n", 5, "unknown measure 'speed'"),
        ]
        for (row, column, text) in errors {
            #expect(throws: InputError.self) { try load(header + row) }
            do {
                _ = try load(header + row)
            } catch let e as InputError {
                #expect(e.line == 2 && e.column == column && e.message.contains(text), "\(e)")
            }
        }
        // A misspelt column name is an error, not a column silently ignored.
        #expect { try load("indicator,year,value,measur\nfirms,2023,5,growth\n") } throws: {
            ($0 as! InputError).message.contains("did you mean 'measure'")
        }
    }

    @Test func longLayoutKeepsQualityAndSource() throws {
        let o = try load(
            "indicator,year,value,quality,source_title\nfirms,2023,3000,lower_bound,报道\nfirms,2023,2950,estimate,另一来源\n"
        )
        #expect(o.count == 2)
        #expect(o[0].quality == .lowerBound && o[0].source == "报道")
        #expect(o[0].location?.line == 2)
    }

    /// A count during the year bounds a stock's year end from below; of a flow it is the lower
    /// end of the year's amount and needs its upper end written; of a share (or a net change, a
    /// level) it needs both. It was read as the year's exact value (3 listings in the first half
    /// of a year made its milestone not_met). A row marked not selected is never used: no error.
    @Test func aSnapshotOfAnythingButAStockNeedsItsBoundsWrittenOut() throws {
        let header = "indicator,year,value,quality,lower,upper,selected\n"
        #expect { try load(header + "listings,2023,3,snapshot,,,\n") } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 4 && e.message.contains("says nothing of its end")
        }
        #expect { try load(header + "rd_intensity,2023,3.9,snapshot,,4.1,\n") } throws: {
            ($0 as! InputError).message.contains("does not bound the year's value")
        }
        let flow = try load(header + "listings,2023,3,snapshot,,12,\n")
        #expect(flow[0].bounds(kind: .flow).map { [$0.lower, $0.upper] } == [3, 12])
        let share = try load(header + "rd_intensity,2023,3.9,snapshot,3.8,4.1,\n")
        #expect(share[0].bounds(kind: .share).map { [$0.lower, $0.upper] } == [3.8, 4.1])
        let stock = try load(header + "firms,2023,3072,snapshot,,,\n")
        #expect(stock[0].bounds(kind: .stock)?.lower == 3072)
        #expect(try load(header + "listings,2023,3,snapshot,,,no\n").count == 1)
    }

    /// Explicit bounds the wrong way round are refused at the upper bound's cell, wherever the
    /// columns stand.
    @Test func crossedBoundsAreRefusedAtTheUpperBound() throws {
        for (header, row, column) in [
            ("indicator,year,value,quality,lower,upper\n", "firms,2023,3000,lower_bound,3200,3100\n", 6),
            ("upper,indicator,lower,year,value\n", "3100,firms,3200,2023,3000\n", 1),
        ] {
            #expect {
                try load(header + row)
            } throws: {
                let e = $0 as! InputError
                return e.line == 2 && e.column == column
                    && e.message == "upper bound 3100.0 is below the lower bound 3200.0"
            }
        }
    }

    /// The `selected` column's words: yes, y, true, 1, 是 and x choose a report; no, n, false, 0
    /// and 否 keep it for the record; blank says nothing; any other word is an error at its cell.
    @Test func theSelectedColumnsWords() throws {
        let table = try CSVTable(text: "a\n1\n", file: "o.csv")
        for word in ["yes", "Y", "TRUE", "1", "是", "x", " yes "] {
            #expect(try ObservationsLoader.selection(word, table, line: 2, column: 3) == true, "\(word)")
        }
        for word in ["no", "N", "false", "0", "否"] {
            #expect(try ObservationsLoader.selection(word, table, line: 2, column: 3) == false, "\(word)")
        }
        #expect(try ObservationsLoader.selection("  ", table, line: 2, column: 3) == nil)
        #expect {
            try ObservationsLoader.selection("maybe", table, line: 2, column: 3)
        } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 3 && e.message.contains("selected must be yes or no")
        }
    }

    /// A sum over years of a flow ("2022年以来累计新增90个") is a row with `since`; it does not
    /// clash with the single years it covers. Only flows add up, `since` is a year not after the
    /// row's own (the same year is a plain value), and a sum is a report of amounts (not a count
    /// during the year): each problem at its cell.
    @Test func sumsOverYearsOfAFlow() throws {
        let header = "indicator,year,value,quality,since\n"
        let o = try load(header + "listings,2024,90,actual,2022\nlistings,2024,31,actual,\nlistings,2023,30,,2023\n")
        #expect(o.map(\.since) == [2022, nil, nil])
        #expect(try load(header + "listings,2024,900,actual,1975\n")[0].since == 1975)
        #expect(o[0].year == 2024 && o[0].value == 90)
        let cases: [(row: String, message: String)] = [
            ("listings,2024,90,actual,x", "is not a year"),
            ("listings,2024,90,actual,2025", "after the row's year"),
            ("firms,2024,900,actual,2022", "only a flow's amounts and a net change's changes add up"),
            ("listings,2024,90,snapshot,2022", "quality snapshot"),
            ("listings,2024,90,spliced,2022", "quality spliced"),
            ("listings,2024,90,actual,1900", "a sum over 125 years"),
            // The longest sum read is 50 years (since = year − 49); one more is refused.
            ("listings,2024,90,actual,1974", "a sum over 51 years (1974–2024)"),
        ]
        for c in cases {
            #expect {
                try load(header + c.row + "\n")
            } throws: {
                let e = $0 as! InputError
                return e.line == 2 && e.column == 5 && e.message.contains(c.message)
            }
        }
        // The years counted in Chinese too (mutation round 144: year + since + 1).
        #expect {
            try load(header + "listings,2024,90,actual,1974\n")
        } throws: {
            ($0 as! InputError).messageZh == "累计了 51 年（1974–2024）"
        }
    }

    /// Column names are read without case or surrounding spaces: a spreadsheet's "Quality"
    /// column was ignored, so "突破3000" counted as exactly 3,000. A name one or two edits from a
    /// column that changes how rows are read ("qualty", "sine") is an error at its header cell;
    /// other columns (notes) are ignored as before; two names that differ only in case clash.
    @Test func columnNamesAreReadWithoutCaseAndMisspellingsAreErrors() throws {
        let o = try load("indicator, Year ,VALUE,Quality,Lower,Upper\nfirms,2023,3000,lower_bound,,3300\n")
        #expect(o.count == 1 && o[0].quality == .lowerBound && o[0].explicitUpper == 3300)
        for (header, column, near) in [("qualty", 4, "quality"), ("Sine", 4, "since"), ("lowr", 4, "lower")] {
            #expect {
                try load("indicator,year,value,\(header)\nfirms,2023,3000,x\n")
            } throws: {
                let e = $0 as! InputError
                return e.line == 1 && e.column == column && e.message.contains("'\(header)' is not read")
                    && e.message.contains("did you mean '\(near)'")
            }
        }
        #expect(try load("indicator,year,value,remark,units\nfirms,2023,3000,a note,家\n").count == 1)
        #expect {
            try load("indicator,year,value,quality,Quality\nfirms,2023,3000,actual,actual\n")
        } throws: {
            let e = $0 as! InputError
            return e.column == 5 && e.message.contains("'Quality' appears twice")
        }
    }

    @Test func duplicatesWithoutSourcesAreErrors() throws {
        #expect { try load("indicator,year,value\nfirms,2023,3000\nfirms,2023,3001\n") } throws: {
            let e = $0 as! InputError
            return e.line == 3 && e.message.contains("first on line 2")
        }
    }

    @Test func rangeChecks() throws {
        #expect { try load("indicator,year,value\nrd_intensity,2023,100\n") } throws: {
            ($0 as! InputError).column == 3
        }
        #expect { try load("indicator,year,value\nfirms,2023,-1\n") } throws: {
            ($0 as! InputError).message.contains("cannot be negative")
        }
        // In the wide layout, at the cell of the year: line 3, column 4 (2023).
        #expect { try load("indicator,name,2022,2023\nfirms,企业,10,11\nrd_intensity,研发,3.9,150\n") } throws: {
            let e = $0 as! InputError
            return e.line == 3 && e.column == 4 && e.message.contains("rd_intensity")
        }
        // Partial-year rows are never used, so their range is not held against them.
        #expect(try load("indicator,year,value,quality\nrd_intensity,2023,100,not_comparable\n").count == 1)
    }

    /// On an exact value, lower/upper give the interval its rounding stands for: they must hold it.
    @Test func boundsOnAnExactValueMustHoldIt() throws {
        let o = try load("indicator,year,value,quality,lower,upper\nfirms,2022,10000,actual,9500,10500\n")
        #expect(o[0].explicitLower == 9500 && o[0].bounds(kind: .stock) == nil)
        #expect {
            try load("indicator,year,value,quality,lower,upper\nfirms,2022,10000,actual,10100,10500\n")
        } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 5 && e.message.contains("above the value")
        }
        #expect { try load("indicator,year,value,quality,lower,upper\nfirms,2022,10000,estimate,,9999\n") } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 6 && e.message.contains("below the value")
        }
        // On a bound, an explicit column replaces the reading of its own end.
        #expect(
            try load("indicator,year,value,quality,lower,upper\nfirms,2023,3000,lower_bound,,3100\n")[0].bounds(
                kind: .stock)! == (3000, 3100))
    }
}
