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
