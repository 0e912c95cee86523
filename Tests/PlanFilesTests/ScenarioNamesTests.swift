import Foundation
import Testing

@testable import IO
@testable import Indicators
@testable import PlanFiles

/// A scenario may name its series as indicators.csv and drivers.csv do, as an observations file
/// may: lever lists, assumptions, models and drivers read the same as with ids.
struct ScenarioNamesTests {
    static let plan: Plan = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try! PlanLoader.load(directory: root.appendingPathComponent("Notebooks-data/kunshan-2022-2025").path)
            .plan
    }()

    @Test func namesReadAsIds() throws {
        let byID = """
            name: s
            growth:
              - indicators: [rd_intensity, high_tech_enterprises]
                from: 2023
                percent_per_year: 1
            assumptions:
              industrial_rd_intensity: {2024: 2.1}
            models:
              gdp: drift
            """
        let byName = """
            name: s
            growth:
              - indicators: [全社会研发支出占地区生产总值比重, Certified high-tech enterprises]
                from: 2023
                percent_per_year: 1
            assumptions:
              规上工业企业研发投入强度: {2024: 2.1}
            models:
              地区生产总值: drift
            """
        let a = try ScenarioLoader.parse(text: byID, file: "a.yaml", plan: Self.plan)
        let b = try ScenarioLoader.parse(text: byName, file: "b.yaml", plan: Self.plan)
        #expect(a.levers.map(\.series) == [["rd_intensity", "high_tech_enterprises"]])
        #expect(b.levers.map(\.series) == a.levers.map(\.series))
        #expect(b.assumptions == a.assumptions && b.models == a.models && a.models["gdp"] == ["drift"])
        // The same series twice, once by name and once by id, is an error, not a silent overwrite.
        let twice = "name: s\nassumptions:\n  industrial_rd_intensity: {2024: 2.1}\n  规上工业企业研发投入强度: {2025: 2.2}\n"
        #expect { try ScenarioLoader.parse(text: twice, file: "t.yaml", plan: Self.plan) } throws: {
            ($0 as! InputError).message.contains("given twice under assumptions")
        }
        // An indicator listed twice in one lever is named as written: by its id alone, or by the
        // name with the id it stands for. (Mutant of round 194: the two forms swapped.)
        for (list, said) in [
            ("[rd_intensity, rd_intensity]", "'rd_intensity' is listed twice in indicators"),
            (
                "[rd_intensity, 全社会研发支出占地区生产总值比重]",
                "'全社会研发支出占地区生产总值比重' is 'rd_intensity', which is listed twice in indicators"
            ),
        ] {
            let text = "name: s\ngrowth:\n  - indicators: \(list)\n    from: 2023\n    percent_per_year: 1\n"
            #expect { try ScenarioLoader.parse(text: text, file: "l.yaml", plan: Self.plan) } throws: {
                ($0 as! InputError).message.hasPrefix(said)
            }
        }
        // A near miss of a name is answered with the name and its id.
        let near = "name: s\ngrowth:\n  - indicators: [全社会研发支出占地区生产总值比]\n    from: 2023\n    percent_per_year: 1\n"
        #expect { try ScenarioLoader.parse(text: near, file: "n.yaml", plan: Self.plan) } throws: {
            ($0 as! InputError).hint?.contains("did you mean '全社会研发支出占地区生产总值比重' (rd_intensity)?") ?? false
        }
    }

    /// A driver among a lever's indicators, or an indicator as a driver lever's `driver:`, by id
    /// or by name, is told as such at its place, naming what the file wrote. Before 2026-12-05
    /// `indicators: [地区生产总值]` gave "unknown indicator id 'gdp'" with "did you mean 'R&D
    /// expenditure as a share of GDP' (rd_intensity)?", and `driver: high_tech_enterprises`
    /// "unknown driver".
    @Test func aSeriesOfTheOtherKindIsNamedAsSuch() throws {
        let cases: [(String, line: Int, column: Int, en: String, zh: String, hint: String)] = [
            (
                "name: s\ngrowth:\n  - indicators: [rd_intensity, 地区生产总值]\n    from: 2023\n    percent_per_year: 1\n",
                3,
                32, "'地区生产总值' (gdp) is a driver, not an indicator", "“地区生产总值”（gdp）是驱动因素，不是指标",
                "a lever on a driver goes under drivers: (driver: gdp"
            ),
            (
                "name: s\nlevel_shifts:\n  - indicators: gdp\n    year: 2023\n    percent: 1\n", 3, 17,
                "'gdp' is a driver, not an indicator", "“gdp”是驱动因素，不是指标", "drivers:"
            ),
            (
                "name: s\ndrivers:\n  - driver: 有效高新技术企业\n    growth_percent: {2024: 3}\n", 3, 13,
                "'有效高新技术企业' (high_tech_enterprises) is an indicator, not a driver",
                "“有效高新技术企业”（high_tech_enterprises）是指标，不是驱动因素",
                "a lever on an indicator goes under growth:, level_shifts:, volatility: or shocks:"
            ),
        ]
        for c in cases {
            do {
                _ = try ScenarioLoader.parse(text: c.0, file: "k.yaml", plan: Self.plan)
                Issue.record("accepted: \(c.0)")
            } catch {
                #expect(error.line == c.line && error.column == c.column, "\(error)")
                #expect(error.message == c.en && error.messageZh == c.zh, "\(error)")
                #expect(error.hint?.contains(c.hint) ?? false, "\(error)")
            }
        }
    }
    /// A built-in group's name is refused in both languages with what it is (the plan's
    /// indicators for `all`, a category otherwise), and a lever's year is the plan's base year or
    /// one of its years. (Mutants of round 166: the Chinese message named `all` a category; a
    /// year was read as in the plan whenever it was not the base year, which refused the base
    /// year and took 2031.)
    @Test func builtInGroupsAndLeverYearsAreToldAsTheyAre() throws {
        let groups: [(String, en: String, zh: String)] = [
            ("all", "group 'all' is built in (the plan's indicators)", "指标组“all”是内置的（规划的全部指标）"),
            ("talent", "group 'talent' is built in (the plan's category)", "指标组“talent”是内置的（规划的类别）"),
        ]
        for (name, en, zh) in groups {
            let text = "name: s\ngroups:\n  \(name): [rd_intensity]\n"
            do {
                _ = try ScenarioLoader.parse(text: text, file: "g.yaml", plan: Self.plan)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.line == 3 && error.column == 3, "\(error)")
                #expect(error.message == en && error.messageZh == zh, "\(error)")
            }
        }
        #expect(Self.plan.metadata.baseYear == 2021)
        func growth(from year: Int) -> String {
            "name: s\ngrowth:\n  - indicators: [rd_intensity]\n    from: \(year)\n    percent_per_year: 1\n"
        }
        for year in [2021, 2025] {
            let s = try ScenarioLoader.parse(text: growth(from: year), file: "y.yaml", plan: Self.plan)
            #expect(s.levers.map(\.series) == [["rd_intensity"]], "from \(year)")
        }
        for year in [2020, 2031] {
            do {
                _ = try ScenarioLoader.parse(text: growth(from: year), file: "y.yaml", plan: Self.plan)
                Issue.record("accepted: from \(year)")
            } catch {
                #expect(error.line == 4 && error.column == 11, "\(error)")
                #expect(error.message == "year \(year) is outside the plan (2022–2025)", "\(error)")
            }
        }
    }
}
