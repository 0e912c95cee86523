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
}
