import Foundation
import Testing

@testable import Forecasting
@testable import Indicators
@testable import LinearAlgebra
@testable import Simulation

/// The plan simulator against closed-form answers: with standard normal calibration quantiles,
/// an identity transform, centre z₀ + μh and scale σ√h, every path is exactly a Gaussian random
/// walk with drift μ and variance σ² (uₕ·√h is the walk's sum of innovations).
struct PlanSimulatorTests {
    static let meta = PlanMetadata(
        id: "t", titleZh: "测试", titleEn: "test", documentNumber: "", firstYear: 2022, lastYear: 2025, baseYear: 2021)
    static let z0 = 1000.0, mu = 5.0, sigma = 10.0

    /// Pools and library of exact standard normal quantiles, so the calibration is N(0, 1).
    static func normalCalibration(horizon: Int) -> Calibration {
        let m = 20001
        let z = (0..<m).map { StudentT.normalQuantile((Double($0) + 0.5) / Double(m)) }
        let library = ReferenceLibrary(
            s0: 0.1,
            quantiles: Array(
                repeating: Array(
                    repeating: ReferenceLibrary.levels.map { StudentT.normalQuantile($0) },
                    count: ReferenceLibrary.maxStep),
                count: ErrorScale.strata),
            counts: Array(repeating: Array(repeating: 0, count: ReferenceLibrary.maxStep), count: ErrorScale.strata),
            source: "normal")
        let own = Array(repeating: Array(repeating: z, count: horizon), count: ErrorScale.strata)
        return Calibration(own: own, library: library, horizon: horizon)
    }

    static func model(
        level: (goal: Double, milestones: [Double]), flow: (goal: Double, milestones: [Double]),
        flowRule: HeadlineRule = .cumulative
    ) throws -> PlanModel {
        func targets(_ m: [Double]) -> [Int: Double] {
            Dictionary(uniqueKeysWithValues: zip(2022...2025, m).map { ($0, $1) })
        }
        let inds = [
            Indicator(
                id: "level", row: "1", nameZh: "水平", nameEn: "level", category: "c", kind: .level, unit: "亿元",
                targets: targets(level.milestones), headline: HeadlineGoal(rule: .final, value: level.goal)),
            Indicator(
                id: "flow", row: "2", nameZh: "流量", nameEn: "flow", category: "c", kind: .flow, unit: "亿元",
                targets: targets(flow.milestones), headline: HeadlineGoal(rule: flowRule, value: flow.goal)),
        ]
        let plan = Plan(metadata: meta, indicators: inds, drivers: [], observations: [])
        let years = Array(2021...2025)
        let series = inds.map { ind in
            SimulationSeries(
                id: ind.id, kind: ind.kind, transform: .identity, isCount: false, isDriver: false, parent: nil,
                known: [z0, nil, nil, nil, nil], sources: [.observed, .simulated, .simulated, .simulated, .simulated],
                origin: 2021,
                center: (1...4).map { z0 + mu * Double($0) }, scale: (1...4).map { sigma * Double($0).squareRoot() },
                evidence: Evidence(history: History(indicator: ind.id, points: [])), models: ["test"],
                usesAssumptions: false)
        }
        return try PlanModel(
            plan: plan, years: years, series: series, calibration: normalCalibration(horizon: 4), simulated: [0, 1],
            correlation: .identity(2), horizon: 4)
    }

    /// Each series' simulated years have their own mean: two random walks from z₀ = 1,000 and
    /// 3,000 with drift μ = 5, so year h's mean is z₀ + hμ within 3 SE (σ√h/√n) for each. (A
    /// mutant read every series' mean from the first series' cells; the test above checked the
    /// first series only.)
    @Test func eachSeriesHasItsOwnMean() throws {
        let inds = [("a", 1000.0), ("b", 3000.0)].map { id, _ in
            Indicator(
                id: id, row: id, nameZh: id, nameEn: id, category: "c", kind: .level, unit: "亿元", targets: [2025: 1],
                headline: HeadlineGoal(rule: .final, value: 1))
        }
        let series = [1000.0, 3000.0].enumerated().map { k, z0 in
            SimulationSeries(
                id: inds[k].id, kind: .level, transform: .identity, isCount: false, isDriver: false, parent: nil,
                known: [z0, nil, nil, nil, nil], sources: [.observed, .simulated, .simulated, .simulated, .simulated],
                origin: 2021, center: (1...4).map { z0 + Self.mu * Double($0) },
                scale: (1...4).map { Self.sigma * Double($0).squareRoot() },
                evidence: Evidence(history: History(indicator: inds[k].id, points: [])), models: ["test"],
                usesAssumptions: false)
        }
        let m = try PlanModel(
            plan: Plan(metadata: Self.meta, indicators: inds, drivers: [], observations: []), years: Array(2021...2025),
            series: series, calibration: Self.normalCalibration(horizon: 4), simulated: [0, 1],
            correlation: .identity(2), horizon: 4)
        let n = 20_000
        let r = PlanSimulator.run(model: m, paths: n, seed: 7, threads: 1)
        for (k, z0) in [1000.0, 3000.0].enumerated() {
            for (h, year) in (2022...2025).enumerated() {
                let c = try #require(r.cells.first { $0.series == k && $0.year == year })
                let se = Self.sigma * Double(h + 1).squareRoot() / Double(n).squareRoot()
                #expect(
                    abs((c.mean ?? .nan) - (z0 + Self.mu * Double(h + 1))) < 3 * se, "\(k) \(year): \(c.mean ?? .nan)")
            }
        }
    }

    /// A cell's sum over a block's paths is their plain sum, in order (mutation round 113
    /// started it at 0.1: the means moved by 0.1 per block, under any statistical test's reach).
    @Test func aBlocksSumIsThePlainSum() {
        let values: [Double] = [1, 2, 3.5, -0.25]
        #expect(values.withUnsafeBufferPointer { PreparedScenario.sum($0) } == 6.25)
        #expect([Double]().withUnsafeBufferPointer { PreparedScenario.sum($0) } == 0)
    }

    @Test func randomWalkAndCumulativeFlowMatchClosedForm() throws {
        // Final value after 4 years ~ N(z₀ + 4μ, 4σ²); threshold 1030: P = Φ((1020 − 1030)/20).
        // Sum of the 4 yearly values ~ N(4z₀ + 10μ, σ²·Σᵢⱼ min(i, j)) with Σᵢⱼ min(i, j) = 30 for
        // i, j ∈ 1…4; threshold 4040: P = Φ((4050 − 4040)/(10√30)).
        let m = try Self.model(level: (1030, [1010, 1015, 1020, 1030]), flow: (4040, [1000, 1000, 1000, 1000]))
        let n = 200_000
        let r = PlanSimulator.run(model: m, paths: n, seed: 123, threads: 2)
        func outcome(_ id: Int, _ kind: TargetSpec.Kind, _ year: Int? = nil) -> TargetOutcome {
            r.targets.first { $0.spec.series == id && $0.spec.kind == kind && (year == nil || $0.spec.year == year) }!
        }
        let pFinal = StudentT.normalCDF((1020 - 1030) / 20.0)
        let pCum = StudentT.normalCDF((4050 - 4040) / (10 * 30.0.squareRoot()))
        let final = outcome(0, .goal), cum = outcome(1, .goal)
        #expect(final.status == .simulated && cum.status == .simulated)
        #expect(abs(final.pMet! - pFinal) < 3 * final.standardError!, "final: \(final.pMet!) vs \(pFinal) (seed 123)")
        #expect(abs(cum.pMet! - pCum) < 3 * cum.standardError!, "cumulative: \(cum.pMet!) vs \(pCum) (seed 123)")
        // The "all goals" line's expected number of goals met is the sum of the goals' P, not of
        // the milestones' (mutation round 113 turned the filter round and no test saw it).
        let all = try #require(r.targets.first { $0.spec.kind == .allGoals })
        #expect(all.evaluable == 2 && abs(all.expectedMet! - (final.pMet! + cum.pMet!)) < 1e-12, "\(all)")
        // A milestone: year 2023 (h = 2) ≥ 1015: P = Φ((1010 − 1015)/(10√2)).
        let m23 = outcome(0, .milestone, 2023)
        let p23 = StudentT.normalCDF((1010 - 1015) / (10 * 2.0.squareRoot()))
        #expect(abs(m23.pMet! - p23) < 3 * m23.standardError!, "2023: \(m23.pMet!) vs \(p23)")
        // The forecast median in 2025 is z₀ + 4μ, within 3 SE of a median (√(π/2)·20/√n) plus the bin bound.
        let cell = r.cells.first { $0.series == 0 && $0.year == 2025 }!
        #expect(abs(cell.quantiles![4] - 1020) < 3 * (Double.pi / 2).squareRoot() * 20 / Double(n).squareRoot() + 0.05)
        // Its mean is z₀ + 4μ too (a normal margin), within 3 SE (20/√n).
        let mean = try #require(cell.mean)
        #expect(abs(mean - 1020) < 3 * 20 / Double(n).squareRoot(), "mean \(mean) (seed 123)")
        // Every simulated year's mean: z₀ + hμ.
        for (h, year) in (2022...2025).enumerated() {
            let c = try #require(r.cells.first { $0.series == 0 && $0.year == year })
            let sd = 10 * Double(h + 1).squareRoot()
            #expect(abs((c.mean ?? .nan) - (1000 + 5 * Double(h + 1))) < 3 * sd / Double(n).squareRoot(), "\(year)")
        }
    }

    /// An every-year goal equal to every milestone is met exactly on the paths that meet all the
    /// milestones: two code paths (the worst year, the count of milestones met) must agree path
    /// by path, and both lie below the probability of any single year.
    @Test func everyYearGoalAgreesWithAllMilestones() throws {
        let m = try Self.model(
            level: (1030, [1010, 1015, 1020, 1030]), flow: (1008, [1008, 1008, 1008, 1008]), flowRule: .everyYear)
        let r = PlanSimulator.run(model: m, paths: 20_000, seed: 3, threads: 2)
        let goal = r.targets.firstIndex { $0.spec.series == 1 && $0.spec.kind == .goal }!
        let all = r.targets.firstIndex { $0.spec.series == 1 && $0.spec.kind == .allMilestones }!
        #expect(r.metBits[goal] == r.metBits[all])
        let first = r.targets.first { $0.spec.series == 1 && $0.spec.kind == .milestone && $0.spec.year == 2022 }!
        #expect(r.targets[goal].pMet! < first.pMet!)
        #expect(r.targets[goal].pMet! > 0)
    }

    @Test func threadsDoNotChangeAnyNumber() throws {
        let m = try Self.model(level: (1030, [1010, 1015, 1020, 1030]), flow: (4040, [1000, 1000, 1000, 1000]))
        let a = PlanSimulator.run(model: m, paths: 30_000, seed: 9, threads: 1)
        let b = PlanSimulator.run(model: m, paths: 30_000, seed: 9, threads: 2)
        // More threads than the 15 blocks: one worker per block at most (256 allocated 256
        // scratches per simulation).
        let c = PlanSimulator.run(model: m, paths: 30_000, seed: 9, threads: 256)
        for x in [b, c] {
            #expect(a.targets.map(\.pMet) == x.targets.map(\.pMet))
            #expect(a.targets.map(\.median) == x.targets.map(\.median))
            #expect(a.cells.map(\.mean) == x.cells.map(\.mean))
        }
    }

    @Test func anotherSeedMovesProbabilitiesOnlyWithinNoise() throws {
        let m = try Self.model(level: (1030, [1010, 1015, 1020, 1030]), flow: (4040, [1000, 1000, 1000, 1000]))
        let a = PlanSimulator.run(model: m, paths: 50_000, seed: 1, threads: 2)
        let b = PlanSimulator.run(model: m, paths: 50_000, seed: 2, threads: 2)
        #expect(a.targets.map(\.pMet) != b.targets.map(\.pMet))
        for (x, y) in zip(a.targets, b.targets) where x.status == .simulated {
            let se = ((x.standardError! * x.standardError!) + (y.standardError! * y.standardError!)).squareRoot()
            #expect(
                abs(x.pMet! - y.pMet!) <= 4 * se + 1e-12, "\(x.spec.kind) \(x.spec.year ?? 0): \(x.pMet!) vs \(y.pMet!)"
            )
        }
    }

    @Test func scenarioEffectsMoveTheRightWay() throws {
        let m = try Self.model(level: (1030, [1010, 1015, 1020, 1030]), flow: (4040, [1000, 1000, 1000, 1000]))
        let base = PlanSimulator.run(model: m, paths: 20_000, seed: 4, threads: 2)
        let up = [
            Lever(
                name: "push", series: ["level"],
                action: .growth(fromYear: 2023, percentPerYear: .pert(min: 0, mode: 1, max: 2)))
        ]
        let down = [
            Lever(
                name: "crash", series: ["level", "flow"],
                action: .shock(year: 2023, probability: 1, percent: .fixed(-5)))
        ]
        let u = PlanSimulator.run(model: m, levers: up, paths: 20_000, seed: 4, threads: 2)
        let d = PlanSimulator.run(model: m, levers: down, paths: 20_000, seed: 4, threads: 2)
        let g = { (r: PlanSimulationResult, id: Int) in
            r.targets.first { $0.spec.series == id && $0.spec.kind == .goal }!.pMet!
        }
        #expect(g(u, 0) > g(base, 0))
        #expect(g(u, 1) == g(base, 1), "an untouched indicator keeps its draws (common random numbers)")
        #expect(g(d, 0) < g(base, 0) && g(d, 1) < g(base, 1))
    }

    /// Scenarios simulated together share each block's draws (`PlanSimulator.tallies`); each
    /// must come out exactly as simulated alone, and a volatility lever (which changes the
    /// draws' scale) must not share them.
    @Test func scenariosSimulatedTogetherEqualEachAlone() throws {
        let m = try Self.model(level: (1030, [1010, 1015, 1020, 1030]), flow: (4040, [1000, 1000, 1000, 1000]))
        let sets: [[Lever]] = [
            [],
            [
                Lever(
                    name: "push", series: ["level"],
                    action: .growth(fromYear: 2023, percentPerYear: .pert(min: 0, mode: 1, max: 2)))
            ],
            [Lever(name: "crash", series: ["flow"], action: .shock(year: 2024, probability: 0.5, percent: .fixed(-5)))],
            [Lever(name: "calm", series: ["level"], action: .volatility(scale: 0.5))],
            // Rare enough to leave the first block (the pilot, which fixes the histogram ranges)
            // alone and strike later ones: the histogram then holds a difference from the first
            // scenario's in that cell (`PreparedScenario.Sharing`).
            [
                Lever(
                    name: "rare", series: ["flow"],
                    action: .shock(year: 2024, probability: 0.0003, percent: .fixed(-50)))
            ],
        ]
        let together = PlanSimulator.tallies(model: m, leverSets: sets, paths: 10_000, seed: 6, threads: 2)
        for (levers, t) in zip(sets, together) {
            let alone = PlanSimulator.tally(model: m, levers: levers, paths: 10_000, seed: 6, threads: 2)
            #expect(t.blocks == alone.blocks, "\(levers.map(\.name)): per-block sums and counts")
            #expect(t.bits == alone.bits, "\(levers.map(\.name)): met bits")
            #expect(t.histogram == alone.histogram, "\(levers.map(\.name)): counts, extremes and totals")
        }
        #expect(together[3].blocks != together[0].blocks, "the volatility lever changes the draws")
        #expect(together[4].blocks[0] == together[0].blocks[0], "the rare shock spares the pilot block")
        #expect(together[4].blocks != together[0].blocks, "and strikes a later one")
        // Scenarios after the first take the series no lever of theirs reaches from the first
        // (`PreparedScenario.differing(from:)`): each does here, but the volatility one.
        let plans = sets.map { PreparedScenario(model: m, levers: $0) }
        #expect(plans[1].differing(from: plans[0]) == [true, false])
        #expect(plans[2].differing(from: plans[0]) == [false, true])
        #expect(plans[3].differing(from: plans[0]) == nil)
        #expect(plans[4].differing(from: plans[0]) == [false, true])
    }

    /// The quantile levels come in mirrored pairs inside (0, 1), so each band the report and
    /// forecasts.csv draw (p05–p95, p10–p90, the fan's 2.5–97.5%) is central, and
    /// `ShareLimitWarnings` finds its 0.9 beside 0.1 (mutation round seed 102 moved 0.975 to
    /// 1.22, past every path, unseen).
    @Test func quantileLevelsAreCentralPairs() {
        let levels = PlanSimulator.quantileLevels
        #expect(levels == levels.sorted() && levels.allSatisfy { $0 > 0 && $0 < 1 })
        for (a, b) in zip(levels, levels.reversed()) { #expect(abs(a + b - 1) < 1e-12, "\(a) and \(b)") }
        #expect(levels.contains(0.5) && levels.contains(0.1) && levels.contains(0.05) && levels.contains(0.025))
    }

    /// A path count one short of, equal to, or one past a whole number of blocks is simulated in
    /// that many blocks, the last one partial, and every path counted once (mutation round seed
    /// 102: `paths + blockSize + 1` drew a block of −1 paths at 2,047 and no test saw it).
    @Test func everyPathInWholeAndPartialBlocks() throws {
        let m = try PlanSimulatorTests.model(
            level: (1030, [1010, 1015, 1020, 1030]), flow: (4040, [1000, 1000, 1000, 1000]))
        for (paths, blocks) in [(2047, 1), (2048, 1), (2049, 2), (4095, 2)] {
            let t = PlanSimulator.tallies(model: m, leverSets: [[]], paths: paths, seed: 3, threads: 2)[0]
            #expect(t.paths == paths && t.blockCount == blocks && t.blocks.count == blocks && t.coversAllBlocks)
            let r = PlanSimulator.run(model: m, levers: [], paths: paths, seed: 3, threads: 2)
            for o in r.targets where o.status == .simulated {
                let met = try #require(o.pMet) * Double(paths)
                #expect(abs(met - met.rounded()) < 1e-6, "\(paths) paths: P(met) \(o.pMet!) is no count over them")
            }
        }
    }
}

/// "All goals" is settled only by goals: a milestone observed as missed decides nothing about
/// the goals (mutation round seed 87 let any observed or settled target decide it).
struct AllGoalsStatusTests {
    @Test func aMissedMilestoneDoesNotSettleAllGoals() throws {
        let ind = Indicator(
            id: "a", row: "1", nameZh: "a", nameEn: "a", category: "c", kind: .level, unit: "u",
            targets: [2022: 200, 2025: 160], headline: HeadlineGoal(rule: .final, value: 160))
        let values = [100.0, 104, 107, 113, 116, 121, 125, 131, 150]
        let obs = values.enumerated().map { Observation(indicator: "a", year: 2014 + $0.offset, value: $0.element) }
        let m = try PlanModel.build(
            plan: Plan(metadata: PlanSimulatorTests.meta, indicators: [ind], drivers: [], observations: obs))
        let r = PlanSimulator.run(model: m, paths: 4000, seed: 8, threads: 1)
        let missed = try #require(r.targets.first { $0.spec.kind == .milestone && $0.spec.year == 2022 })
        #expect(missed.status == .observed && missed.pMet == 0)
        let all = try #require(r.targets.first { $0.spec.kind == .allGoals })
        #expect(
            all.status == .simulated && all.pMet! > 0 && all.pMet! < 1, "\(all.status) \(String(describing: all.pMet))")
    }
}

/// A tally of some blocks only (a shard's part) read back as a result, and the shape checks a
/// merge makes on a part's tally. Unpinned until mutation round 191.
struct PartialTallyTests {
    static func model() throws -> PlanModel {
        try PlanSimulatorTests.model(level: (1020, [1010, 1015, 1020, 1020]), flow: (4040, [1000, 1000, 1000, 1000]))
    }

    /// Blocks 2 and 3 of four blocks of 64 paths put their met bits where the whole run has
    /// them: words 2 and 3 of each target's bits equal the whole run's, words 0 and 1 are 0.
    /// (Mutant: the shard's offset firstBlock / blockSize / 64 = 0 words instead of
    /// firstBlock · blockSize / 64 = 2.)
    @Test func aShardsPathsKeepTheirPlaceInTheMetBits() throws {
        let m = try Self.model()
        let whole = PlanSimulator.result(
            model: m, tally: PlanSimulator.tally(model: m, paths: 256, seed: 9, threads: 1, blockSize: 64))
        let part = PlanSimulator.tally(model: m, paths: 256, seed: 9, threads: 1, blockSize: 64, blocks: 2..<4)
        #expect(!part.coversAllBlocks && part.firstBlock == 2)
        let shard = PlanSimulator.result(model: m, tally: part)
        var compared = 0
        for (a, b) in zip(whole.metBits, shard.metBits) where !a.isEmpty {
            #expect(b.count == 4 && b[0] == 0 && b[1] == 0 && Array(b[2...]) == Array(a[2...]), "\(a) \(b)")
            if a[2] != 0 && a[2] != ~0 { compared += 1 }
        }
        #expect(compared > 0, "no target is met on some paths and missed on others")
    }

    /// A part whose block tallies lack a cell, a target or a series does not fit its model.
    /// (Mutant: `… && metCount fits || nonFinite fits` let a block with a short cell array pass.)
    @Test func aBlockTallyOfAnotherShapeDoesNotFit() throws {
        let m = try Self.model()
        let t = PlanSimulator.tally(model: m, paths: 128, seed: 9, threads: 1, blockSize: 64)
        #expect(PlanSimulator.fits(t, model: m))
        let cuts: [(inout BlockTally) -> Void] = [
            { $0.cellSum.removeLast() }, { $0.quantitySum.removeLast() }, { $0.metCount.removeLast() },
            { $0.nonFinite.removeLast() },
        ]
        for (i, cut) in cuts.enumerated() {
            var bad = t
            cut(&bad.blocks[1])
            #expect(!PlanSimulator.fits(bad, model: m), "cut \(i)")
        }
    }

    /// A tally's seconds are its scenario's share of the time the simulation took: two
    /// scenarios simulated together each report at most half the wall-clock time of the call.
    /// (Mutant: the time × the number of scenarios.)
    @Test func eachScenarioReportsItsShareOfTheTime() throws {
        let m = try Self.model()
        let start = Date()
        let ts = PlanSimulator.tallies(model: m, leverSets: [[], []], paths: 16_384, seed: 9, threads: 1)
        let wall = Date().timeIntervalSince(start)
        #expect(
            ts.count == 2 && ts.allSatisfy { $0.seconds > 0 && 2 * $0.seconds <= wall },
            "\(ts.map(\.seconds)) of \(wall) s")
    }
}

/// A growth lever moves the simulated years from its year on and none before: +10% a year from
/// 2024 on two random walks simulated 2022–2025 (`PlanSimulatorTests.model`) leaves 2022 and
/// 2023 as they were and multiplies 2024 by 1.1 and 2025 by 1.21, path by path (common random
/// numbers: each quantile too). (Mutant of round 199: `isSimulated && year >= from` as `||`
/// multiplied 2022 by 1.1^(2022 − 2024 + 1) = 1/1.1.)
struct LeverYearsTests {
    @Test func aGrowthLeverMovesItsYearsAndNoneBefore() throws {
        let m = try PlanSimulatorTests.model(
            level: (1030, [1010, 1015, 1020, 1030]), flow: (4040, [1000, 1000, 1000, 1000]))
        let lever = Lever(name: "g", series: ["level"], action: .growth(fromYear: 2024, percentPerYear: .fixed(10)))
        let base = PlanSimulator.run(model: m, paths: 2048, seed: 4, threads: 1)
        let moved = PlanSimulator.run(model: m, levers: [lever], paths: 2048, seed: 4, threads: 1)
        for (year, factor) in [(2022, 1.0), (2023, 1.0), (2024, 1.1), (2025, 1.21)] {
            let a = try #require(base.cells.first { $0.series == 0 && $0.year == year }?.quantiles)
            let b = try #require(moved.cells.first { $0.series == 0 && $0.year == year }?.quantiles)
            #expect(zip(a, b).allSatisfy { abs($0 * factor - $1) <= 1e-9 * abs($1) }, "\(year): \(a) → \(b)")
        }
    }
}
