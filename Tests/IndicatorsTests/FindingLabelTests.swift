import Testing

@testable import Indicators

/// How a finding names its indicator (`Finding.tag`, `Plan.label`): by id in English (what the
/// files write) and by the Chinese name in Chinese, without the plan's "其中：" (or "of which:"
/// in English labels, a sensitivity chart's titles), which ties a
/// sub-item to the line above it in the plan's table. Until 2026-12-05 the terminal wrote
/// 【big_firms】 and the report 【其中：大企业】 for the same finding.
struct FindingLabelTests {
    func plan(_ names: [(id: String, zh: String, en: String)]) -> Plan {
        let indicators = names.map {
            Indicator(
                id: $0.id, row: "1", nameZh: $0.zh, nameEn: $0.en, category: "c", kind: .stock, unit: "家",
                targets: [2025: 1], headline: HeadlineGoal(rule: .final, value: 1))
        }
        return Plan(metadata: PlanConsistencyTests.meta, indicators: indicators, drivers: [], observations: [])
    }

    @Test func aLabelDropsTheLeadingOfWhichAndKeepsTheRest() {
        let p = plan([
            ("big", "其中：大企业", "of which: big firms"), ("half", "其中:小企业", ""), ("only", "其中：", "only"),
            ("mid", "企业（其中：大）", ""), ("en", "", "Firms"), ("none", "", ""), ("of", "", "Of which:  small"),
        ])
        #expect(p.label(of: "big", in: .zh) == "大企业")
        #expect(p.label(of: "half", in: .zh) == "小企业")
        // A name that is nothing but the lead keeps it (no empty label); one with it inside keeps it.
        #expect(p.label(of: "only", in: .zh) == "其中：")
        #expect(p.label(of: "mid", in: .zh) == "企业（其中：大）")
        // As `name(of:in:)`: the other language's name, else the id; English is untouched.
        #expect(p.label(of: "en", in: .zh) == "Firms")
        #expect(p.label(of: "none", in: .zh) == "none")
        #expect(p.label(of: "big", in: .en) == "Big firms")
        #expect(p.label(of: "unknown", in: .zh) == "unknown")
        #expect(p.label(of: "of", in: .en) == "Small")
    }

    @Test func aFindingNamesItsIndicatorInTheReadersLanguage() {
        let p = plan([("big", "其中：大企业", "of which: big firms")])
        let f = Finding(.warning, "big", "too big", at: SourceLocation(file: "i.csv", line: 3, column: 15), zh: "太大")
        #expect(f.text(in: .en, plan: p) == "i.csv:3:15: warning: [big] too big")
        #expect(f.text(in: .zh, plan: p) == "i.csv:3:15: 警告: 【大企业】太大")
        // Without the plan, or for an id it lacks, the id.
        #expect(f.text(in: .zh) == "i.csv:3:15: 警告: 【big】太大")
        #expect(Finding(.info, "gone", "x", at: nil, zh: "y").tag(in: .zh, plan: p) == "【gone】")
        #expect(Finding(.info, nil, "x", at: nil, zh: "y").tag(in: .zh, plan: p).isEmpty)
    }
}
