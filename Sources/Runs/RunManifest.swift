import Foundation
import IO
import Indicators
import PlanFiles
import Scenarios
import Simulation

/// The content of `manifest.json` (DESIGN.md §6): tool version, command line, SHA-256 of every
/// file that was read (plan files, observations, scenario files and the parents they inherit),
/// seed, paths, threads, the model chosen per indicator and scenario, timings and, added by
/// `RunFolder`, the SHA-256 of every output.
enum RunManifest {
    static func object(
        request: RunRequest, plan loaded: LoadedPlan, scenarioFiles: [String], runs: [ScenarioRun], threads: Int,
        timings: [String: Double]
    ) throws(InputError) -> [String: Any] {
        let inputs = try digests(
            loaded.files + scenarioFiles.map { InputFile(role: "scenario", path: $0) }
                + (request.recalibration.map { [InputFile(role: "recalibration", path: $0)] } ?? []))
        var models = [String: Any]()
        var scenarios = [[String: Any]]()
        for r in runs {
            var perIndicator = [String: Any]()
            for s in r.model.series {
                perIndicator[s.id] =
                    [
                        "models": s.models, "transform": s.transform.rawValue, "observations": s.evidence.observations,
                        "evidence": s.evidence.tag, "simulated_from": s.origin.map { $0 as Any } ?? NSNull(),
                        "assumptions": s.usesAssumptions,
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
        let plan = loaded.plan
        return [
            "tool": "plancast", "version": request.version, "command": request.commandLine,
            "plan": [
                "id": plan.metadata.id, "folder": loaded.directory, "document_number": plan.metadata.documentNumber,
            ],
            "inputs": inputs, "seed": request.seed, "paths": request.paths, "threads": threads,
            "as_of": request.asOf.map { $0 as Any } ?? NSNull(), "language": request.language.rawValue,
            "excel": request.excel, "sensitivity": request.sensitivity,
            "scenarios": scenarios, "models": models, "timings": t,
        ]
    }

    /// Every file read, as a manifest records it: role, path, size and SHA-256 (run folders,
    /// shard parts and evaluations alike).
    static func digests(_ files: [InputFile]) throws(InputError) -> [[String: Any]] {
        var out = [[String: Any]]()
        for f in files {
            var e = try FileDigest.entry(f.path)
            e["role"] = f.role
            out.append(e)
        }
        return out
    }
}
