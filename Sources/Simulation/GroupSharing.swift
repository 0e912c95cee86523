/// What the scenarios of one `PlanSimulator.tallies` call share. Scenarios whose draws are the
/// same (no volatility lever between them) are grouped; within a group the first scenario is the
/// reference, computed in full, and each later one
/// - keeps, in the histogram cells whose pilot ranges are the reference's, only its difference
///   from the reference's counts (`PreparedScenario.Sharing`): most cells are equal on every
///   path, and are then not binned again;
/// - computes only the series its levers or the reference's reach, closed under containment and
///   net changes (`PreparedScenario.differing(from:)`), and takes the others, and the targets on
///   them, from the reference's finished block (`PreparedScenario.Reuse`).
/// Either way each scenario's tally is bit for bit the one it gets simulated alone (tested:
/// `scenariosSimulatedTogetherEqualEachAlone`, `eachShippedScenarioTogetherEqualsItAlone`).
struct GroupSharing {
    /// Per scenario: the group's first scenario, for the later ones of a group of several.
    let reference: [Int?]
    /// Per scenario with a reference: the histogram cells kept as a difference from it.
    let cells: [[Bool]]
    /// Per scenario with a reference: the series it computes itself (nil: every series).
    let fresh: [[Bool]?]

    init(plans: [PreparedScenario], pilots: [HistogramQuantiles], groups: [[Int]]) {
        let reference = plans.indices.map { j in groups.first { $0.count > 1 && $0.contains(j) && $0[0] != j }?[0] }
        self.reference = reference
        cells = plans.indices.map { j -> [Bool] in
            guard let r = reference[j] else { return [] }
            let (a, b) = (pilots[j], pilots[r])
            let series = plans[j].seriesCount * plans[j].yearCount
            return a.lo.indices.map { c in
                guard a.lo.count == b.lo.count, a.lo[c] == b.lo[c], a.hi[c] == b.hi[c], a.logScale[c] == b.logScale[c]
                else { return false }
                if c < series { return true }
                let t = c - series
                return plans[j].targets.count == plans[r].targets.count && plans[j].status[t] == plans[r].status[t]
                    && plans[j].targetCell[t] == plans[r].targetCell[t]
            }
        }
        fresh = plans.indices.map { j in reference[j].flatMap { plans[j].differing(from: plans[$0]) } }
    }
}
