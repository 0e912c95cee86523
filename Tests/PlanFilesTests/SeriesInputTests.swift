import Indicators
import Testing

@testable import IO
@testable import PlanFiles

/// The batch input of `forecast` and `backtest`.
struct SeriesInputTests {
    /// The shared collections' `series_id,t,value,split` and statsforecast's `unique_id,ds,y` read
    /// as `series_id,period,value`; two columns that could each be the period are an error, and a
    /// file with none still names the nearest column.
    @Test func theColumnsMayGoByTheirOtherNames() throws {
        let shared = try SeriesInput(
            table: CSVTable(text: "series_id,t,value,split\na,1,10,train\na,2,11,train\na,3,12,test\n", file: "s.csv"))
        #expect(shared.series.map(\.id) == ["a"] && shared.series[0].periods == [1, 2, 3])
        #expect(shared.series[0].values == [10, 11, 12] && shared.series[0].isTest == [false, false, true])
        let nixtla = try SeriesInput(table: CSVTable(text: "unique_id,ds,y\nb,2001,5\nb,2002,6\n", file: "n.csv"))
        #expect(nixtla.series.map(\.id) == ["b"] && nixtla.series[0].periods == [2001, 2002])
        // The name itself wins over an alias: `value` is read, `y` ignored.
        let both = try SeriesInput(table: CSVTable(text: "series_id,period,value,y\nc,1,7,99\n", file: "b.csv"))
        #expect(both.series[0].values == [7])
        #expect { try SeriesInput(table: CSVTable(text: "id,t,year,value\na,1,2001,1\n", file: "a.csv")) } throws: {
            ($0 as! InputError).message.contains("'t' and 'year' could each be it")
        }
        #expect { try SeriesInput(table: CSVTable(text: "series_id,when,value\na,1,1\n", file: "w.csv")) } throws: {
            ($0 as! InputError).message.contains("no column named 'period'")
        }
    }

    /// A batch headed in Chinese (指标,年份,数值, or 指标 and year columns) reads as the English
    /// one; with a 质量 column it is an observations table, refused as one (its bounds would be
    /// read as values), as with `quality` (2026-12-05).
    @Test func chineseHeadersReadAsTheEnglishOnes() throws {
        let long = try SeriesInput(table: CSVTable(text: "指标,年份,数值\na,2019,10\na,2020,11\n", file: "z.csv"))
        #expect(long.series.map(\.id) == ["a"] && long.series[0].periods == [2019, 2020])
        #expect(long.series[0].values == [10, 11])
        // Years as a Chinese table writes them in a long table's cells, as in its headers.
        let years = try SeriesInput(
            table: CSVTable(text: "指标,年份,数值\na,2019年,10\na,２０２０,11\na,2021年度,12\n", file: "y.csv"))
        #expect(years.series[0].periods == [2019, 2020, 2021])
        #expect {
            try SeriesInput(table: CSVTable(text: "指标,年份,数值\na,2019年上半年,10\n", file: "h.csv"))
        } throws: {
            "\($0)".contains("h.csv:2:2") && "\($0)".contains("is not an integer")
        }
        let wide = try SeriesInput(table: CSVTable(text: "指标,2019,2020\na,10,11\n", file: "w.csv"))
        #expect(wide.series[0].values == [10, 11])
        #expect {
            try SeriesInput(table: CSVTable(text: "指标,年份,数值,质量\na,2019,10,lower_bound\n", file: "q.csv"))
        } throws: {
            ($0 as! InputError).message.contains("this is a plan's observations table")
        }
    }

    /// A wide table whose columns are periods but not years (`series_id,1,2,3`) is refused at its
    /// first such column with the reason (only years head a wide table's columns) and the long
    /// layout to write instead; it used to say only that there was no period column
    /// (scripts/eval/series_metamorphic.py, 2026-12-05).
    @Test func aWideTableOfIndexesSaysItsColumnsAreNotYears() throws {
        #expect {
            try SeriesInput(table: CSVTable(text: "series_id,1,2,3\na,5,6,7\n", file: "i.csv"))
        } throws: {
            let e = $0 as! InputError
            return e.line == 1 && e.column == 2 && e.message.contains("is a period but not a year")
                && (e.hint ?? "").contains("series_id,period,value")
        }
        // Other columns without a period or value column keep the old message.
        #expect { try SeriesInput(table: CSVTable(text: "series_id,a,b\nx,1,2\n", file: "w.csv")) } throws: {
            ($0 as! InputError).message.contains("no column named 'period'")
        }
    }

    /// A blank value and `NA` (any case) are a missing period in the long layout: the series
    /// goes on without it; a word is a located error.
    @Test func blankAndNAValuesAreMissingPeriods() throws {
        let input = try SeriesInput(
            table: CSVTable(text: "series_id,period,value\na,1,10\na,2,\na,3,NA\na,4, na \na,5,14\n", file: "m.csv"))
        #expect(input.series.map(\.id) == ["a"] && input.series[0].periods == [1, 5])
        #expect(input.series[0].values == [10, 14])
        #expect {
            try SeriesInput(table: CSVTable(text: "series_id,period,value\na,1,10\na,2,none\n", file: "m.csv"))
        } throws: {
            let e = $0 as! InputError
            return e.line == 3 && e.column == 3 && e.message.contains("'none' is not a number")
        }
    }

    /// A wide table (a series per row, a column per year, as a spreadsheet holds it) reads as the
    /// long one: years in order whatever the column order, blank and `-` cells missing, other
    /// columns ignored; a row twice and a word in a year cell are located errors.
    @Test func aWideTableReadsAsTheLongOne() throws {
        let wide = try SeriesInput(
            table: CSVTable(
                text: "indicator,name,2019年,2018,2020,2021\nrd,研发,3.3,3.1,,3.6\nfirms,企业,2300,\"2,100\",-,2744\n",
                file: "w.csv"))
        let long = try SeriesInput(
            table: CSVTable(
                text:
                    "series_id,period,value\nrd,2018,3.1\nrd,2019,3.3\nrd,2021,3.6\nfirms,2018,2100\nfirms,2019,2300\n"
                    + "firms,2021,2744\n", file: "l.csv"))
        #expect(wide.series.map(\.id) == long.series.map(\.id) && !wide.hasSplit)
        #expect(wide.series.map(\.periods) == long.series.map(\.periods))
        #expect(wide.series.map(\.values) == long.series.map(\.values))
        #expect {
            try SeriesInput(table: CSVTable(text: "series_id,2018,2019\na,1,2\na,3,4\n", file: "d.csv"))
        } throws: {
            let e = $0 as! InputError
            return e.line == 3 && e.message.contains("series 'a' has two rows")
        }
        #expect { try SeriesInput(table: CSVTable(text: "series_id,2018,2019\na,1,x\n", file: "x.csv")) } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 3 && e.message.contains("'x' is not a number for 'a' in 2019")
        }
        // A series may span 10,000 periods, not one more (the span, last − first, in any row order).
        let widest = try SeriesInput(table: CSVTable(text: "series_id,period,value\na,10000,2\na,0,1\n", file: "s.csv"))
        #expect(widest.series.first?.periods.count == 2)
        #expect {
            try SeriesInput(table: CSVTable(text: "series_id,period,value\na,10001,2\na,0,1\n", file: "s.csv"))
        } throws: { e in (e as! InputError).message.contains("series 'a' would span 10001 periods") }
        // A kind's range holds in either layout, at the value's cell.
        #expect {
            try SeriesInput(table: CSVTable(text: "series_id,2018,2019\na,1,-2\n", file: "k.csv"), kind: .stock)
        } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 3 && e.message.contains("value -2.0 of series 'a' in period 2019")
        }
        #expect(
            try SeriesInput(table: CSVTable(text: "series_id,2018,2019\na,1,-2\n", file: "k.csv")).series.count == 1)
    }
    /// "LINE:COLUMN HINT" of the error reading `text` as a forecast input, or "no error".
    static func hint(_ text: String) -> String {
        do {
            _ = try SeriesInput(table: CSVTable(text: text, file: "t.tsv"))
            return "no error"
        } catch {
            return "\(error.line ?? 0):\(error.column ?? 0) \(error.hint ?? "")"
        }
    }

    /// A decimal comma ("1,5" in a tab-separated file, as a spreadsheet in many locales saves it)
    /// is refused at its cell with the number to write instead, in both layouts; "1,234" is a
    /// thousands separator and reads as 1234.
    @Test func aDecimalCommaIsRefusedWithTheNumberToWrite() throws {
        let hint = Self.hint
        #expect(hint("series_id\tperiod\tvalue\na\t2019\t1,5\n").hasPrefix("2:3 a decimal comma? write 1.5"))
        #expect(hint("series_id\t2019\t2020\na\t2\t-0,25\n").hasPrefix("2:3 a decimal comma? write -0.25"))
        #expect(hint("series_id\tperiod\tvalue\na\t2019\tabc\n").hasPrefix("2:3 write a finite number"))
        let thousands = try SeriesInput(
            table: CSVTable(text: "series_id\tperiod\tvalue\na\t2019\t1,234\n", file: "t.tsv"))
        #expect(thousands.series[0].values == [1234])
    }

    /// The input's errors in Chinese (stop 68, for `forecast --lang zh`) carry the same place and
    /// hints that fit the case: a share's range and a stock's sign, the number to write for a
    /// decimal comma. Mutation round 108: the kind's test and the Chinese cell hint could be
    /// turned round, and the span error's column moved, without a test failing.
    @Test func errorsInChineseKeepTheirPlacesAndFittingHints() throws {
        func error(_ text: String, kind: IndicatorKind? = nil) -> InputError? {
            do {
                _ = try SeriesInput(table: CSVTable(text: text, file: "t.csv"), kind: kind)
                return nil
            } catch { return error }
        }
        let share = try #require(error("series_id,period,value\na,2019,150\n", kind: .share))
        #expect(share.line == 2 && share.column == 3)
        #expect(share.hint?.hasPrefix("write shares in percent") == true, "\(share.hint ?? "")")
        #expect(share.hintZh?.hasPrefix("比例请写成百分数") == true, "\(share.hintZh ?? "")")
        #expect(share.messageZh == "序列“a”第 2019 期的值 150.0 超出 --kind share 的范围：比例在 0 到 100（百分数）之间")
        let stock = try #require(error("series_id,period,value\na,2019,-5\n", kind: .stock))
        #expect(stock.hint?.hasPrefix("check the sign and the unit") == true, "\(stock.hint ?? "")")
        #expect(stock.hintZh?.hasPrefix("请检查符号和单位") == true, "\(stock.hintZh ?? "")")
        let comma = try #require(error("series_id\tperiod\tvalue\na\t2019\t1,5\n"))
        #expect(comma.messageZh == "“1,5”不是数字" && comma.hintZh?.contains("1.5") == true, "\(comma.hintZh ?? "")")
        #expect(comma.hintZh != comma.hint, "\(comma.hintZh ?? "")")
        let span = try #require(error("id,value,period\na,1,0\na,2,10001\n"))
        #expect(span.line == 3 && span.column == 3, "\(span)")
        #expect(span.messageZh == "序列“a”将跨越 10001 期；plancast 最多处理 10000 期")
    }

    /// A wide table has no held-out values: every value is history (`isTest` false).
    @Test func aWideTableHoldsNothingOut() throws {
        let wide = try SeriesInput(table: CSVTable(text: "series_id,2018,2019,2020\na,1,2,3\nb,4,,6\n", file: "w.csv"))
        #expect(wide.series.map(\.isTest) == [[false, false, false], [false, false]])
    }
}
