import Foundation
import Indicators
import Scenarios
import Simulation

/// The content of `manifest.json` (DESIGN.md §6): tool version, command line, SHA-256 of every
/// input file, seed, paths, threads, the model chosen per indicator and scenario, timings.
public enum RunManifest {
    public struct Settings: Sendable {
        public let version: String
        public let command: [String]
        public let seed: UInt64
        public let paths: Int
        public let threads: Int
        public let asOf: Int?
        public let language: String
        public let excel: Bool
        public init(version: String, command: [String], seed: UInt64, paths: Int, threads: Int, asOf: Int?, language: String, excel: Bool) {
            self.version = version; self.command = command; self.seed = seed; self.paths = paths; self.threads = threads
            self.asOf = asOf; self.language = language; self.excel = excel
        }
    }

    public static func object(
        plan: Plan, planDirectory planDir: String, observations: String?, scenarioFiles: [String], runs: [ScenarioRun],
        settings: Settings, timings: [String: Double]
    ) throws(InputError) -> [String: Any] {
        var inputs = [[String: Any]]()
        let planFiles = ["plan.yaml", "indicators.csv", "drivers.csv"].map { planDir + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        let obs = observations ?? (planDir + "/observations.csv")
        for p in planFiles + [obs] where FileManager.default.fileExists(atPath: p) {
            var e = try Manifest.fileEntry(p)
            e["role"] = p == obs ? "observations" : "plan"
            inputs.append(e)
        }
        for f in scenarioFiles {
            var e = try Manifest.fileEntry(f)
            e["role"] = "scenario"
            inputs.append(e)
        }
        var models = [String: Any]()
        var scenarios = [[String: Any]]()
        for r in runs {
            var perIndicator = [String: Any]()
            for s in r.model.series {
                perIndicator[s.id] = [
                    "models": s.models, "transform": s.transform.rawValue, "observations": s.evidence.observations,
                    "evidence": s.evidence.tag, "simulated_from": s.origin.map { $0 as Any } ?? NSNull(), "assumptions": s.usesAssumptions,
                ] as [String: Any]
            }
            models[r.scenario.name] = perIndicator
            scenarios.append([
                "name": r.scenario.name, "file": r.scenario.file, "inherits": r.scenario.inherits ?? NSNull(),
                "levers": r.scenario.leverNames, "simulate_seconds": r.result.seconds, "build_seconds": r.buildSeconds,
            ])
        }
        var t = timings
        t["total_seconds"] = timings.values.reduce(0, +)
        return [
            "tool": "plancast", "version": settings.version, "command": settings.command,
            "plan": ["id": plan.metadata.id, "folder": planDir, "document_number": plan.metadata.documentNumber],
            "inputs": inputs, "seed": settings.seed, "paths": settings.paths, "threads": settings.threads,
            "as_of": settings.asOf.map { $0 as Any } ?? NSNull(), "language": settings.language, "excel": settings.excel,
            "scenarios": scenarios, "models": models, "timings": t,
        ]
    }
}
