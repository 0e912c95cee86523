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
        #expect(
            Evidence(history: history([.actual]), boundYears: [2012, 2011]).tag
                == "reference_class:n=1,2010-2010,bounds=2")
        // Known only by bounds: the forecast starts from the bounds' middle with the library's growth.
        let bounded = Evidence(history: history([]), boundYears: [2024, 2022])
        #expect(bounded.grade == .referenceClass)
        #expect(bounded.tag == "reference_class:n=0,bounds=2,bound_years=2022-2024")
        #expect(Evidence(history: history([.actual, .actual])).grade == .weak)
        #expect(Evidence(history: history(Array(repeating: .actual, count: 5))).grade == .moderate)
        #expect(Evidence(history: history([.spliced, .spliced, .snapshot, .actual, .actual])).grade == .weak)
        // A grade lower only when more than half are qualified: two of four stay moderate, four of eight strong.
        #expect(Evidence(history: history([.spliced, .estimate, .actual, .actual])).grade == .moderate)
        #expect(Evidence(history: history([.spliced, .estimate, .estimate, .actual])).grade == .weak)
        #expect(Evidence(history: history([.estimate] + Array(repeating: .actual, count: 7))).grade == .strong)
        #expect(
            Evidence(history: history(Array(repeating: .estimate, count: 4) + Array(repeating: .actual, count: 4)))
                .grade == .strong)
        #expect(
            Evidence(history: history(Array(repeating: .estimate, count: 5) + Array(repeating: .actual, count: 4)))
                .grade == .moderate)
        #expect(Evidence(history: history(Array(repeating: .actual, count: 9))).grade == .strong)
        #expect(Evidence(history: history([.actual, .estimate, .actual])).tag == "weak:n=3,2010-2012,qualified=1")
    }
}
