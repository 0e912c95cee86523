import Testing

@testable import Indicators

/// The written rule for conflicting sources (Indicators/ObservationSelection.swift), on the
/// conflicts that occur in the bundled Kunshan data.
struct ObservationSelectionTests {
    func obs(_ v: Double, _ text: String, _ q: Quality, year: Int = 2020) -> Observation {
        Observation(indicator: "gdp", year: year, value: v, text: text, quality: q)
    }

    @Test func actualBeatsEstimates() {
        // GDP 2020: two sources say 4250 (预计), one says 4276.8 (初步核算).
        let picked = ObservationSelection.select([
            obs(4250, "4250", .estimate), obs(4250, "4250", .estimate), obs(4276.8, "4276.8", .actual),
        ])
        #expect(picked.map(\.value) == [4276.8])
    }

    @Test func yearEndLowerBoundBeatsMidYearSnapshot() {
        // High-tech enterprises 2024: 3072 in mid-year vs "超3300" at year end.
        let picked = ObservationSelection.select([
            obs(3072, "3072", .snapshot, year: 2024), obs(3300, "3300", .lowerBound, year: 2024),
        ])
        #expect(picked.map(\.value) == [3300])
    }

    @Test func samQualityPrefersMorePreciseThenFirst() {
        // Industrial output 2020: 8972 and 9000.8, both provisional.
        #expect(
            ObservationSelection.select([obs(8972, "8972", .estimate), obs(9000.8, "9000.8", .estimate)]).map(\.value)
                == [9000.8])
        #expect(ObservationSelection.select([obs(1, "1.0", .actual), obs(2, "2.0", .actual)]).map(\.value) == [1])
    }

    @Test func partialYearsAndNonComparableRowsNeverWin() {
        let picked = ObservationSelection.select([
            obs(2375.2, "2375.2", .partialYear, year: 2023), obs(8870, "8870", .notComparable, year: 2013),
        ])
        #expect(picked.isEmpty)
    }

    @Test func yearsComeOutSorted() {
        let picked = ObservationSelection.select([
            obs(3, "3", .actual, year: 2022), obs(1, "1", .actual, year: 2019), obs(2, "2", .spliced, year: 2020),
        ])
        #expect(picked.map(\.year) == [2019, 2020, 2022])
    }

    @Test func significantDigits() {
        #expect(obs(4250, "4250", .actual).significantDigits == 3)
        #expect(obs(5140.6, "5140.60", .actual).significantDigits == 6)
        #expect(obs(0.05, "0.05", .actual).significantDigits == 1)
    }
}

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
        #expect(Evidence(history: history([.actual])).grade == .insufficient)
        #expect(Evidence(history: history([.actual, .actual])).grade == .weak)
        #expect(Evidence(history: history(Array(repeating: .actual, count: 5))).grade == .moderate)
        #expect(Evidence(history: history([.spliced, .spliced, .snapshot, .actual, .actual])).grade == .weak)
        #expect(Evidence(history: history(Array(repeating: .actual, count: 9))).grade == .strong)
        #expect(Evidence(history: history([.actual, .estimate, .actual])).tag == "weak:n=3,2010-2012,qualified=1")
    }
}

struct PlanConsistencyTests {
    static let meta = PlanMetadata(
        id: "t", titleZh: "t", titleEn: "t", documentNumber: "", firstYear: 2022, lastYear: 2023, baseYear: 2021)

    func plan(_ inds: [Indicator], obs: [Observation] = []) -> Plan {
        Plan(metadata: Self.meta, indicators: inds, drivers: [], observations: obs)
    }

    func ind(
        _ id: String, _ kind: IndicatorKind, _ t: [Double], rule: HeadlineRule, goal: Double, parent: String? = nil
    ) -> Indicator {
        Indicator(
            id: id, parent: parent, row: "1", nameZh: id, nameEn: id, category: "c", kind: kind, unit: "家",
            targets: [2022: t[0], 2023: t[1]], headline: HeadlineGoal(rule: rule, value: goal))
    }

    @Test func consistentPlanHasNoErrorsOrWarnings() {
        let f = PlanConsistency.check(
            plan([
                ind("stock", .stock, [100, 130], rule: .final, goal: 130),
                ind("net", .netChange, [20, 30], rule: .cumulative, goal: 50, parent: "stock"),
                ind("flow", .flow, [5, 5], rule: .cumulative, goal: 10),
            ]))
        #expect(f.filter { $0.severity >= .warning }.isEmpty, "\(f)")
        #expect(f.contains { $0.message.contains("stood at 80 at the end of 2021") })
    }

    @Test func netChangeThatDisagreesWithItsStock() {
        let f = PlanConsistency.check(
            plan([
                ind("stock", .stock, [100, 130], rule: .final, goal: 130),
                ind("net", .netChange, [20, 40], rule: .cumulative, goal: 60, parent: "stock"),
            ]))
        #expect(f.contains { $0.severity == .warning && $0.message.contains("disagrees with the stock milestones") })
    }

    @Test func shareOutsideRangeAndStockFalling() {
        let f = PlanConsistency.check(
            plan([
                ind("share", .share, [50, 100], rule: .final, goal: 100),
                ind("stock", .stock, [100, 90], rule: .final, goal: 90),
            ]))
        #expect(f.contains { $0.severity == .error && $0.indicator == "share" })
        #expect(
            f.contains {
                $0.severity == .warning && $0.indicator == "stock" && $0.message.contains("against the direction")
            })
    }

    @Test func observationsOutOfRangeAndChildAboveParent() {
        let f = PlanConsistency.check(
            plan(
                [
                    ind("p", .stock, [10, 12], rule: .final, goal: 12),
                    ind("c", .stock, [5, 6], rule: .final, goal: 6, parent: "p"),
                ],
                obs: [
                    Observation(indicator: "p", year: 2020, value: 8),
                    Observation(indicator: "c", year: 2020, value: 9),
                    Observation(indicator: "p", year: 2021, value: -1),
                ]))
        #expect(f.contains { $0.severity == .error && $0.message.contains("exceeds its parent") })
        #expect(f.contains { $0.severity == .error && $0.message.contains("outside the range") })
    }

    @Test func everyYearGoal() {
        let f = PlanConsistency.check(plan([ind("proj", .flow, [1000, 900], rule: .everyYear, goal: 1000)]))
        #expect(f.contains { $0.severity == .warning && $0.message.contains("below the every-year goal") })
    }
}
