import IO
import Indicators

/// Everything `plancast run` was asked to do.
public struct RunRequest: Sendable {
    /// The plan folder (plan.yaml, indicators.csv, …).
    public var planDirectory: String
    /// An observations file replacing the plan's own.
    public var observations: String?
    public var encoding: TextEncoding = .auto
    /// Scenario files; empty: every file of a `Scenarios/` folder beside the plan, or a
    /// baseline without levers when there is none.
    public var scenarioFiles: [String] = []
    /// Whether an empty `scenarioFiles` looks for a `Scenarios/` folder (false: a baseline
    /// without levers, as `RunReproduction` reruns a run that had no scenario files).
    public var discoverScenarios = true
    /// Ignore every observation after this year.
    public var asOf: Int?
    public var paths = 100_000
    public var seed: UInt64 = 20220715
    /// Worker threads (nil: all cores). Results do not depend on it.
    public var threads: Int?
    /// The run folder (nil: a new folder under `runs/`).
    public var outputFolder: String?
    /// Replace an output folder that holds other files than a previous run.
    public var force = false
    public var language: Language = .zh
    /// Start CSV files with a UTF-8 byte-order mark (Excel).
    public var excel = false
    /// Run the per-lever sensitivity analysis.
    public var sensitivity = true
    /// Paths of the sensitivity reruns (at most `paths`).
    var sensitivityPaths = 20_000
    /// A recalibration fitted on finished plans (`evaluate --library`'s recalibration.json):
    /// attainment.csv gains `p_met_recalibrated` for the headline goals.
    public var recalibration: String?
    /// The terminal's width, when the summary goes to one (a wider table is split).
    public var terminalWidth: Int?
    /// Recorded in the manifest.
    public var commandLine: [String] = []
    public var version = "0.1.0"

    public init(planDirectory: String) {
        self.planDirectory = planDirectory
    }

    /// The paths per scenario `run --paths` accepts, and so the only counts a manifest can hold.
    public static let pathRange = 100...50_000_000
    /// The years `run --as-of` accepts (and a manifest's `as_of`).
    public static let yearRange = 1900...2200
}
