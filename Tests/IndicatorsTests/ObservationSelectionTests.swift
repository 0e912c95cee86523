import Foundation
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

    /// Why a winner won (`check`'s words) weighs only the usable reports of its year that are
    /// not set aside: beside a partial year's figure or a row marked `selected: false`, an
    /// actual figure is the first of equally good reports, not the best quality (mutation round
    /// seed 95).
    @Test func theReasonWeighsOnlyUsableReportsNotSetAside() {
        let winner = obs(100, "100", .actual)
        #expect(
            ObservationSelection.reason(winner, among: [winner, obs(90, "90", .estimate)]) == "best quality (actual)")
        #expect(
            ObservationSelection.reason(winner, among: [winner, obs(90, "90", .partialYear)])
                == "first of equally good reports")
        let aside = Observation(
            indicator: "gdp", year: 2020, value: 90, text: "90", quality: .estimate, selected: false)
        #expect(ObservationSelection.reason(winner, among: [winner, aside]) == "first of equally good reports")
    }

    @Test func significantDigits() {
        #expect(obs(4250, "4250", .actual).significantDigits == 3)
        #expect(obs(5140.6, "5140.60", .actual).significantDigits == 6)
        #expect(obs(0.05, "0.05", .actual).significantDigits == 1)
    }
}

/// `Plan` selects each series' observations once and cuts the years afterwards: the same as
/// cutting first (the data range, `asOf`) and selecting among what is left, since selection goes
/// year by year. Checked on 400 hashed-at-random reports of mixed quality, marks and years.
struct PlanSelectionTests {
    @Test func selectingOnceThenCuttingEqualsCuttingThenSelecting() {
        // Knuth's multiplicative hash of (row, field): fixed, spread-out choices.
        func pick(_ k: Int, _ field: Int, _ m: Int) -> Int { (((k * 31 + field) &* 2_654_435_761) >> 11) % m }
        let qualities: [Quality] = [.actual, .estimate, .lowerBound, .snapshot, .partialYear, .spliced, .notComparable]
        let ids = ["x", "y"]
        var rows = [Observation]()
        for k in 0..<400 {
            let year = 2005 + pick(k, 1, 30)
            let digits = 1 + pick(k, 2, 4)
            let v = Double(1 + pick(k, 3, 9999)) / pow(10, Double(digits - 1))
            let mark: Bool? = [nil, nil, nil, true, false][pick(k, 4, 5)]
            rows.append(
                Observation(
                    indicator: ids[k % 2], year: year, value: v, text: String(v),
                    quality: qualities[pick(k, 5, qualities.count)], selected: mark))
        }
        let ind = ids.map {
            Indicator(
                id: $0, row: "1", nameZh: $0, nameEn: $0, category: "c", kind: .stock, unit: "家",
                targets: [2022: 100], headline: HeadlineGoal(rule: .final, value: 100))
        }
        let plan = Plan(metadata: PlanConsistencyTests.meta, indicators: ind, drivers: [], observations: rows)
        let range = PlanConsistencyTests.meta.dataYears
        var compared = 0
        for id in ids {
            for asOf in [nil, 2010, 2018, 2021, 2022, 2040] as [Int?] {
                let reference = ObservationSelection.select(
                    rows.filter { o in
                        o.indicator == id && range.contains(o.year) && (asOf.map { o.year <= $0 } ?? true)
                    })
                let got = plan.selectedHistory(of: id, asOf: asOf).points
                #expect(got.map(\.year) == reference.map(\.year), "\(id) as of \(asOf.map(String.init) ?? "all")")
                #expect(got.map(\.value) == reference.map(\.value), "\(id) as of \(asOf.map(String.init) ?? "all")")
                compared += reference.count
            }
        }
        #expect(compared > 100)
    }
}
