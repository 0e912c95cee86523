import Forecasting
import Foundation
import Indicators
import Testing

@testable import Simulation

/// A plan's percentage shares are forecast as a batch of their own against the share library
/// (`ForecastSettings.forShares`), the rest of the plan as before.
struct ShareCalibrationTests {
    /// A stock of firms (2019–2022) and a share of output (47% in 2020, 49.5% in 2021): the
    /// model's share has the centre, scale and stratum of the share alone forecast with the
    /// share settings, and is mapped through the share calibration; the stock has those of the
    /// stock alone with the default settings. Before 2026-12-01 both were one batch with the
    /// levels' library and model, and the share went on at +2.5 points a year.
    @Test func aShareIsCalibratedWithTheShares() throws {
        let firms = Indicator(
            id: "firms", row: "1", nameZh: "f", nameEn: "f", category: "c", kind: .stock, unit: "家",
            targets: [2025: 3500], headline: HeadlineGoal(rule: .final, value: 3500))
        let share = Indicator(
            id: "hi", row: "2", nameZh: "h", nameEn: "h", category: "c", kind: .share, unit: "%",
            targets: [2025: 54], headline: HeadlineGoal(rule: .final, value: 54))
        let observations =
            zip(2019...2022, [2100.0, 2300, 2500, 2744]).map { Observation(indicator: "firms", year: $0, value: $1) }
            + [
                Observation(indicator: "hi", year: 2020, value: 47),
                Observation(indicator: "hi", year: 2021, value: 49.5),
            ]
        let plan = Plan(
            metadata: PlanSimulatorTests.meta, indicators: [firms, share], drivers: [], observations: observations)
        let model = try PlanModel.build(plan: plan)
        let horizon = 4  // from the share's 2021 to 2025
        func alone(_ id: String, _ values: [Double], from year: Int, _ t: Transform, _ s: ForecastSettings)
            throws -> SeriesForecast
        {
            let y = try YearlySeries(periods: Array(year..<(year + values.count)), values: values)
            return Forecaster.run([(id, y, t)], settings: s).forecasts[0]
        }
        let levels = ForecastSettings(horizon: horizon)
        let f = try alone("firms", [2100, 2300, 2500, 2744], from: 2019, .log, levels)
        let h = try alone("hi", [47, 49.5], from: 2020, .logit, levels.forShares())
        let (ms, mh) = (model.series[0], model.series[1])
        #expect(!ms.calibratedAsShare && mh.calibratedAsShare && model.shareCalibration != nil)
        #expect(ms.center == f.center && ms.scale == f.scale && ms.stratum == f.stratum)
        #expect(mh.center == h.center && mh.scale == h.scale && mh.stratum == h.stratum)
        #expect(mh.quantileMap == ErrorScale.strata + h.stratum && ms.quantileMap == f.stratum)
        #expect(mh.models == ["naive", "drift", "reference"], "\(mh.models)")
        // Its quantile map is the share calibration's.
        let shares = try #require(model.shareCalibration)
        let u = 2048  // the middle of the grid: u = 0, the median
        #expect(model.quantileMaps[mh.quantileMap][0][u] == shares.quantile(stratum: h.stratum, step: 1, 0.5))
        // The share's median path grows by a sixth of its one change a year, not by all of it.
        let d = log(49.5 / 50.5) - log(47.0 / 53.0)
        #expect(mh.center[0] - log(49.5 / 50.5) < d / 3, "\(mh.center)")
    }

    /// A plan of one share known by one figure: no level to calibrate, the share a one-point
    /// reference-class forecast from the share library, centred within a point of its figure
    /// (the shares' growth is near none), and its goal judged on every path.
    @Test func aPlanOfOneShareAlone() throws {
        let share = Indicator(
            id: "hi", row: "1", nameZh: "h", nameEn: "h", category: "c", kind: .share, unit: "%",
            targets: [2025: 54], headline: HeadlineGoal(rule: .final, value: 54))
        let plan = Plan(
            metadata: PlanSimulatorTests.meta, indicators: [share], drivers: [],
            observations: [Observation(indicator: "hi", year: 2021, value: 49.5)])
        let model = try PlanModel.build(plan: plan)
        #expect(model.series[0].calibratedAsShare && model.series[0].stratum == 0)
        let r = PlanSimulator.run(model: model, paths: 4096, seed: 5, threads: 2)
        let goal = try #require(r.targets.first { $0.spec.kind == .goal })
        let p = try #require(goal.pMet)
        #expect(p > 0.05 && p < 0.5, "\(p)")
        let median = try #require(goal.median)
        #expect(abs(median - 49.5) < 1, "\(median)")
    }
}
