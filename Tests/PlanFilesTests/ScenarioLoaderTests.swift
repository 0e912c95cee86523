import Foundation
import Testing

@testable import IO
@testable import Indicators
@testable import PlanFiles

/// `ScenarioLoader.load`: inheritance between files, cycles, and names given twice. Until
/// 2026-12-06 only the command-line tests loaded scenario files together, so mutation round
/// seed 96 left the cycle check, the same-file check through a second spelling, and the
/// hint of a name taken from the file name unpinned in this target.
struct ScenarioLoaderTests {
    static let plan = ScenarioNamesTests.plan

    /// A folder of scenario files, removed by the caller.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-loader-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static let growth =
        "growth:\n  - name: push\n    indicators: [rd_intensity]\n    from: 2023\n    percent_per_year: 1\n"

    /// A lever without a name is named by its kind, its place among the file's levers of that
    /// kind (counted from 1, as a planner counts), its series and its year: the name that
    /// sensitivity.csv and the warnings show (mutation round seed 160: counted from −1).
    @Test func anUnnamedLeverIsNamedByItsKindPlaceSeriesAndYear() throws {
        let text =
            "name: s\ngrowth:\n  - indicators: [rd_intensity]\n    from: 2023\n    percent_per_year: 1\n"
            + "  - indicators: [rd_intensity]\n    from: 2024\n    percent_per_year: 2\n"
        let s = try ScenarioLoader.parse(text: text, file: "s.yaml", plan: Self.plan)
        #expect(s.levers.map(\.name) == ["growth1:rd_intensity:2023", "growth2:rd_intensity:2024"])
    }

    @Test func aChildTakesItsParentsLevers() throws {
        let dir = try Self.folder([
            "base.yaml": "name: base\n" + Self.growth,
            "child.yaml": "name: child\ninherits: base\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let loaded = try ScenarioLoader.load(
            paths: ["base.yaml", "child.yaml"].map { dir.appendingPathComponent($0).path }, plan: Self.plan)
        #expect(loaded.scenarios.map(\.name) == ["base", "child"])
        #expect(loaded.scenarios.map { $0.levers.map(\.series) } == [[["rd_intensity"]], [["rd_intensity"]]])
        // The parent found beside the child by its file name, though not given.
        let alone = try ScenarioLoader.load(paths: [dir.appendingPathComponent("child.yaml").path], plan: Self.plan)
        #expect(alone.scenarios.map(\.name) == ["child"] && alone.scenarios[0].levers.count == 1)
    }

    @Test func aCycleIsRefusedAtTheInheritsKey() throws {
        let dir = try Self.folder([
            "a.yaml": "name: a\ninherits: b\n",
            "b.yaml": "name: b\ninherits: a\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.yaml").path
        // By name, both files given.
        #expect {
            _ = try ScenarioLoader.load(paths: [a, dir.appendingPathComponent("b.yaml").path], plan: Self.plan)
        } throws: { e in
            let e = e as! InputError
            return e.message == "inheritance cycle: a → b → a" && e.line == 2 && e.column == 11
                && e.messageZh == "继承形成了循环：a → b → a"
        }
        // By file, only one given: b.yaml is found beside a.yaml and leads back to it.
        #expect {
            _ = try ScenarioLoader.load(paths: [a], plan: Self.plan)
        } throws: { e in (e as! InputError).message == "inheritance cycle: a → b → a" }
    }

    /// One file given under two spellings is "given twice", not two scenarios of one name.
    @Test func oneFileUnderTwoSpellingsIsGivenTwice() throws {
        let dir = try Self.folder(["s.yaml": "name: s\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("link.yaml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: dir.appendingPathComponent("s.yaml"))
        #expect {
            _ = try ScenarioLoader.load(paths: [dir.appendingPathComponent("s.yaml").path, link.path], plan: Self.plan)
        } throws: { e in (e as! InputError).message == "the file is given twice" }
    }

    /// Two files named alike in two folders: with no `name:` the hint says to give one; with
    /// `name:` keys it says to give each its own name.
    @Test func twoScenariosOfOneNameAreToldWhereTheNameComesFrom() throws {
        let one = try Self.folder(["s.yaml": "title_en: one\n"])
        let two = try Self.folder(["s.yaml": "title_en: two\n"])
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
        }
        let paths = [one, two].map { $0.appendingPathComponent("s.yaml").path }
        #expect {
            _ = try ScenarioLoader.load(paths: paths, plan: Self.plan)
        } throws: { e in
            let e = e as! InputError
            return e.message.hasPrefix("two scenarios are named 's'")
                && e.hint == "give this file a 'name:' of its own (its name comes from the file name)"
                && e.hintZh == "请给这个文件写一个自己的“name:”（目前名称取自文件名）"
        }
        try "name: s\n".write(toFile: paths[1], atomically: true, encoding: .utf8)
        #expect {
            _ = try ScenarioLoader.load(paths: paths, plan: Self.plan)
        } throws: { e in
            (e as! InputError).hint == "give each scenario its own name" && (e as! InputError).hintZh == "请给每个情景取不同的名称"
        }
    }

    /// A percentage assumed for a stock is refused in both languages at its cell (mutation
    /// round 115: the Chinese message could be the English one and no test saw it).
    @Test func aPercentageAssumedForAStockIsRefusedInBothLanguages() throws {
        let dir = try Self.folder(["p.yaml": "name: p\nassumptions:\n  gazelle_enterprises: {2021: 90%, 2022: 104}\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try ScenarioLoader.load(paths: [dir.appendingPathComponent("p.yaml").path], plan: Self.plan)
        } throws: { e in
            let e = e as! InputError
            return e.line == 3 && e.column == 31 && e.message.hasPrefix("'90%' is a percentage")
                && (e.messageZh?.hasPrefix("“90%”是百分数") ?? false) && e.hintZh == "请按指标自身的单位假设数值"
        }
    }

    /// An elasticity of ±10 is the largest a driver's effect may have; beyond it, the value is
    /// refused at its place.
    @Test func anElasticityOfTenIsTheEdge() throws {
        func driver(_ e: String) -> String {
            "name: s\ndrivers:\n  - driver: gdp\n    growth_percent: {2024: 3}\n    affects:\n"
                + "      - indicators: [rd_intensity]\n        elasticity: \(e)\n"
        }
        for e in ["10", "-10"] {
            let s = try ScenarioLoader.parse(text: driver(e), file: "d.yaml", plan: Self.plan)
            guard case .driverPath(_, _, let links) = s.levers[0].action else {
                Issue.record("not a driver path")
                return
            }
            #expect(links.map(\.elasticity) == [Double(e)!])
        }
        #expect {
            _ = try ScenarioLoader.parse(text: driver("10.5"), file: "d.yaml", plan: Self.plan)
        } throws: { e in
            let e = e as! InputError
            return e.message == "elasticity 10.5 is implausible (|e| ≤ 10)" && e.line == 7 && e.column == 21
        }
    }
}
