import Foundation
import Testing

@testable import IO
@testable import Indicators
@testable import PlanFiles

/// Edges of the loaders that no test pinned until mutation round seed 75 (2026-12-06) changed
/// them and every test still passed: the plan's size counted with its drivers, the column of an
/// indicators.csv error and of a bound's misplaced percent, a driver's unknown kind in Chinese,
/// departments split at spaces, and a decrease goal's outcome read at its most favourable
/// rounding.
struct LoaderEdgesTests {
    /// A plan folder in a fresh temporary directory; the caller removes it.
    static func folder(indicators: String, drivers: String? = nil) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-edges-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write(
            "plan.yaml",
            "id: e\ntitle_en: Edges\nfirst_year: 2024\nlast_year: 2025\nbase_year: 2023\n"
                + "files: {indicators: indicators.csv, \(drivers == nil ? "" : "drivers: drivers.csv, ")"
                + "observations: observations.csv}\n")
        try write("indicators.csv", indicators)
        if let drivers { try write("drivers.csv", drivers) }
        try write("observations.csv", "indicator,year,value\na,2023,1\n")
        return dir
    }

    /// The limit counts indicators and drivers together: 999 indicators and 2 drivers are one
    /// series too many, refused at the drivers file's second row.
    @Test func thePlansSizeCountsItsDrivers() throws {
        var rows = ["indicator,kind,direction"]
        rows += (0..<(PlanLoader.maximumSeries - 1)).map { "i\($0),level,increase" }
        let dir = try Self.folder(
            indicators: rows.joined(separator: "\n") + "\n", drivers: "indicator,kind\ng1,level\ng2,level\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try PlanLoader.load(directory: dir.path) } throws: {
            let e = $0 as! InputError
            return e.file.hasSuffix("drivers.csv") && e.line == 3 && e.message.contains("at most 1000")
        }
    }

    /// An error in a row of indicators.csv points at the cell of its column, wherever the column
    /// stands; a driver's unknown kind is told in Chinese too; departments split at spaces, "、"
    /// and ";".
    @Test func anIndicatorsErrorPointsAtItsCell() throws {
        let dir = try Self.folder(indicators: "kind,direction,indicator\nlevel,increase,Bad-Id\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try PlanLoader.load(directory: dir.path) } throws: {
            let e = $0 as! InputError
            return e.file.hasSuffix("indicators.csv") && e.line == 2 && e.column == 3
        }
        // An indicator's unknown kind: the nearest valid one and the Chinese words, in both
        // languages (round 213: the Chinese hint could be the English one).
        let kind = try Self.folder(indicators: "indicator,kind,direction\na,stok,increase\n")
        defer { try? FileManager.default.removeItem(at: kind) }
        #expect { try PlanLoader.load(directory: kind.path) } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 2 && e.message == "unknown kind 'stok'"
                && e.hint?.hasPrefix("did you mean 'stock'? Valid: ") == true
                && e.hint?.hasSuffix(" (or 存量, 新增, 比重, 水平, 净增)") == true
                && e.messageZh == "未知的指标类型（kind）“stok”"
                && e.hintZh?.hasPrefix("是否想写“stock”？可用：") == true
                && e.hintZh?.hasSuffix("（或 存量、新增、比重、水平、净增）") == true
        }
        let drivers = try Self.folder(
            indicators: "indicator,kind,direction\na,level,increase\n", drivers: "indicator,kind\ng,levle\n")
        defer { try? FileManager.default.removeItem(at: drivers) }
        #expect { try PlanLoader.load(directory: drivers.path) } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 2 && e.hint?.hasPrefix("did you mean 'level'? Valid:") == true
                && e.hintZh?.hasPrefix("是否想写“level”？可用：") == true
        }
        let departments = try Self.folder(
            indicators: "indicator,kind,direction,departments\na,level,increase,科技局 工信局、人社局;财政局\n")
        defer { try? FileManager.default.removeItem(at: departments) }
        let plan = try PlanLoader.load(directory: departments.path).plan
        #expect(plan.indicators[0].departments == ["科技局", "工信局", "人社局", "财政局"])
    }

    /// A plan.yaml without `base_year` has the year before `first_year` as its base; a plan
    /// folder that names no observations file and holds none has no observations (a plan written
    /// before any data); an observations file given instead (`--observations`) that does not
    /// exist is an error naming it. Mutation round seed 181: `firstYear - 1` as `+ 1` refused every such plan, and
    /// `override == nil` as `!=` refused the folder and took the missing file as empty.
    @Test func aPlansDefaultBaseYearAndAMissingObservationsFile() throws {
        let dir = try Self.folder(indicators: "indicator,kind,direction\na,level,increase\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id: e\ntitle_en: Edges\nfirst_year: 2024\nlast_year: 2025\nfiles: {indicators: indicators.csv}\n"
            .write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("observations.csv"))
        let plan = try PlanLoader.load(directory: dir.path).plan
        #expect(plan.metadata.baseYear == 2023)
        #expect(plan.observations.isEmpty)
        let missing = dir.appendingPathComponent("elsewhere.csv").path
        #expect { try PlanLoader.load(directory: dir.path, observations: missing) } throws: {
            ($0 as! InputError).file == missing
        }
    }

    /// A headline goal's cells (mutation round 138): a rule with no goal, or a goal with no
    /// rule, is an error at the cell, not a row silently left without its headline; a growth
    /// goal that is not a number says how to write a percent; a percent sign on a stock's target
    /// is refused at that target's cell.
    @Test func headlineAndTargetCellsAreCheckedWhereTheyStand() throws {
        let header = "indicator,kind,direction,headline_rule,headline_goal,target_2024\n"
        func refusal(_ row: String) throws -> InputError? {
            let dir = try Self.folder(indicators: header + row + "\n")
            defer { try? FileManager.default.removeItem(at: dir) }
            do {
                _ = try PlanLoader.load(directory: dir.path)
                return nil
            } catch let e as InputError {
                return e
            }
        }
        let noGoal = try #require(try refusal("a,level,increase,final,,110"))
        #expect(
            noGoal.line == 2 && noGoal.column == 5 && noGoal.message == "headline goal '' is not a number", "\(noGoal)")
        let noRule = try #require(try refusal("a,level,increase,,120,110"))
        #expect(
            noRule.line == 2 && noRule.column == 4 && noRule.message.hasPrefix("unknown headline rule ''"), "\(noRule)")
        let growth = try #require(try refusal("a,level,increase,growth,abc,110"))
        #expect(
            growth.column == 5
                && growth.hint == "write the percent as a number: 6.5 for 6.5% a year, -15 for a 15% cut",
            "\(growth)")
        let percent = try #require(try refusal("a,stock,increase,final,120,45%"))
        #expect(
            percent.line == 2 && percent.column == 6
                && percent.message.hasPrefix("target '45%' for 2024 is a percentage"),
            "\(percent)")
        // In Chinese too, in Chinese words (mutation round seed 202: the English words).
        #expect(percent.messageZh?.hasPrefix("2024年目标“45%”是百分数，但“a”是存量") == true, "\(percent)")
        // A level goal with a percent sign is refused at its cell like a target; a growth goal
        // is a percent by its rule (round 202: `form == nil` as `!=` let the level goal through).
        let percentGoal = try #require(try refusal("a,stock,increase,final,45%,110"))
        #expect(
            percentGoal.column == 5
                && percentGoal.message == "headline goal '45%' is a percentage, but 'a' is a stock, not a share",
            "\(percentGoal)")
        // A level goal written with its unit is told how to write the number (round 202: the
        // growth goal's decimal-comma hint, nil here, was given instead).
        let unit = try #require(try refusal("a,level,increase,final,3500家,110"))
        #expect(unit.column == 5 && unit.hint?.contains("3500") == true, "\(unit)")
        // In Chinese too (round 213: the Chinese hint could be the English one).
        #expect(unit.hintZh?.hasPrefix("请写 3500：目标是按指标单位（unit 列）计的数字") == true, "\(unit)")
        // A rule written as the plan words a growth rate is told to write growth, in both
        // languages (round 213 again).
        let rate = try #require(try refusal("a,level,increase,增长率,6.5,110"))
        #expect(rate.column == 4 && rate.hint?.hasPrefix("write growth, with the goal as the percent a year") == true)
        #expect(rate.hintZh == "请写 growth，目标写每年的百分数（年均 6.5% 写 6.5）", "\(rate)")
    }

    /// A plan of one year (first_year = last_year: a yearly work plan) loads; a last year before
    /// the first is refused at last_year. (Round 213: `<=` as `<` refused the one-year plan.)
    @Test func aPlanOfOneYearLoads() throws {
        let dir = try Self.folder(indicators: "indicator,kind,direction\na,level,increase\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        func plan(_ first: Int, _ last: Int) throws {
            try
                "id: e\ntitle_en: Edges\nfirst_year: \(first)\nlast_year: \(last)\nbase_year: 2023\nfiles: {indicators: indicators.csv, observations: observations.csv}\n"
                .write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        }
        try plan(2024, 2024)
        let one = try PlanLoader.load(directory: dir.path).plan.metadata
        #expect(one.firstYear == 2024 && one.lastYear == 2024)
        try plan(2025, 2024)
        #expect { try PlanLoader.load(directory: dir.path) } throws: {
            let e = $0 as! InputError
            return e.message == "last_year 2024 is before first_year 2025" && e.line == 4
        }
    }

    /// A percent sign on a stock's bound is refused at the bound's own cell.
    @Test func aPercentOnABoundIsRefusedAtItsCell() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-edges-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("o.csv").path
        try "indicator,year,value,quality,lower,upper\nfirms,2023,3000,lower_bound,,3100%\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try ObservationsLoader.load(path: path, seriesIDs: ["firms"], kinds: ["firms": .stock])
        } throws: {
            let e = $0 as! InputError
            return e.line == 2 && e.column == 6 && e.message.contains("upper bound '3100%'")
        }
    }

    /// At most 4.5 (a decrease goal): "5" as written stands for 4.5–5.5, so "met" beside it
    /// stands (it may be 4.5), while "5.1" (5.05–5.15) misses the goal whatever its rounding.
    @Test func aDecreaseGoalsOutcomeIsReadAtItsMostFavourableRounding() throws {
        let meta = ScenarioNamesTests.plan.metadata
        let ind = Indicator(
            id: "u", row: "1", nameZh: "u", nameEn: "u", category: "c", kind: .level, unit: "%", direction: .decrease,
            targets: [:], headline: HeadlineGoal(rule: .final, value: 4.5))
        let plan = Plan(metadata: meta, indicators: [ind], drivers: [], observations: [])
        func load(_ value: String) throws -> Bool? {
            try OutcomesLoader.load(
                table: try CSVTable(text: "indicator,met,value\nu,1,\(value)\n", file: "o.csv"), plan: plan)["u"]?.met
        }
        #expect(try load("5") == true)
        #expect { _ = try load("5.1") } throws: { e in
            "\(e)".contains("o.csv:2:2") && "\(e)".contains("misses the goal of at most 4.5")
        }
        // In Chinese, "at most" for a decrease goal (mutation round 144 wrote 不低于, "at least").
        #expect { _ = try load("5.1") } throws: { e in
            (e as? InputError)?.messageZh?.contains("没有达到不高于 4.5 的目标") == true
        }
    }
}
