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
}
