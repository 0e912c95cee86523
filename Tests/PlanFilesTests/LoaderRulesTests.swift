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

    /// R&D intensity's goal is at least 4.5 in 2025. "4" as written stands for 3.5–4.5: it may
    /// have met 4.5 and may have missed it, so both met and not met stand beside it; "5"
    /// (4.5–5.5) meets it whatever its rounding, so "not met" beside it is a contradiction.
    @Test func anOutcomeValueIsReadAsWritten() throws {
        let plan = ScenarioNamesTests.plan
        func load(_ value: String, met: Int) throws(InputError) -> [String: GoalOutcome] {
            try OutcomesLoader.load(
                table: try CSVTable(text: "indicator,met,value\nrd_intensity,\(met),\(value)\n", file: "o.csv"),
                plan: plan)
        }
        #expect(try load("4", met: 0)["rd_intensity"]?.met == false)
        #expect(try load("4", met: 1)["rd_intensity"]?.met == true)
        #expect(try load("4.6", met: 1)["rd_intensity"]?.met == true)
        #expect { _ = try load("5", met: 0) } throws: { e in
            "\(e)".contains("o.csv:2:2") && "\(e)".contains("meets the goal of at least 4.5")
        }
        #expect { _ = try load("4.4", met: 1) } throws: { e in
            "\(e)".contains("o.csv:2:2") && "\(e)".contains("misses the goal of at least 4.5")
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
            try OutcomesLoader.load(
                table: try CSVTable(
                    text: "indicator,met,value\nnew_high_skilled_workers,\(met),\(value)\n", file: "o.csv"),
                plan: plan
            )["new_high_skilled_workers"]?.met
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
    }
}
