import Foundation
import Testing

@testable import IO
@testable import Indicators
@testable import PlanFiles

/// Every reader of yearly values takes the same marks of no value (`isNoValueMark`: a blank, a
/// dash); the forecast input also reads the words analysts' tools write for a missing value
/// (`isMissingValueWord`), and a planner's files refuse them with a hint. Until 2026-12-06 each
/// reader had its own list: the forecast input's long layout read blank and `NA` but refused `-`,
/// its wide layout read `-`, `—` and `NA` but refused `–` and `#N/A`, the wide observations table
/// refused `–` and `——`, and a `lower`/`upper` bound of `-` was "not a number".
struct NoValueMarksReadersTests {
    static let dashes = ["-", "—", "–", "——", "－"]
    static let words = ["NA", "N/A", "#N/A", "NaN", "null", "..", ":"]

    @Test func theForecastInputReadsDashesAndWordsInEitherLayout() throws {
        for m in Self.dashes + Self.words {
            let long = try SeriesInput(
                table: CSVTable(text: "series_id,period,value\na,1,10\na,2,\(m)\na,3,12\n", file: "l.csv"))
            #expect(long.series[0].periods == [1, 3], "long \(m)")
            let wide = try SeriesInput(table: CSVTable(text: "series_id,2018,2019,2020\na,10,\(m),12\n", file: "w.csv"))
            #expect(wide.series[0].periods == [2018, 2020], "wide \(m)")
        }
    }

    @Test func aPlannersObservationsReadDashesAndRefuseWordsWithAHint() throws {
        let kinds: [String: IndicatorKind] = ["firms": .stock]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-marks-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("o.csv").path
        func load(_ text: String) throws -> [Observation] {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try ObservationsLoader.load(path: path, seriesIDs: ["firms"], kinds: kinds)
        }
        for m in Self.dashes {
            let wide = try load("indicator,2021,2022,2023\nfirms,2300,\(m),3000\n")
            #expect(wide.map(\.year) == [2021, 2023], "wide \(m)")
            let bounded = try load("indicator,year,value,quality,lower,upper\nfirms,2023,3000,lower_bound,\(m),3100\n")
            #expect(bounded[0].bounds(kind: .stock)! == (3000, 3100), "lower \(m)")
        }
        for w in Self.words {
            #expect(throws: InputError.self, "wide \(w)") { try load("indicator,2021,2022\nfirms,2300,\(w)\n") }
        }
        #expect { try load("indicator,2021,2022\nfirms,2300,#N/A\n") } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 3 && (e.hint ?? "").hasPrefix("'#N/A' is a spreadsheet's failed lookup")
                && (e.hintZh ?? "").hasPrefix("“#N/A”是电子表格查找失败的标记")
        }
        #expect { try load("indicator,year,value\nfirms,2023,NA\n") } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 3 && e.message.contains("'NA' is not a number")
                && (e.hint ?? "").hasPrefix("'NA' marks a missing value in R or pandas")
        }
    }

    /// A yearbook's "…" (a figure below the smallest unit shown) is refused with what it means,
    /// in both languages and in every reader; other words keep their general hint.
    @Test func aYearbooksEllipsisIsRefusedWithWhatItMeans() throws {
        let hint = SeriesInputTests.hint
        #expect(
            hint("series_id,2018,2019\na,1,…\n").hasPrefix("2:3 '…' in a statistical yearbook marks a figure below"))
        #expect(hint("series_id,period,value\na,1,...\n").hasPrefix("2:3 '…' in a statistical yearbook"))
        #expect(hint("series_id,period,value\na,1,none\n").hasPrefix("2:3 write a finite number"))
        #expect(ValueWording.hint(for: "……", layout: .wide, chinese: true)?.hasPrefix("统计年鉴中的“…”表示数字不足最小单位数") == true)
        #expect(ValueWording.hint(for: "…", layout: .long)?.hasPrefix("'…' in a statistical yearbook") == true)
    }
}
