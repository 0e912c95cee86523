import Foundation
import Testing

@testable import PlanFiles
@testable import Simulation

/// The extra growth a year that makes a target as likely as not (`EvenOddsGrowth`), checked the
/// way a planner would use it: each answer, written as a scenario's growth lever from the year
/// it names, brings its target's P(met) to ½ (a whole count's above ½) when the bundled plan
/// is simulated again.
struct EvenOddsGrowthTests {
    @Test func eachAnswerAsALeverMakesItsTargetEvenOdds() throws {
        let dir = RunPipelineTests.root.appendingPathComponent("Notebooks-data/kunshan-2022-2025").path
        let model = try PlanModel.build(plan: PlanLoader.load(directory: dir).plan)
        let (paths, seed) = (20_000, UInt64(11))
        let base = PlanSimulator.run(model: model, paths: paths, seed: seed, threads: 2)
        // One rerun per group of targets a series can only have one lever for at a time: the
        // final-level goals, then each year's milestones.
        let answers = EvenOddsGrowth.all(model: model, levers: [], outcomes: base.targets, seed: seed)
        var byKind = [String: [Int]]()
        for (j, o) in base.targets.enumerated() where answers[j] != nil {
            byKind[o.spec.kind == .goal ? "goal" : "milestone \(o.spec.year!)", default: []].append(j)
        }
        // …and within each, apart where the series are tied (a net change and its stock: the
        // answers are each target's alone).
        var groups = [String: [Int]]()
        for (kind, targets) in byKind {
            let passes = EvenOddsGrowth.passes(targets.map { base.targets[$0].spec.series! }, model: model)
            for (i, pass) in passes.enumerated() { groups["\(kind) \(i)"] = pass.map { targets[$0] } }
        }
        // Levels, counts, shares and a stock with a child: every final-level goal the bundled
        // run simulates (closed form), the cumulative goals (searched: flows of whole units, and
        // net new high-tech enterprises, derived from their stock, since 2026-12-01), and the
        // milestones of three years.
        let cumulative = byKind["goal"]?.filter { base.targets[$0].spec.rule == .cumulative }.count ?? 0
        #expect((byKind["goal"]?.count ?? 0) - cumulative >= 8 && cumulative >= 6, "\(byKind.mapValues(\.count))")
        #expect(byKind.count >= 4 && groups.count > byKind.count, "\(groups.keys.sorted())")
        let postdoc = base.targets.indices.first {
            base.targets[$0].spec.kind == .goal
                && model.series[base.targets[$0].spec.series!].id == "new_postdoc_workstations"
        }
        #expect(postdoc.flatMap { answers[$0]?.beyond } == .anyPace)
        // A derived net change's milestone in a year its lever reaches through the stock.
        let net2025 = base.targets.indices.first {
            base.targets[$0].spec.kind == .milestone && base.targets[$0].spec.year == 2025
                && model.series[base.targets[$0].spec.series!].id == "net_new_high_tech_enterprises"
        }
        #expect(net2025.flatMap { answers[$0] } != nil)
        for (group, targets) in groups.sorted(by: { $0.key < $1.key }) {
            let levers = targets.map { j -> Lever in
                let o = base.targets[j], g = answers[j]!
                let id = model.series[o.spec.series!].id
                return Lever(
                    name: "even-odds-\(id)", series: [id],
                    action: .growth(fromYear: g.fromYear, percentPerYear: .fixed(g.percentPerYear)))
            }
            let moved = PlanSimulator.run(model: model, levers: levers, paths: paths, seed: seed, threads: 2)
            for j in targets {
                let p = try #require(moved.targets[j].pMet)
                let series = model.series[moved.targets[j].spec.series!]
                // ½ within Monte Carlo noise (SE 0.0035; a searched answer carries 2,048 paths'
                // error); a whole count keeps the mass at its median on the target's side
                // (unicorn candidates, a median of 21 firms: 0.54). Small flows of whole units are
                // drawn around the expected count the lever moves, and their milestones are
                // searched since 2026-12-01 (new R&D institutions' milestones of 1–2 a year came
                // to 0.65–0.67 with the closed form's answer, which this bound now refuses).
                // An answer beyond the search's range holds at the range's end: new postdoc
                // workstations' 20 over 2022–2025 are reached as often as not even with 90% fewer
                // in 2025, the only year simulated after the 2024 bound (2,048 paths found it).
                let beyond = answers[j]!.beyond
                let (lo, hi) =
                    beyond == .anyPace
                    ? (0.45, 1) : beyond == .outOfReach ? (0, 0.55) : series.isCount ? (0.46, 0.60) : (0.47, 0.53)
                #expect(
                    p >= lo && p <= hi,
                    "\(group) \(series.id): P = \(p) with the lever, \(base.targets[j].pMet ?? .nan) without")
            }
        }
    }

    /// The same on a plan written the way provincial plans write them (the synthetic five-year
    /// fixture, as of 2012): a growth goal, a cut against the base year (a decrease goal, closed
    /// form), an every-year ceiling on a share (a decrease, searched), a cumulative flow
    /// (searched) and final shares.
    @Test func decreaseAndEveryYearGoalsToo() throws {
        let dir = RunPipelineTests.root.appendingPathComponent("Tests/RunsTests/Fixtures/five-year-plan").path
        let model = try PlanModel.build(plan: PlanLoader.load(directory: dir).plan, asOf: 2012)
        let (paths, seed) = (20_000, UInt64(5))
        let base = PlanSimulator.run(model: model, paths: paths, seed: seed, threads: 2)
        let answers = EvenOddsGrowth.all(model: model, levers: [], outcomes: base.targets, seed: seed)
        let goals = base.targets.indices.filter { base.targets[$0].spec.kind == .goal && answers[$0] != nil }
        let rules = Set(goals.compactMap { base.targets[$0].spec.rule.map { "\($0)" } })
        let decreases = goals.filter { base.targets[$0].spec.direction == .decrease }
        #expect(
            rules.isSuperset(of: ["final", "cumulative", "everyYear"]) && decreases.count == 2, "\(rules) \(decreases)")
        let levers = goals.map { j -> Lever in
            let id = model.series[base.targets[j].spec.series!].id
            return Lever(
                name: "even-odds-\(id)", series: [id],
                action: .growth(fromYear: answers[j]!.fromYear, percentPerYear: .fixed(answers[j]!.percentPerYear)))
        }
        let moved = PlanSimulator.run(model: model, levers: levers, paths: paths, seed: seed, threads: 2)
        for j in goals {
            let p = try #require(moved.targets[j].pMet)
            // A closed-form answer (a final level or share) moves every path alike: ½ within the
            // 20,000 paths' noise. A searched one (every-year and cumulative goals) carries the
            // error of the 2,048 paths it was bisected on, SE √(¼/2048) = 0.011: within 4 SE.
            // Seeds 1–8 put the every-year ceiling at 0.4975–0.5339 (mean 0.512); a closed-form
            // answer to it is far off (0.65–0.67 for the milestones the search replaced).
            let searched = base.targets[j].spec.rule.map { $0 != .final } ?? false
            let band = searched ? 0.044 : 0.03
            #expect(
                abs(p - 0.5) <= band,
                "\(model.series[base.targets[j].spec.series!].id): P = \(p) with the lever, \(base.targets[j].pMet ?? .nan) without, g = \(answers[j]!.percentPerYear)"
            )
        }
    }

    /// The closed form, g = 100·((G / X̃)^(1/n) − 1), on the bundled run: R&D intensity's 2024 is
    /// known only by a bound, so its lever starts in 2025 and n = 1 (g = 100·(4.5 / X̃ − 1));
    /// unicorn candidates are known in 2021 only, so n = 4 from 2022; a year that is not simulated
    /// (2022's milestone of new listings, observed) has no answer.
    @Test func theClosedForm() throws {
        let dir = RunPipelineTests.root.appendingPathComponent("Notebooks-data/kunshan-2022-2025").path
        let model = try PlanModel.build(plan: PlanLoader.load(directory: dir).plan)
        let run = PlanSimulator.run(model: model, paths: 4096, seed: 3, threads: 2)
        func target(_ id: String, _ kind: TargetSpec.Kind, _ year: Int) throws -> TargetOutcome {
            try #require(
                run.targets.first {
                    $0.spec.series.map { model.series[$0].id } == id && $0.spec.kind == kind && $0.spec.year == year
                })
        }
        let rd = try target("rd_intensity", .goal, 2025)
        let g = try #require(EvenOddsGrowth.of(rd, model: model))
        #expect(g.fromYear == 2025 && abs(g.percentPerYear - 100 * (4.5 / rd.median! - 1)) < 1e-9, "\(g)")
        let unicorn = try target("unicorn_candidates", .goal, 2025)
        let u = try #require(EvenOddsGrowth.of(unicorn, model: model))
        #expect(
            u.fromYear == 2022 && abs(u.percentPerYear - 100 * (pow(50 / unicorn.median!, 1.0 / 4) - 1)) < 1e-9,
            "\(u)")
        #expect(EvenOddsGrowth.of(try target("new_listed_companies", .milestone, 2022), model: model) == nil)
    }
}
