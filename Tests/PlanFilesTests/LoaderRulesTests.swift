import Foundation
import Testing

@testable import IO
@testable import Indicators
@testable import PlanFiles

/// Rules of the loaders at their edges: what an id may be, a volatility lever's range, and an
/// outcome's value read as written (its rounding can meet a goal, so it does not contradict met).
struct LoaderRulesTests {
    @Test func idsAreLowerCaseASCIILettersDigitsAndUnderscores() {
        for id in ["gdp", "rd_intensity", "a2", "x_2025_b"] {
            #expect(PlanLoader.isValidID(id), "\(id)")
        }
        for id in ["", "2a", "_a", "a-b", "a b", "a.b", "Gdp", "gDP", "研发", "é", "a\u{200B}"] {
            #expect(!PlanLoader.isValidID(id), "\(id)")
        }
    }

    @Test func aVolatilityScaleIsWithinZeroAndTen() throws {
        let plan = ScenarioNamesTests.plan
        /// How many levers the scenario holds.
        func scenario(_ scale: String) throws(InputError) -> Int {
            try ScenarioLoader.parse(
                text: "name: s\nvolatility:\n  - indicators: [rd_intensity]\n    scale: \(scale)\n", file: "s.yaml",
                plan: plan
            ).levers.count
        }
        #expect(try scenario("10") == 1)
        #expect(try scenario("0.01") == 1)
        for bad in ["0", "10.01", "-1"] {
            #expect { _ = try scenario(bad) } throws: { e in
                "\(e)".contains("s.yaml:4:12") && "\(e)".contains("scale must be in (0, 10]")
            }
        }
    }

    /// A normal amount reaches m ± 4s. A growth rate may reach 100% a year: mean 40, sd 15
    /// reaches −20% and 100% exactly (allowed); sd 15.25 reaches 101% (refused, at the amount);
    /// mean 0, sd 25 reaches −100% (refused).
    @Test func aNormalAmountReachesFourSDEitherWay() throws {
        let plan = ScenarioNamesTests.plan
        func scenario(_ amount: String) throws(InputError) -> Int {
            try ScenarioLoader.parse(
                text:
                    "name: s\ngrowth:\n  - name: g\n    indicators: [rd_intensity]\n    from: 2023\n    percent_per_year: \(amount)\n",
                file: "s.yaml", plan: plan
            ).levers.count
        }
        #expect(try scenario("{normal: {mean: 40, sd: 15}}") == 1)
        #expect { _ = try scenario("{normal: {mean: 40, sd: 15.25}}") } throws: { e in
            "\(e)".contains("s.yaml:6:23") && "\(e)".contains("reaches 101.0%, above 100.0%")
        }
        #expect { _ = try scenario("{normal: {mean: 0, sd: 25}}") } throws: { e in
            "\(e)".contains("s.yaml:6:23") && "\(e)".contains("reaches -100.0%, below -99.0%")
        }
        // A lognormal reaches exp(meanlog + 4 sdlog): exp(2 + 8) ≈ 22,026% is refused, while
        // exp(1 + 4 · 0.5) ≈ 20% is read.
        #expect(try scenario("{lognormal: {meanlog: 1, sdlog: 0.5}}") == 1)
        #expect { _ = try scenario("{lognormal: {meanlog: 2, sdlog: 2}}") } throws: { e in
            "\(e)".contains("reaches 22026.") && "\(e)".contains("above 100.0%")
        }
    }

    /// Each kind of lever names its indicators (a driver path names its driver instead): a level
    /// shift and a shock read as their actions on the indicators listed.
    @Test func levelShiftsAndShocksActOnTheirIndicators() throws {
        let plan = ScenarioNamesTests.plan
        let s = try ScenarioLoader.parse(
            text: """
                name: s
                level_shifts:
                  - name: up
                    indicators: [rd_intensity]
                    year: 2024
                    percent: 5
                shocks:
                  - name: dip
                    indicators: [high_tech_enterprises]
                    year: 2023
                    probability: 0.3
                    percent: -8

                """, file: "s.yaml", plan: plan)
        #expect(s.levers.map(\.name) == ["up", "dip"])
        #expect(s.levers.map(\.series) == [["rd_intensity"], ["high_tech_enterprises"]])
        guard case .level(2024, .fixed(5)) = s.levers[0].action else {
            Issue.record("\(s.levers[0].action)")
            return
        }
        guard case .shock(2023, 0.3, .fixed(-8)) = s.levers[1].action else {
            Issue.record("\(s.levers[1].action)")
            return
        }
    }

    /// Numbers in messages: whole values below 10¹⁵ as integers, others as Swift writes them
    /// (`String(Double)`).
    @Test func valuesInMessagesAreWrittenPlainly() {
        #expect(ValueWording.format(999_999_999_999_999) == "999999999999999")
        #expect(ValueWording.format(1e15) == "1000000000000000.0")
        #expect(ValueWording.format(-3) == "-3" && ValueWording.format(2.5) == "2.5")
    }

    /// An outcome for an indicator without a headline goal is an error at its id's cell.
    @Test func anOutcomeNeedsAHeadlineGoal() throws {
        let meta = ScenarioNamesTests.plan.metadata
        let ind = Indicator(
            id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: .level, unit: "u", targets: [2023: 1],
            headline: nil)
        let plan = Plan(metadata: meta, indicators: [ind], drivers: [], observations: [])
        #expect {
            try OutcomesLoader.load(table: try CSVTable(text: "met,indicator\n1,x\n", file: "o.csv"), plan: plan)
        } throws: { e in
            "\(e)".contains("o.csv:2:2: 'x' has no headline goal to have met")
        }
    }

    /// A driver in an outcomes file, by id or by name, was "not an indicator of the plan", of a
    /// series the plan holds; it is a driver, which has no goal to have met (2026-12-05).
    @Test func aDriversOutcomeIsNamedAsADriver() throws {
        for written in ["gdp", "地区生产总值"] {
            do {
                _ = try OutcomesLoader.load(
                    table: try CSVTable(text: "indicator,met\n\(written),1\n", file: "o.csv"),
                    plan: ScenarioNamesTests.plan)
                Issue.record("accepted \(written)")
            } catch {
                #expect(error.line == 2 && error.column == 1)
                #expect(
                    error.message
                        == "'\(written)' is a driver of the plan, not an indicator: it has no goal to have met")
                #expect(error.messageZh == "“\(written)”是本规划的驱动因素，不是指标：没有可达成的目标")
            }
        }
    }

    /// The outcome read from a one-row outcomes file "o.csv": `id`, `met` (1 or 0) and `value`
    /// as written, against the bundled plan.
    static func outcome(_ id: String, _ value: String, met: Int) throws(InputError) -> Bool? {
        try OutcomesLoader.load(
            table: try CSVTable(text: "indicator,met,value\n\(id),\(met),\(value)\n", file: "o.csv"),
            plan: ScenarioNamesTests.plan
        )[id]?.met
    }

    /// R&D intensity's goal is at least 4.5 in 2025. "4" as written stands for 3.5–4.5: it may
    /// have met 4.5 and may have missed it, so both met and not met stand beside it; "5"
    /// (4.5–5.5) meets it whatever its rounding, so "not met" beside it is a contradiction.
    @Test func anOutcomeValueIsReadAsWritten() throws {
        func load(_ value: String, met: Int) throws(InputError) -> Bool? {
            try Self.outcome("rd_intensity", value, met: met)
        }
        #expect(try load("4", met: 0) == false)
        #expect(try load("4", met: 1) == true)
        #expect(try load("4.6", met: 1) == true)
        #expect { _ = try load("5", met: 0) } throws: { e in
            "\(e)".contains("o.csv:2:2") && "\(e)".contains("meets the goal of at least 4.5")
        }
        #expect { _ = try load("4.4", met: 1) } throws: { e in
            "\(e)".contains("o.csv:2:2") && "\(e)".contains("misses the goal of at least 4.5")
        }
    }

    /// Newly attracted sci-tech projects: at least 1,000 every year. A `met` whose value misses
    /// 1,000 is a contradiction whichever year it reports; a `not met` with 1,200 is not (another
    /// year may have missed). Mutation round seed 181: `g.form == .level && met` as `!=` let the
    /// contradiction through.
    @Test func anEveryYearLevelMetIsSettledByAnyYearsValue() throws {
        let plan = ScenarioNamesTests.plan
        #expect(plan.indicator("new_sci_tech_projects")?.headline?.rule == .everyYear)
        func load(_ value: String, met: Int) throws(InputError) -> Bool? {
            try Self.outcome("new_sci_tech_projects", value, met: met)
        }
        #expect(try load("1200", met: 1) == true)
        #expect(try load("1200", met: 0) == false)
        #expect { _ = try load("900", met: 1) } throws: { e in
            "\(e)".contains("o.csv:2:2") && "\(e)".contains("misses the goal")
        }
    }

    /// New highly skilled workers: at least 40,000 over 2022–2025, a flow (never negative). A
    /// value may be the total or one year's flow; the total is at least any year's, so 40,500
    /// recorded as not met is a contradiction either way, while 39,000 is not (its other years
    /// may add the rest), nor is 40,000 ("4万": 39,500–40,500 as written), nor 12,000 recorded
    /// as met (it may be one year of four).
    @Test func aCumulativeFlowsValueSettlesOnlyWhatAnyReadingSettles() throws {
        let plan = ScenarioNamesTests.plan
        #expect(plan.indicator("new_high_skilled_workers")?.headline == HeadlineGoal(rule: .cumulative, value: 40000))
        func load(_ value: String, met: Int) throws(InputError) -> Bool? {
            try Self.outcome("new_high_skilled_workers", value, met: met)
        }
        #expect(try load("39000", met: 0) == false)
        #expect(try load("12000", met: 1) == true)
        #expect(try load("40000", met: 0) == false)
        #expect(try load("40500", met: 1) == true)
        #expect { _ = try load("40500", met: 0) } throws: { e in
            "\(e)".contains("o.csv:2:2") && "\(e)".contains("meets the goal of at least 40000 over the plan")
        }
        // A net change may fall: one year's 1,400 net new firms does not settle a total of 1,300.
        #expect(plan.indicator("net_new_high_tech_enterprises")?.kind == .netChange)
        let net = try OutcomesLoader.load(
            table: try CSVTable(text: "indicator,met,value\nnet_new_high_tech_enterprises,0,1400\n", file: "o.csv"),
            plan: plan)
        #expect(net["net_new_high_tech_enterprises"]?.met == false)
    }
}

/// A file of another kind given where observations are read is named for what it is, by its
/// header; a header that shares a column or two with it is not.
struct KnownTableTests {
    static func kind(_ header: String) throws -> String? {
        try KnownTable.of(CSVTable(text: header + "\n", file: "x.csv")).map { "\($0)" }
    }

    @Test func tablesAreKnownByTheirWholeHeader() throws {
        let forecasts = "scenario,indicator,year,observed,mean,p05,p10,p25,p50,p75,p90,p95,source"
        #expect(try Self.kind(forecasts) == "a run's forecasts table (plancast's output)")
        #expect(try Self.kind("scenario,indicator,year,value") == nil)
        #expect(try Self.kind("indicator,year,observed,p05") == nil)
        #expect(
            try Self.kind("indicator,year,value,quality")
                == "a plan's observations table (with how each figure is read)")
        // A drivers table has kind and name_zh and no year; the list of rows left out of the
        // observations (indicator_id,year,…,kind) is none of the plan's tables.
        #expect(try Self.kind("id,name_zh,name_en,kind,unit") == "a plan's drivers table")
        #expect(try Self.kind("indicator_id,year,value,unit,kind,reason,source_url") == nil)
        #expect(try Self.kind("id,name_zh,year,kind") == nil)
        // A forecast input needs both of its key columns (mutation round seed 160: either one).
        #expect(try Self.kind("series_id,period,value") == "a forecast input (series_id,period,value)")
        #expect(try Self.kind("series_id,year,value") == nil)
        #expect(try Self.kind("indicator,period,value") == nil)
        // A YAML file is known by either ending, whatever its first line holds.
        for name in ["plan.yaml", "scenario.YML", "s.yml"] {
            #expect(
                KnownTable.of(try CSVTable(text: "name: s\n", file: name)).map { "\($0)" }
                    == "a YAML file (a plan or a scenario)", "\(name)")
        }
    }
}

extension LoaderRulesTests {
    /// A hand-made plan needs only indicator, kind and direction (with its goal and targets), and
    /// a title in either language:
    /// parent, row, names, category and unit read as blank when the table has no such column,
    /// and a driver needs no names or unit. A column one or two edits from an optional one that
    /// is missing (`parnet`) is an error at its header cell, since it would be dropped. Until
    /// 2026-12-05 every one of those columns was required.
    @Test func aPlanNeedsOnlyIdKindAndDirection() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minimal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write(
            "plan.yaml",
            "id: m\ntitle_en: Minimal\nfirst_year: 2024\nlast_year: 2025\nbase_year: 2023\n"
                + "files: {indicators: indicators.csv, drivers: drivers.csv, observations: observations.csv}\n")
        try write(
            "indicators.csv",
            "indicator,kind,direction,headline_rule,headline_goal,target_2024,target_2025\na,level,increase,final,120,110,120\n"
        )
        try write("drivers.csv", "indicator,kind\ng,level\n")
        try write("observations.csv", "indicator,year,value\na,2021,90\na,2022,95\na,2023,101\ng,2023,5\n")
        let plan = try PlanLoader.load(directory: dir.path).plan
        #expect(plan.indicators.map(\.id) == ["a"] && plan.indicators[0].parent == nil)
        #expect(plan.indicators[0].headline?.value == 120 && plan.indicators[0].targets[2024] == 110)
        #expect(plan.indicators[0].name(in: .en) == "a" && plan.drivers[0].name(in: .zh) == "g")
        #expect(plan.metadata.title(in: .zh) == "Minimal")
        try write(
            "indicators.csv",
            "indicator,parnet,kind,direction,headline_rule,headline_goal\na,,level,increase,final,120\n")
        #expect { _ = try PlanLoader.load(directory: dir.path) } throws: {
            let e = $0 as! InputError
            return e.line == 1 && e.column == 2 && e.message.contains("did you mean 'parent'")
        }
    }
}
