import Testing

@testable import IO
@testable import Indicators
@testable import PlanFiles

/// Lines of the series and scenario readers that no test pinned until mutation round seed 83
/// (2026-12-06).
struct ReaderEdgesTests {
    /// A table with a value column and columns named by numbers (years or not) is a long table
    /// without its period column, not a wide table: the value column would be dropped.
    @Test func aValueColumnBesideNumberedColumnsIsNotAWideTable() {
        for text in ["indicator,value,2019,2020\na,5,10,11\n", "indicator,value,1,2\na,5,10,11\n"] {
            #expect { try SeriesInput(table: CSVTable(text: text, file: "v.csv")) } throws: { error in
                let e = error as! InputError
                return e.line == 1 && e.message == "no column named 'period'"
            }
        }
    }

    /// A value outside its kind's range says what the range of that kind is.
    @Test func aValueOutOfRangeNamesItsKindsRange() {
        let text = "series_id,period,value\na,2019,-5\na,2020,3\n"
        #expect { try SeriesInput(table: CSVTable(text: text, file: "r.csv"), kind: .share) } throws: {
            ($0 as! InputError).message.hasSuffix("a share lies between 0 and 100 (percent)")
        }
        #expect { try SeriesInput(table: CSVTable(text: text, file: "r.csv"), kind: .stock) } throws: {
            ($0 as! InputError).message.hasSuffix("a stock cannot be negative")
        }
    }

    /// Whether the input splits its periods into train and test: only with a split column.
    @Test func aSplitIsReadOnlyFromItsColumn() throws {
        let split = try SeriesInput(
            table: CSVTable(text: "series_id,period,value,split\na,1,10,train\na,2,11,test\n", file: "s.csv"))
        #expect(split.hasSplit)
        let plain = try SeriesInput(table: CSVTable(text: "series_id,period,value\na,1,10\na,2,11\n", file: "p.csv"))
        #expect(!plain.hasSplit)
    }

    /// A quantity whose parameters cannot hold (a normal's negative sd) is refused in both
    /// languages.
    @Test func anImpossibleQuantityIsRefusedInBothLanguages() {
        let text = """
            name: s
            shocks:
              - name: dip
                indicators: [high_tech_enterprises]
                year: 2024
                probability: 0.5
                percent: {normal: {mean: -5, sd: -1}}
            """
        do {
            _ = try ScenarioLoader.parse(text: text, file: "q.yaml", plan: ScenarioNamesTests.plan)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "'percent': sd must be ≥ 0", "\(error)")
            #expect(error.messageZh == "“percent”：sd 必须 ≥ 0", "\(error)")
        }
    }
}
