import Testing

@testable import Indicators
@testable import PlanFiles

/// indicators.csv's kind, direction and headline rule as a planning office writes them.
struct PlanWordsTests {
    @Test func chineseWordsAndOtherCasesAreRead() {
        #expect(PlanWords.kind("存量") == .stock)
        #expect(PlanWords.kind("新增") == .flow)
        #expect(PlanWords.kind("比重") == .share)
        #expect(PlanWords.kind("净增") == .netChange)
        #expect(PlanWords.kind("Net-change") == .netChange)
        #expect(PlanWords.direction("下降") == .decrease)
        #expect(PlanWords.direction("Increase") == .increase)
        #expect(PlanWords.rule("累计") == .cumulative)
        #expect(PlanWords.rule("Every year") == .everyYear)
        #expect(PlanWords.rule(" final ") == .final)
    }

    /// Words with two readings, and anything else, stay errors.
    @Test func wordsWithTwoReadingsAreNotGuessed() {
        #expect(PlanWords.kind("总量") == nil)
        #expect(PlanWords.kind("") == nil)
        #expect(PlanWords.direction("持平") == nil)
        #expect(PlanWords.rule("增速") == nil)
    }

    /// The Chinese report's own rule words read back: 末年值 is final; 年均增速 and 较基期变化
    /// (growth and change, whose goal is a rate) stay errors whose hint names the English word and
    /// what the goal must then be (2026-12-05: 末年值, the word the report prints, was refused).
    @Test func theReportsRuleWordsReadBackOrSayWhatToWrite() {
        #expect(PlanWords.rule("末年值") == .final)
        #expect(PlanWords.rule("年均增速") == nil && PlanWords.rateHint("年均增速")?.hasPrefix("write growth") == true)
        #expect(PlanWords.rateHint("较基期变化")?.hasPrefix("write change") == true)
        #expect(PlanWords.rateHint("累计") == nil)
    }

    /// A target or goal written as a plan words it ("3500家", "≥3500", "3500以上") is refused
    /// with the number to write and where its unit and direction go instead.
    @Test func aWordedTargetIsToldTheNumberToWrite() {
        for text in ["3500家", "≥3500", "3500以上", "超3500"] {
            #expect(
                ValueWording.targetHint(for: text)?.hasPrefix("write 3500: a target is a number") == true, "\(text)")
        }
        #expect(ValueWording.targetHint(for: "4万")?.contains("40000") == true)
        #expect(ValueWording.targetHint(for: "90,5")?.contains("write 90.5") == true)
        #expect(ValueWording.targetHint(for: "many") == nil)
    }
}
