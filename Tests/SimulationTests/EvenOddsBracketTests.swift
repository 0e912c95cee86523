import Foundation
import Testing

@testable import Simulation

/// The bracket of the even-odds search (`EvenOddsGrowth.crosses`): a target has a pace that makes
/// it as likely as not only where P(met) crosses ½ between the slowest and the fastest pace. The
/// whole-search tests (`EvenOddsGrowthTests`) cannot reach the edges: at ten times a year most
/// targets are met on every path. Mutation round 146 moved the fastest pace's threshold from ½
/// to 0.625 with every test passing.
struct EvenOddsBracketTests {
    @Test func aTargetCrossesWhereItsProbabilityPassesAHalfInsideTheBracket() {
        // An increase goal: below ½ at the slowest pace, at least ½ at the fastest.
        for (slowest, fastest, crosses) in [
            (0.4, 0.5, true), (0.4, 0.55, true), (0.0, 1.0, true), (0.4, 0.49, false), (0.5, 0.9, false),
            (0.6, 0.4, false),
        ] {
            #expect(
                EvenOddsGrowth.crosses(increase: true, atSlowest: slowest, atFastest: fastest) == crosses,
                "increase \(slowest) → \(fastest)")
            // A decrease goal is met more often the slower the pace: the same with the ends swapped.
            #expect(
                EvenOddsGrowth.crosses(increase: false, atSlowest: fastest, atFastest: slowest) == crosses,
                "decrease \(fastest) → \(slowest)")
        }
    }
}

/// The closed form for the targets one median answers (`EvenOddsGrowth.of`): the extra growth
/// g that moves the median m of the target's year to the threshold T over the n simulated years
/// up to it, g = 100·((T/m)^(1/n) − 1). On two random walks from 1,000 with drift 5
/// (`PlanSimulatorTests.model`), the level's 2023 milestone of 1,030 has n = 2 (2022 and 2023)
/// and its final goal of 1,040 in 2025 n = 4; the flow's cumulative goal is searched, not
/// answered here. (Mutant of round 191: `kind != .milestone` gave the milestones no answer
/// and every goal one.)
struct EvenOddsClosedFormTests {
    @Test func aMilestoneAndAFinalGoalMoveTheirMedianToTheThreshold() throws {
        let m = try PlanSimulatorTests.model(
            level: (1040, [1010, 1030, 1030, 1040]), flow: (4040, [1000, 1000, 1000, 1000]))
        let r = PlanSimulator.run(model: m, paths: 4096, seed: 5, threads: 1)
        func outcome(_ id: String, _ kind: TargetSpec.Kind, _ year: Int?) throws -> TargetOutcome {
            try #require(
                r.targets.first {
                    $0.spec.kind == kind && $0.spec.year == year && $0.spec.series.map { m.series[$0].id } == id
                })
        }
        for (o, threshold, n) in [
            (try outcome("level", .milestone, 2023), 1030.0, 2.0), (try outcome("level", .goal, 2025), 1040, 4),
        ] {
            let median = try #require(o.median)
            let g = try #require(EvenOddsGrowth.of(o, model: m), "\(o.spec)")
            #expect(abs(g.percentPerYear - 100 * (pow(threshold / median, 1 / n) - 1)) < 1e-9, "\(o.spec)")
            #expect(g.fromYear == 2022)
        }
        #expect(EvenOddsGrowth.of(try outcome("flow", .goal, 2025), model: m) == nil)
    }
}
