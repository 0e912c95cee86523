import Foundation
import Testing

@testable import Indicators
@testable import Reporting
@testable import Scenarios
@testable import Simulation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The HTML report in process: well-formed, and every probability it shows is the one in the
/// attainment table.
struct HTMLReportTests {
    final class Collector: NSObject, XMLParserDelegate {
        var elements = [(name: String, attributes: [String: String])]()
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append((name, attributes))
        }
    }

    static func plan() -> Plan {
        let meta = PlanMetadata(
            id: "t", titleZh: "测试", titleEn: "test", documentNumber: "", firstYear: 2022, lastYear: 2025, baseYear: 2021
        )
        func indicator(_ id: String, goal: Double) -> Indicator {
            Indicator(
                id: id, row: id, nameZh: id, nameEn: id, category: "c", kind: .level, unit: "u",
                targets: [2023: goal * 0.9, 2025: goal], headline: HeadlineGoal(rule: .final, value: goal))
        }
        let values = [100.0, 104, 107, 113, 116, 121, 125, 131]
        let obs =
            ["a", "b"].flatMap { id in
                values.enumerated().map { Observation(indicator: id, year: 2014 + $0.offset, value: $0.element) }
            } + [
                Observation(indicator: "flat", year: 2020, value: 10000),
                Observation(indicator: "flat", year: 2021, value: 10001),
            ]
        return Plan(
            metadata: meta,
            indicators: [indicator("a", goal: 150), indicator("b", goal: 140), indicator("flat", goal: 10001)],
            drivers: [], observations: obs)
    }

    @Test func reportParsesAndShowsTheAttainmentProbabilities() throws {
        var push = Scenario(name: "push")
        push.levers = [Lever(name: "p", series: ["a"], action: .growth(fromYear: 2023, percentPerYear: .fixed(2)))]
        let runs = try ScenarioRunner.run(
            plan: Self.plan(), scenarios: [Scenario(name: "baseline"), push], asOf: nil, paths: 2048, seed: 3,
            threads: 1)
        let html = HTMLReport.render(runs: runs, sensitivity: [], language: .en, settings: ["seed": "3"])
        let parser = XMLParser(data: Data(html.utf8))
        let c = Collector()
        parser.delegate = c
        #expect(parser.parse(), "report.html is not well-formed: \(String(describing: parser.parserError))")
        // Every dashboard cell's data-p equals p_met of the same target in the attainment table.
        var expected = [String: [String]]()
        for r in runs {
            let rows = RunTables.attainmentRows(
                scenario: r.scenario.name, model: r.model, result: r.result, language: .en)
            expected[r.scenario.name] = rows.map { $0[7] }.filter { $0 != "insufficient_data" }
        }
        var shown = [String: [String]]()
        var scenario = ""
        for e in c.elements {
            if e.name == "table", let s = e.attributes["data-scenario"] { scenario = s }
            if e.name == "td", let p = e.attributes["data-p"], !scenario.isEmpty {
                shown[scenario, default: []].append(p)
            }
        }
        #expect(Set(shown.keys) == ["baseline", "push"])
        for (s, ps) in shown {
            for p in ps {
                #expect(expected[s]!.contains { abs(Double($0)! - Double(p)!) < 1e-9 }, "\(s): \(p) not in attainment")
            }
            #expect(ps.count >= 6, "\(s): \(ps.count) cells")
        }
    }
}
