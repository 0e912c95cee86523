import Foundation
import Testing

@testable import PlanFiles

/// Where `plancast run` finds its scenarios when none are given.
struct ScenarioDiscoveryTests {
    @Test func scenariosBesideThePlanBaselineFirst() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-discover-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let scenarios = root.appendingPathComponent("Scenarios")
        let plan = root.appendingPathComponent("Notebooks-data/plan")
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: plan, withIntermediateDirectories: true)
        for f in ["zeta.yaml", "baseline.yaml", "alpha.yml", "notes.md"] {
            try "name: x\n".write(to: scenarios.appendingPathComponent(f), atomically: true, encoding: .utf8)
        }
        let found = ScenarioLoader.discover(given: [], planDirectory: plan.path)
        #expect(
            found.map { URL(fileURLWithPath: $0).lastPathComponent } == ["baseline.yaml", "alpha.yml", "zeta.yaml"])
        #expect(ScenarioLoader.discover(given: ["a.yaml"], planDirectory: plan.path) == ["a.yaml"])
        let bare = root.appendingPathComponent("elsewhere/x/plan")
        #expect(ScenarioLoader.discover(given: [], planDirectory: bare.path).isEmpty, "no Scenarios/ beside the plan")
        // A plan folder with its own Scenarios/ uses those, not the project's.
        let ownScenarios = plan.appendingPathComponent("Scenarios")
        try FileManager.default.createDirectory(at: ownScenarios, withIntermediateDirectories: true)
        try "name: own\n".write(to: ownScenarios.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        #expect(
            ScenarioLoader.discover(given: [], planDirectory: plan.path).map {
                URL(fileURLWithPath: $0).lastPathComponent
            }
                == ["mine.yaml"])
    }
}
