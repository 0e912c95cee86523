import Testing

@testable import Indicators
@testable import Reporting

/// The evidence line under each fan chart, in both languages: the count and years of the exact
/// values, the grade (DESIGN.md §3.5: 2–3 weak, 4–7 moderate), and years known only by bounds,
/// which include a stock's mid-year count (until 2026-12-05 the line said only "over", "nearly"
/// for a chart whose one bounded year was a mid-year count).
struct EvidenceWordsTests {
    func history(_ years: [Int]) -> History {
        History(indicator: "x", points: years.map { Observation(indicator: "x", year: $0, value: 100) })
    }

    @Test func exactValuesAndBoundedYearsInWords() {
        let weak = Evidence(history: history([2022, 2023, 2024]), boundYears: [2025])
        #expect(
            EvidenceWords.describe(weak, language: .en)
                == "3 exact observations 2022–2024, weak evidence; 1 more year known only within bounds (\"over\", \"nearly\" or a mid-year count)"
        )
        #expect(
            EvidenceWords.describe(weak, language: .zh) == "3 个确切观测（2022–2024），证据较弱；另有 1 年仅知范围（如“突破”“超”“近”或年中时点值）")
        let moderate = Evidence(history: history([2020, 2021, 2022, 2023]))
        #expect(EvidenceWords.describe(moderate, language: .en) == "4 exact observations 2020–2023, moderate evidence")
        let one = Evidence(history: history([2024]))
        #expect(EvidenceWords.describe(one, language: .en).hasPrefix("1 exact observation (2024): a reference-class"))
        let none = Evidence(history: history([]), boundYears: [2023, 2024])
        #expect(
            EvidenceWords.describe(none, language: .en).hasPrefix("no exact observation, only bounds for 2023–2024"))
        #expect(EvidenceWords.describe(Evidence(history: history([])), language: .zh) == "无确切观测")
    }
}
