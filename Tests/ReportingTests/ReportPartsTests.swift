import Foundation
import Testing

@testable import Indicators
@testable import Reporting
@testable import Scenarios
@testable import Simulation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The report's parts against what they must show: the charts' geometry, the comparison table's
/// paired standard errors, the two readings of bounds, and the evaluation's scores and
/// reliability bins in closed form.
struct ReportPartsTests {
    static func runs() throws -> [ScenarioRun] {
        var push = Scenario(name: "push")
        push.levers = [Lever(name: "p", series: ["a"], action: .growth(fromYear: 2023, percentPerYear: .fixed(2)))]
        return try ScenarioRunner.run(
            plan: HTMLReportTests.plan(), scenarios: [Scenario(name: "baseline"), push], asOf: nil, paths: 1024,
            seed: 5, threads: 1)
    }

    /// The tornado of goal "a" with one lever of scenario "s" per difference in P(met).
    static func tornado(_ differences: [Double]) -> String {
        let rows = differences.map { d in
            ScenarioRunner.Sensitivity(
                scenario: "s", lever: "l\(d)", indicator: "a", pWith: 0.5, pWithout: 0.5 - d, difference: d,
                standardError: 0.001)
        }
        return Charts.tornado(goal: "a", rows: rows, title: "a")
    }

    /// The numbers of every `<rect …>` of an SVG, by attribute.
    static func rects(_ svg: String) -> [[String: Double]] {
        svg.matches(of: /<rect ([^>]*)\/>/).map { m in
            var out = [String: Double]()
            for a in String(m.1).matches(of: /(\w+)="([-0-9.]+)"/) { out[String(a.1)] = Double(a.2) }
            return out
        }
    }

    /// A bar's figure is the scenario's verdict where its evidence settles the goal (an assumed
    /// 2025 value of 200 against 150: "met"), and a simulated probability otherwise, never
    /// printed as a certainty (">0.99", not "1.00").
    @Test func aSettledBarReadsAsMetAndNoBarAsACertainty() throws {
        var assumed = Scenario(name: "assumed")
        assumed.assumptions = ["a": [2025: 200]]
        let runs = try ScenarioRunner.run(
            plan: HTMLReportTests.plan(), scenarios: [Scenario(name: "baseline"), assumed], asOf: nil, paths: 1024,
            seed: 5, threads: 1)
        let j = try #require(
            runs[1].result.targets.firstIndex {
                $0.spec.kind == .goal && runs[1].model.series[$0.spec.series!].id == "a"
            })
        #expect(runs[1].result.targets[j].status != .simulated)
        #expect(runs[0].result.targets[j].status == .simulated)
        let svg = try #require(Charts.goalComparison(runs: runs, language: .en))
        let labels = svg.matches(of: /<text [^>]*fill="#444">([^<]*)<\/text>/).map { String($0.1) }
        #expect(labels.contains("met"), "\(labels)")
        #expect(!labels.contains("1.00") && !labels.contains("0.00"), "\(labels)")
        // A simulated bar carries its bare figure: the verbal label would not fit beside it.
        #expect(labels.filter { $0 != "met" }.allSatisfy { $0.wholeMatch(of: /[<>]?[0-9.]+/) != nil }, "\(labels)")
        let zh = try #require(Charts.goalComparison(runs: runs, language: .zh))
        #expect(zh.contains(">已实现</text>"))
    }

    /// The scenario legend sits below the last goal's bars and inside the picture: the height
    /// is the rows' plus room for the legend (30 + rows + 20).
    @Test func theScenarioLegendLiesBelowEveryBar() throws {
        let svg = try #require(Charts.goalComparison(runs: try Self.runs(), language: .en))
        let height = try #require(svg.firstMatch(of: /height="([0-9.]+)" viewBox/).map { Double($0.1)! })
        let all = Self.rects(svg)
        let bars = all.filter { $0["height"] == 8 && $0["width"] != 8 }
        let legend = all.filter { $0["height"] == 8 && $0["width"] == 8 }
        #expect(bars.count == 6 && legend.count == 2, "\(all)")
        // The scale runs from 0.00 at the bars' start to 1.00 at 60 px from the right edge, and
        // each bar is P(met) of that length (data-p written beside it).
        let scale = try svg.matches(of: /<text x="([0-9.]+)"[^>]*>(0\.00|1\.00)<\/text>/).map {
            (Double($0.1)!, String($0.2))
        }
        let zero = try #require(scale.first { $0.1 == "0.00" }?.0),
            one = try #require(scale.first { $0.1 == "1.00" }?.0)
        let width = try #require(svg.firstMatch(of: /width="([0-9.]+)" height/).map { Double($0.1)! })
        #expect(abs(one - (width - 60)) < 0.11, "1.00 at \(one) in \(width)")
        for b in bars { #expect(abs(b["x"]! - zero) < 0.11) }
        let ps = svg.matches(of: /data-p="([0-9.]+)"/).map { Double($0.1)! }
        #expect(ps.count == bars.count)
        for (b, p) in zip(bars, ps) { #expect(abs(b["width"]! - (one - zero) * p) < 0.11, "\(b) for P \(p)") }
        let lowestBar = try #require(bars.map { $0["y"]! + 8 }.max())
        for l in legend {
            #expect(l["y"]! >= lowestBar, "legend at \(l["y"]!) over a bar ending at \(lowestBar)")
            #expect(l["y"]! + 8 <= height)
        }
    }

    /// Within each goal's row the scenarios' bars stand in run order, 10 px apart, from 4 px
    /// below the row's top: rows of 10 × 2 + 14 = 34 px from y = 30, so baseline at 34, 68, 102
    /// and push at 44, 78, 112. (Mutant of round 173: `y0 + 4 − 10i` put push above the row.)
    @Test func barsStandInRunOrderWithinEachGoalsRow() throws {
        let svg = try #require(Charts.goalComparison(runs: try Self.runs(), language: .en))
        func ys(_ scenario: String) throws -> [Double] {
            try svg.matches(of: try Regex("<rect x=\"[0-9.]+\" y=\"([0-9.]+)\"[^>]*data-scenario=\"\(scenario)\"")).map
            {
                Double($0.output[1].substring!)!
            }
        }
        #expect(try ys("baseline") == [34, 68, 102])
        #expect(try ys("push") == [44, 78, 112])
    }

    /// The tornado's bars scale to the largest difference, at least 0.05, over half the plot
    /// (130 px each side of the centre line at x = 430), and each value stands 3 px beyond its
    /// bar's end: −0.02 and +0.01 give bars of 52 and 26 px (x = 378 and 430) and labels at 375
    /// (anchored at their end) and 459. (Mutants of round 173: a floor of 0.0625, and labels 3 px
    /// inside the bar, on either side.)
    @Test func tornadoBarsScaleAndTheirValuesStandBeyondThem() throws {
        let svg = Self.tornado([0.01, -0.02])
        let bars = svg.matches(of: /<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"[^>]*data-difference/).map {
            (Double($0.1)!, Double($0.2)!)
        }
        #expect(bars.count == 2 && bars[0] == (378, 52) && bars[1] == (430, 26), "\(bars)")
        let labels = svg.matches(of: /<text x="([0-9.]+)"[^>]*text-anchor="(\w+)"[^>]*>([+−]0\.0[12]0)<\/text>/).map {
            (Double($0.1)!, String($0.2), String($0.3))
        }
        #expect(labels.count == 2, "\(labels)")
        #expect(labels.first { $0.2 == "−0.020" }.map { $0.0 == 375 && $0.1 == "end" } == true, "\(labels)")
        #expect(labels.first { $0.2 == "+0.010" }.map { $0.0 == 459 && $0.1 == "start" } == true, "\(labels)")
    }

    /// Each lever's name stands beside its own bar (its baseline within the bar's height), and
    /// the centre line runs from above the first bar to below the last. (Round 218's mutants
    /// moved the names a row up, `y − 12`, and started the line inside the first bar, `top + 4`.)
    @Test func tornadoNamesStandBesideTheirBarsAndTheCentreLineSpansThem() throws {
        let svg = Self.tornado([0.03, -0.02, 0.01])
        let bars = svg.matches(
            of: /<rect x="[0-9.]+" y="([0-9.]+)" width="[0-9.]+" height="([0-9.]+)"[^>]*data-difference/
        )
        .map { (y: Double($0.1)!, h: Double($0.2)!) }
        let names = svg.matches(of: /<text x="[0-9.]+" y="([0-9.]+)"[^>]*>s: l[^<]*<\/text>/).map { Double($0.1)! }
        #expect(bars.count == 3 && names.count == 3, "\(svg)")
        for (bar, name) in zip(bars, names) {
            #expect(name > bar.y && name <= bar.y + bar.h, "name at \(name), bar \(bar)")
        }
        let line = try #require(svg.firstMatch(of: /<line x1="([0-9.]+)" y1="([0-9.]+)" x2="([0-9.]+)" y2="([0-9.]+)"/))
        #expect(line.1 == line.3, "vertical")
        #expect(Double(line.2)! < bars[0].y && Double(line.4)! > bars[2].y + bars[2].h, "\(line.0)")
    }

    /// A reference-class forecast's fan is styled apart (class "fan reference", drawn with a
    /// dashed frame) and only it; the notes count the binding goals, and only those. Plan: `a`
    /// binding, `b` and `flat` not, `one` known by a single figure (a reference-class forecast).
    /// (Mutants of round 173: `==` as `!=` in either test marked every other fan, or counted
    /// the goals that are not binding.)
    @Test func referenceClassFansAndBindingGoalsAreMarkedAlone() throws {
        let p = HTMLReportTests.plan()
        let indicators = p.indicators.map { i in
            i.id != "a"
                ? i
                : Indicator(
                    id: i.id, row: i.row, nameZh: i.nameZh, nameEn: i.nameEn, category: i.category, kind: i.kind,
                    unit: i.unit, targets: i.targets, headline: i.headline, commitment: .binding)
        }
        let one = Indicator(
            id: "one", row: "one", nameZh: "一点", nameEn: "one", category: "c", kind: .level, unit: "u",
            targets: [2025: 60], headline: HeadlineGoal(rule: .final, value: 60))
        let plan = Plan(
            metadata: p.metadata, indicators: indicators + [one], drivers: [],
            observations: p.observations + [Observation(indicator: "one", year: 2021, value: 50)])
        let runs = try ScenarioRunner.run(
            plan: plan, scenarios: [Scenario(name: "baseline")], asOf: nil, paths: 512, seed: 5, threads: 1)
        let html = HTMLReport.render(runs: runs, sensitivity: [], language: .en, settings: [:])
        let fans = html.matches(of: /<div class="(fan[^"]*)" id="fan-(\w+)">/).map { (String($0.2), String($0.1)) }
        #expect(
            Dictionary(uniqueKeysWithValues: fans) == ["a": "fan", "b": "fan", "flat": "fan", "one": "fan reference"])
        #expect(html.contains("<li>Binding goals (1): "), "\(html.matches(of: /<li>[^<]{0,40}/).map(\.0))")
    }

    /// Each scenario's name stands just right of its swatch, and the entries are 110 px apart, so
    /// names do not overlap (mutation round seed 98 moved them onto their swatches and onto one
    /// another unseen).
    @Test func eachLegendNameStandsRightOfItsSwatch() throws {
        let svg = try #require(Charts.goalComparison(runs: try Self.runs(), language: .en))
        let swatches = Self.rects(svg).filter { $0["height"] == 8 && $0["width"] == 8 }.map { $0["x"]! }
        let names = try ["baseline", "push"].map { name in
            try #require(svg.firstMatch(of: try Regex("<text x=\"([0-9.]+)\"[^>]*>\(name)</text>")))
        }
        .map { Double($0.output[1].substring!)! }
        #expect(swatches.count == 2 && names.count == 2)
        for (x, n) in zip(swatches, names) { #expect(n == x + 11, "name at \(n), swatch at \(x)") }
        #expect(swatches[1] - swatches[0] == 110)
    }

    /// The dashboard and the evaluation page speak the language asked for.
    @Test func theDashboardAndTheEvaluationPageSpeakTheirLanguage() throws {
        let run = try Self.runs()[0]
        let en = Dashboard.render(run: run, language: .en), zh = Dashboard.render(run: run, language: .zh)
        #expect(en.contains("<th>indicator</th>") && en.contains("<th>all milestones</th>") && !en.contains("指标"))
        #expect(zh.contains("<th>指标</th>") && zh.contains("<th>全部年度目标</th>") && !zh.contains("indicator<"))
        let rows = [Self.row("a", 0.9, .increase, met: true)]
        let page = EvaluationReport.html(rows, title: "t", language: .en)
        #expect(page.contains("lang=\"en\"") && page.contains("P(met) as of each year") && !page.contains("各年份"))
        let pageZh = EvaluationReport.html(rows, title: "t", language: .zh)
        #expect(pageZh.contains("lang=\"zh-CN\"") && pageZh.contains("各年份时点的达成概率"))
    }

    /// The probability colours run red → amber → green through their stops, mixed linearly
    /// within a stop's segment (values by hand: at 0.25, 0.25/0.33 of the way from (215, 48, 39)
    /// to (252, 141, 89) is (243.0, 118.45, 76.9); at 0.7, (131.0, 200.5, 94.1)).
    @Test func probabilityColoursFollowTheirStops() {
        #expect(Palette.probability(0) == "#d73027")
        #expect(Palette.probability(-1) == "#d73027")
        #expect(Palette.probability(0.5) == "#fee08b")
        #expect(Palette.probability(1) == "#1a9850")
        #expect(Palette.probability(0.25) == "#f3764d")
        #expect(Palette.probability(0.7) == "#83c95e")
    }

    /// The longest bar of the tornado reaches the end of its scale, which is labelled with its
    /// size ("+0.30" for a difference of 0.3), and the others are in proportion.
    @Test func theLongestTornadoBarReachesItsScaleEnd() throws {
        let svg = Self.tornado([0.3, -0.15])
        let end = try #require(svg.firstMatch(of: /<text x="([0-9.]+)"[^>]*>\+0\.30<\/text>/).map { Double($0.1)! })
        let start = try #require(svg.firstMatch(of: /<text x="([0-9.]+)"[^>]*>−0\.30<\/text>/).map { Double($0.1)! })
        let bars = Self.rects(svg).filter { $0["height"] == 12 }
        #expect(bars.count == 2)
        let up = try #require(bars.first { $0["width"]! > 0 && abs($0["x"]! - (start + end) / 2) < 0.11 })
        #expect(abs(up["x"]! + up["width"]! - end) < 0.11, "\(up) ends short of \(end)")
        let down = try #require(bars.first { $0 != up })
        #expect(abs(down["width"]! - up["width"]! / 2) < 0.11)
        // A fall is drawn left of the middle line, ending on it.
        #expect(abs(down["x"]! + down["width"]! - (start + end) / 2) < 0.11, "\(down)")
    }

    /// Scenarios on the same paths get the paired difference's standard error; the all-goals
    /// row's target column counts the goals it judges.
    @Test func comparisonRowsArePairedOnTheSamePaths() throws {
        let runs = try Self.runs()
        let rows = RunTables.comparisonRows(runs.map { ($0.scenario.name, $0.model, $0.result) }, language: .en)
        let pushed = rows.filter { $0[5] == "push" && $0[0] == "a" && $0[2] == "goal_final" }
        #expect(pushed.count == 1)
        let se = try #require(pushed.first.flatMap { Double($0[9]) })
        #expect(se > 0 && se < 0.03, "\(pushed)")
        #expect(["yes", "no"].contains(pushed[0][10]))
        let all = try #require(rows.first { $0[2] == "all_goals" })
        #expect(all[4] == String(runs[0].result.targets.first { $0.spec.kind == .allGoals }?.evaluable ?? -1))
        #expect(Int(all[4])! >= 2, "\(all)")
    }

    /// The strict reading of bounds is shown beside the default in its own table, and not as a
    /// lever in the sensitivity charts.
    @Test func theStrictReadingOfBoundsHasItsOwnTable() throws {
        let runs = try Self.runs()
        let strict = ScenarioRunner.Sensitivity(
            scenario: "baseline", lever: ScenarioRunner.strictBounds, indicator: "a", pWith: 0.658, pWithout: 0.412,
            difference: 0.246, standardError: 0.01)
        let html = HTMLReport.render(runs: runs, sensitivity: [strict], language: .en, settings: [:])
        let table = try #require(html.components(separatedBy: "How bounds are read").dropFirst().first)
        #expect(table.contains("<td class=\"name\">a</td><td>0.658</td><td>0.41</td>"), "\(table.prefix(800))")
        // The reading is said for mid-year counts too (Notebooks-data/README.md, "Snapshots").
        #expect(table.contains("a stock's mid-year count X as a year end between X and 1.1·X"))
        #expect(!html.contains("Sensitivity: what each lever does"))
        let none = HTMLReport.render(runs: runs, sensitivity: [], language: .en, settings: [:])
        #expect(!none.contains("How bounds are read"))
    }

    /// Five bins; p = 1 falls in the last (closed) bin and p = 0.2 in the second. Bands:
    /// R `qbinom(c(0.025, 0.975), 2, 0.125)` = 0 1; `qbinom(c(0.025, 0.975), 3, 29/30)` = 2 3;
    /// `qbinom(c(0.025, 0.975), 30, 0.3)` = 4 14 (also Σ choose(n, k) pᵏ(1 − p)ⁿ⁻ᵏ in Python).
    @Test func reliabilityBinsInClosedForm() throws {
        let pairs: [(p: Double, outcome: Bool)] = [
            (0.1, false), (0.15, true), (0.2, true), (0.5, false), (0.9, true), (1.0, true), (1.0, false),
        ]
        let bins = ProbabilityScores.reliability(pairs)
        #expect(bins.map(\.count) == [2, 1, 1, 3])
        #expect(bins.map(\.lower) == [0, 0.2, 0.4, 0.8])
        #expect(abs(bins[0].meanP - 0.125) < 1e-12 && bins[0].observed == 0.5)
        #expect(bins[0].bandLower == 0 && bins[0].bandUpper == 0.5)
        #expect(abs(bins[3].meanP - 29.0 / 30) < 1e-12 && abs(bins[3].observed - 2.0 / 3) < 1e-12)
        #expect(abs(bins[3].bandLower - 2.0 / 3) < 1e-12 && bins[3].bandUpper == 1)
        #expect(bins[3].withinBand && bins[0].withinBand)
        #expect(ProbabilityScores.binomialRange(n: 30, p: 0.3) == (4, 14))
        // A bin of certainties: Binomial(5, 0) is 0 and Binomial(5, 1) is 5, with no spread
        // (mutation round seed 151: the point mass of p = 0 put at every k but 0 gave (1, 1)).
        #expect(ProbabilityScores.binomialRange(n: 5, p: 0) == (0, 0))
        #expect(ProbabilityScores.binomialRange(n: 5, p: 1) == (5, 5))
        #expect(ProbabilityScores.binomialPMF(0, 5, 0) == 1 && ProbabilityScores.binomialPMF(3, 5, 0) == 0)
        #expect(ProbabilityScores.binomialPMF(5, 5, 1) == 1 && ProbabilityScores.binomialPMF(3, 5, 1) == 0)
    }

    /// The reliability diagram's geometry: the 200-px square from (40, 20), a bin's dot at
    /// (mean P, share met), the 0.0 / 0.5 / 1.0 ticks under the square (between it and the axis
    /// title at 256) and left of it, each at its value.
    @Test func theReliabilityDiagramPutsTicksAndDotsWhereTheirValuesAre() throws {
        let bins = ProbabilityScores.reliability([(0.25, true), (0.25, false), (0.75, true), (0.75, true)])
        let svg = EvaluationReport.diagram(bins, title: "t", zh: false)
        let texts = svg.matches(of: /<text x="([-0-9.]+)" y="([-0-9.]+)"[^>]*>([^<]*)<\/text>/).map {
            (x: Double($0.1)!, y: Double($0.2)!, text: String($0.3))
        }
        let ticks = texts.filter { ["0.0", "0.5", "1.0"].contains($0.text) }
        #expect(ticks.count == 6)
        let under = ticks.filter { $0.x >= 40 }, left = ticks.filter { $0.x < 40 }
        #expect(under.count == 3 && left.count == 3, "\(ticks)")
        #expect(under.allSatisfy { $0.y > 220 && $0.y < 245 } && Set(under.map(\.x)) == [40, 140, 240])
        #expect(Set(left.map { $0.y - 4 }) == [220, 120, 20])
        let dots = svg.matches(of: /<circle cx="([-0-9.]+)" cy="([-0-9.]+)"/).map { (Double($0.1)!, Double($0.2)!) }
        #expect(dots.count == 2)
        #expect(dots.contains { abs($0.0 - 90) < 1e-9 && abs($0.1 - 120) < 1e-9 })
        #expect(dots.contains { abs($0.0 - 190) < 1e-9 && abs($0.1 - 20) < 1e-9 })
    }

    /// A band or line without points draws nothing (an empty `points` is an SVG error).
    @Test func aBandWithoutPointsDrawsNothing() {
        var svg = SVG(width: 10, height: 10)
        svg.band([], upper: [], lower: [], fill: "#000", opacity: 0.5)
        svg.polyline([(1, 1)], stroke: "#000")
        #expect(svg.body.isEmpty)
        svg.band([1, 2], upper: [1, 1], lower: [3, 3], fill: "#000", opacity: 0.5)
        #expect(svg.body.contains("points=\"1.0,1.0 2.0,1.0 2.0,3.0 1.0,3.0\""), "\(svg.body)")
    }

    /// A diamond is the square of half-diagonal r turned 45° about its centre (the target's
    /// place): top, right, bottom, left, with its title.
    @Test func aDiamondSitsOnItsPoint() {
        var svg = SVG(width: 10, height: 10)
        svg.diamond(cx: 10, cy: 20, r: 2, fill: "#f1c40f", title: "2023 target 5")
        #expect(svg.body.contains("points=\"10.0,18.0 12.0,20.0 10.0,22.0 8.0,20.0\""), "\(svg.body)")
        #expect(svg.body.contains("<title>2023 target 5</title>"))
    }

    static func row(_ plan: String, _ p: Double, _ d: Direction, met: Bool) -> EvaluationReport.Row {
        EvaluationReport.Row(
            plan: plan, asOf: 2013, indicator: "x", name: "x", commitment: nil, goal: "", direction: d,
            p: [p, nil, nil], outcome: met)
    }

    /// Each goal's row says whether it is binding or expected, in the page's language
    /// (mutation round 112 swapped 约束性 and 预期性 and no test saw it).
    @Test func aGoalsCommitmentIsNamedInItsRow() {
        func row(_ name: String, _ c: Commitment) -> EvaluationReport.Row {
            EvaluationReport.Row(
                plan: "p", asOf: 2013, indicator: name, name: name, commitment: c, goal: "", direction: .increase,
                p: [0.5, nil, nil], outcome: true)
        }
        let rows = [row("energy", .binding), row("gdp", .expected)]
        let zh = EvaluationReport.html(rows, title: "t", language: .zh)
        #expect(zh.contains(">energy（约束性）<") && zh.contains(">gdp（预期性）<"))
        let en = EvaluationReport.html(rows, title: "t", language: .en)
        #expect(en.contains(">energy (binding)<") && en.contains(">gdp (expected)<"))
    }

    /// The reliability diagram's axis title sits under the middle of its plot (x0 + w/2), not
    /// off its left edge (mutation round 112).
    @Test func theReliabilityAxisTitleIsCentred() throws {
        let svg = EvaluationReport.diagram(ProbabilityScores.reliability([(0.5, true)]), title: "t", zh: true)
        let x = try #require(svg.firstMatch(of: /<text x="([-0-9.]+)"[^>]*>预测概率<\/text>/).map { Double($0.1)! })
        #expect(x == 140, "\(x)")
    }

    /// Binding and expected goals are scored apart, each named in both languages (mutation
    /// round 142 swapped the Chinese names, 约束性目标 and 预期性目标, and no test saw it).
    @Test func bindingAndExpectedGoalsAreNamedInBothLanguages() {
        let rows = [Commitment.binding, .expected].map { c in
            EvaluationReport.Row(
                plan: "a", asOf: 2013, indicator: "x", name: "x", commitment: c, goal: "", direction: .increase,
                p: [0.5, nil, nil], outcome: true)
        }
        let kinds = EvaluationReport.kinds(rows)
        #expect(kinds.map(\.name) == ["binding goals", "expected goals"], "\(kinds.map(\.name))")
        #expect(kinds.map(\.zh) == ["约束性目标", "预期性目标"], "\(kinds.map(\.zh))")
        #expect(kinds.map { $0.rows.map(\.commitment) } == [[.binding], [.expected]])
    }

    /// Increase and decrease goals are scored apart: Brier (0.9 − 1)² = 0.01 and (0.2 − 1)² =
    /// 0.64; log scores −ln 0.9 and −ln 0.2.
    @Test func increaseAndDecreaseGoalsAreScoredApart() {
        let rows = [Self.row("a", 0.9, .increase, met: true), Self.row("b", 0.2, .decrease, met: true)]
        let csv = EvaluationReport.scoresCSV(rows)
        #expect(csv.contains("increase goals,all,model,1,0.0100,\(String(format: "%.4f", -log(0.9))),0.8000\n"))
        #expect(csv.contains("decrease goals,all,model,1,0.6400,\(String(format: "%.4f", -log(0.2))),0.6000\n"))
    }

    /// The terminal summary names each plan once, on its first method's line.
    @Test func theSummaryNamesEachPlanOnItsFirstLine() {
        let rows = [Self.row("plan-a", 0.9, .increase, met: true), Self.row("plan-b", 0.2, .increase, met: false)]
        let lines = EvaluationReport.summary(rows, language: .en).split(separator: "\n").map(String.init)
        let model = lines.filter { $0.contains("model") }
        #expect(model.count == 3, "\(lines)")
        #expect(zip(model, ["plan-a", "plan-b", "all"]).allSatisfy { $0.hasPrefix($1) }, "\(lines)")
        #expect(lines.filter { $0.contains("plan-a") }.count == 1)
        // In Chinese the overall line is 全部, and only it (mutation round 142: every plan but
        // the overall one was named 全部).
        let zh = EvaluationReport.summary(rows, language: .zh).split(separator: "\n").map(String.init)
        let modelZh = zh.filter { $0.contains("模型") && !$0.contains("再校准") }
        #expect(
            zip(modelZh, ["plan-a", "plan-b", "全部"]).allSatisfy { $0.hasPrefix($1) } && modelZh.count == 3, "\(zh)")
    }

    /// The evaluation report is well-formed in both languages, with one plan and with several
    /// (its goals table has a plan column then).
    @Test func theEvaluationReportIsWellFormed() {
        let one = [Self.row("a", 0.9, .increase, met: true), Self.row("a", 0.2, .decrease, met: false)]
        let two = one + [Self.row("b", 0.6, .increase, met: true)]
        for rows in [one, two] {
            for language in [Language.en, .zh] {
                let html = EvaluationReport.html(rows, title: "t", language: language)
                let parser = XMLParser(data: Data(html.utf8))
                #expect(parser.parse(), "\(language), \(rows.count) rows: \(String(describing: parser.parserError))")
            }
        }
    }

    /// `compare` lists up to ten years of history that differ and counts the rest: ten are all
    /// listed, eleven end with "… 1 more"; model differences likewise beyond twenty.
    @Test func theComparisonListsTenHistoryDifferencesThenCounts() {
        func summary(history: Int, models: Int) -> String {
            var c = RunComparison(
                inputDifferences: [RunComparison.Difference(what: "observations", a: "x", b: "y")],
                settingDifferences: [],
                modelDifferences: (0..<models).map { RunComparison.Difference(what: "m\($0)", a: "drift", b: "theta") },
                outputsIdentical: false, rows: [])
            c.evidenceDifferences = (0..<history).map {
                RunComparison.Difference(what: "gdp \(2000 + $0)", a: "1 observed", b: "2 observed")
            }
            return c.summary
        }
        let ten = summary(history: 10, models: 20)
        #expect(ten.contains("10 years of history differ") && ten.contains("gdp 2009: 1 observed → 2 observed"))
        #expect(!ten.contains("more"), "\(ten)")
        let eleven = summary(history: 11, models: 21)
        #expect(eleven.contains("    … 1 more\n") && !eleven.contains("gdp 2010"), "\(eleven)")
        #expect(eleven.contains("  … 1 more model differences\n") && !eleven.contains("model m20"), "\(eleven)")
    }
}
