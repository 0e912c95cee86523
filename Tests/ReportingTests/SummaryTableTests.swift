import Indicators
import Scenarios
import Simulation
import Testing

@testable import Reporting

/// The terminal summary at the widths users have.
struct SummaryTableTests {
    /// Wide: each probability with its label. Too narrow for the label ("0.42 可…" before
    /// 2026-12-02): the number alone, never cut; the names give way instead.
    @Test func aNarrowTerminalGetsTheNumberNotACutLabel() throws {
        let runs = try ScenarioRunner.run(
            plan: HTMLReportTests.plan(), scenarios: [Scenario(name: "baseline")], asOf: nil, paths: 256, seed: 3,
            threads: 1)
        let wide = SummaryTable.render(runs, language: .zh, width: 200)
        #expect(wide.contains("可能") || wide.contains("很可能") || wide.contains("可能性相当"), "\(wide)")
        for width in [28, 32] {
            let narrow = SummaryTable.render(runs, language: .zh, width: width)
            let rows = narrow.split(separator: "\n").filter { $0.contains("0.") || $0.contains("1.00") }
            #expect(!rows.isEmpty, "\(narrow)")
            for row in rows {
                #expect(
                    !row.hasSuffix("…") && row.range(of: #"[01]\.\d\d$"#, options: .regularExpression) != nil, "\(row)")
                #expect(TextTable.width(String(row)) <= width, "\(row)")
            }
        }
    }
}
