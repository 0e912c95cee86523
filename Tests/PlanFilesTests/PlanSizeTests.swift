import Foundation
import Testing

@testable import IO
@testable import PlanFiles

/// The limit on a plan's size: at most `PlanLoader.maximumSeries` (1,000) indicators and drivers
/// together. Exactly 1,000 loads; 1,001 is an error at the first row beyond the limit.
struct PlanSizeTests {
    func plan(indicators count: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-size-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try
            "id: wide\ntitle_zh: 宽\ntitle_en: Wide\ndocument_number: x\nissuer: x\nissued: 2010-01-01\nfirst_year: 2011\nlast_year: 2015\nbase_year: 2010\n"
            .write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        var rows = ["indicator,parent,row,name_zh,name_en,category,kind,unit,direction,headline_rule,headline_goal"]
        rows += (0..<count).map { "i\($0),,\($0 + 1),指标,Indicator,c,level,u,increase,final,10" }
        try rows.joined(separator: "\n").write(
            to: dir.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try "indicator,year,value,quality\ni0,2010,1,actual\n".write(
            to: dir.appendingPathComponent("observations.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func aThousandSeriesLoadAndOneMoreIsRefused() throws {
        let full = try plan(indicators: 1000)
        defer { try? FileManager.default.removeItem(at: full) }
        #expect(try PlanLoader.load(directory: full.path).plan.indicators.count == 1000)
        let over = try plan(indicators: 1001)
        defer { try? FileManager.default.removeItem(at: over) }
        #expect { try PlanLoader.load(directory: over.path) } throws: {
            let e = $0 as! InputError
            return e.file.hasSuffix("indicators.csv") && e.line == 1002 && e.message.contains("at most 1000")
        }
    }
}
