import IO

/// Two run folders side by side (DESIGN.md §1 "reviewers compare two runs"): inputs (by role
/// and file name, compared by SHA-256), settings, model choices, and every target's P(met).
public struct RunComparison: Sendable {
    public struct Difference: Sendable, Equatable {
        public let what: String
        public let a: String
        public let b: String
        public init(what: String, a: String, b: String) {
            self.what = what
            self.a = a
            self.b = b
        }
    }

    public struct TargetRow: Sendable {
        public let key: [String]  // scenario, indicator, target_type, year, target (A's where both)
        /// B's target where it differs from A's (the plan's target was revised between the runs).
        public let targetB: String?
        public let pA: String
        public let pB: String
        public let difference: Double?
        public let combinedSE: Double?
        /// `yes`, `no`, `status_changed` (evaluable in one run only, or decided by the evidence
        /// in one and a probability in the other), `target_changed` (the same
        /// target with another value: its P moves with the value, not only with noise) or `absent`.
        public let beyondNoise: String
        /// Both runs' labels where one is decided by the evidence (met / not_met) and the other
        /// a probability: the status changed though P may not have.
        public var labels: (a: String, b: String)? = nil
        public init(
            key: [String], targetB: String? = nil, pA: String, pB: String, difference: Double?, combinedSE: Double?,
            beyondNoise: String
        ) {
            self.key = key
            self.targetB = targetB
            self.pA = pA
            self.pB = pB
            self.difference = difference
            self.combinedSE = combinedSE
            self.beyondNoise = beyondNoise
        }
    }

    public let inputDifferences: [Difference]
    /// History that differs between the runs, from forecasts.csv of the compared scenario (the
    /// baseline, or the only one): an observed or derived value, or how a year is known
    /// ("high_tech_enterprises 2022": "2744 observed" → "2800 observed"). What changed in the
    /// data, where `inputDifferences` only says that a file did.
    public var evidenceDifferences: [Difference] = []
    public let settingDifferences: [Difference]
    public let modelDifferences: [Difference]
    public let outputsIdentical: Bool
    public let rows: [TargetRow]
    /// Set when one scenario of A is compared with a differently named one of B.
    public var scenarioPair: (String, String)? = nil

    public init(
        inputDifferences: [Difference], settingDifferences: [Difference], modelDifferences: [Difference],
        outputsIdentical: Bool, rows: [TargetRow]
    ) {
        self.inputDifferences = inputDifferences
        self.settingDifferences = settingDifferences
        self.modelDifferences = modelDifferences
        self.outputsIdentical = outputsIdentical
        self.rows = rows
    }

    public static let columns = [
        "scenario", "indicator", "target_type", "year", "target", "p_met_a", "p_met_b", "difference", "combined_se",
        "beyond_noise", "target_b",
    ]

    public var changed: [TargetRow] { rows.filter { $0.beyondNoise == "yes" || $0.beyondNoise == "status_changed" } }
    /// Targets whose value differs between the runs (same indicator, kind and year).
    public var retargeted: [TargetRow] { rows.filter { $0.beyondNoise == "target_changed" } }
    public var absent: [TargetRow] { rows.filter { $0.beyondNoise == "absent" } }
    public var reproduces: Bool { outputsIdentical }

    public var csv: String {
        var out = CSVFormat.line(Self.columns)
        for r in rows {
            out += CSVFormat.line(
                r.key + [
                    r.pA, r.pB, r.difference.map { String(format: "%.6f", $0) } ?? "",
                    r.combinedSE.map { String(format: "%.6f", $0) } ?? "", r.beyondNoise, r.targetB ?? "",
                ])
        }
        return out
    }
}
