import Testing

@testable import Indicators

struct EvidenceTests {
    func history(_ qualities: [Quality]) -> History {
        History(
            indicator: "x",
            points: qualities.enumerated().map {
                Observation(indicator: "x", year: 2010 + $0.offset, value: 1, quality: $0.element)
            })
    }

    @Test func grades() {
        #expect(Evidence(history: history([])).grade == .insufficient)
        #expect(Evidence(history: history([.actual])).grade == .referenceClass)
        #expect(Evidence(history: history([.actual]), bounds: 2).tag == "reference_class:n=1,2010-2010,bounds=2")
        #expect(Evidence(history: history([.actual, .actual])).grade == .weak)
        #expect(Evidence(history: history(Array(repeating: .actual, count: 5))).grade == .moderate)
        #expect(Evidence(history: history([.spliced, .spliced, .snapshot, .actual, .actual])).grade == .weak)
        #expect(Evidence(history: history(Array(repeating: .actual, count: 9))).grade == .strong)
        #expect(Evidence(history: history([.actual, .estimate, .actual])).tag == "weak:n=3,2010-2012,qualified=1")
    }
}
