import Forecasting
import Foundation
import Indicators
import LinearAlgebra
import Parallel
import Simulation

/// One scenario's model and simulation.
public struct ScenarioRun: Sendable {
    public let scenario: Scenario
    public let model: PlanModel
    public let result: PlanSimulationResult
    public let buildSeconds: Double
}

/// Runs scenarios of one plan with common random numbers (the same seed and block streams for
/// every scenario), rebuilding the plan model only for scenarios that change data or models.
public enum ScenarioRunner {
    public static func run(
        plan: Plan, scenarios: [Scenario], asOf: Int?, paths: Int, seed: UInt64, threads: Int,
        engine: SimulationEngine = SimulationEngine(), progress: (@Sendable (String) -> Void)? = nil,
        language: Language = .en
    ) throws -> [ScenarioRun] {
        var cache = [String: (PlanModel, Double)]()
        var built = [(key: String, model: PlanModel, seconds: Double)]()
        let chinese = language == .zh
        for (i, s) in scenarios.enumerated() {
            progress?("[\(i + 1)/\(scenarios.count)] \(s.name)" + (chinese ? "：建立模型" : ": building the model"))
            let key = modelKey(s)
            if let cached = cache[key] {
                built.append((key, cached.0, 0))
            } else {
                let t0 = Date()
                let m = try PlanModel.build(
                    plan: plan, asOf: asOf, assumptions: s.assumptions, overrides: s.combinations)
                cache[key] = (m, Date().timeIntervalSince(t0))
                built.append((key, m, cache[key]!.1))
            }
        }
        // Scenarios of one model are simulated together (they share draws), in order of first appearance.
        let groups = groupsByFirstAppearance(count: scenarios.count) { built[$0].key }
        var results = [PlanSimulationResult?](repeating: nil, count: scenarios.count)
        for g in groups {
            let label = progressLabel(group: g, of: scenarios.count, first: scenarios[g[0]].name, chinese: chinese)
            let r = try engine.simulate(
                model: built[g[0]].model, leverSets: g.map { scenarios[$0].levers }, paths: paths, seed: seed,
                threads: threads,
                progress: progress.map { report in
                    ProgressBar.reporter(label: label, unit: chinese ? "条路径" : "paths", chinese: chinese, report)
                })
            for (i, result) in zip(g, r) { results[i] = result }
        }
        return scenarios.indices.map { i in
            ScenarioRun(
                scenario: scenarios[i], model: built[i].model, result: results[i]!, buildSeconds: built[i].seconds)
        }
    }

    /// The progress line's label for a group of scenarios simulated together: "[2/5] rd-push"
    /// for one (its place among all), "[4 scenarios] baseline +3" for several (the first's name;
    /// "[4 个情景] baseline +3" in Chinese).
    static func progressLabel(group g: [Int], of count: Int, first: String, chinese: Bool = false) -> String {
        g.count == 1
            ? "[\(g[0] + 1)/\(count)] \(first)"
            : "[\(g.count)\(chinese ? " 个情景" : " scenarios")] \(first) +\(g.count - 1)"
    }

    /// Scenarios with the same assumptions and model choices share one plan model.
    static func modelKey(_ s: Scenario) -> String {
        let a = s.assumptions.keys.sorted().map { k in
            "\(k):" + s.assumptions[k]!.keys.sorted().map { "\($0)=\(s.assumptions[k]![$0]!)" }.joined(separator: ",")
        }
        let m = s.models.keys.sorted().map { "\($0):\(s.models[$0]!.joined(separator: "+"))" }
        return (a + ["|"] + m).joined(separator: ";")
    }

    /// How each lever of `scenario` moves each headline goal: P(met) with the scenario minus
    /// P(met) without that lever, on the same draws (one-at-a-time sensitivity), and the
    /// scenario's total effect against the baseline.
    public struct Sensitivity: Sendable {
        public let scenario: String
        public let lever: String
        public let indicator: String
        public let pWith: Double
        public let pWithout: Double
        public let difference: Double
        public let standardError: Double
        public init(
            scenario: String, lever: String, indicator: String, pWith: Double, pWithout: Double, difference: Double,
            standardError: Double
        ) {
            self.scenario = scenario
            self.lever = lever
            self.indicator = indicator
            self.pWith = pWith
            self.pWithout = pWithout
            self.difference = difference
            self.standardError = standardError
        }
    }

    /// The name of the "lever" that reads bounds strictly (`boundReading`).
    public static let strictBounds = "reading:bounds_as_values"

    /// Model dependence of the bound reading (issue: "突破3000" read as [3000, 3300] by default):
    /// for every headline goal of an indicator known by bounds (or derived from one), P(met) of
    /// `run` under the default reading against P(met) with every bound read as the value itself,
    /// on the same seed; the difference's SE treats the two runs as independent.
    public static func boundReading(
        run: ScenarioRun, paths: Int, seed: UInt64, threads: Int, engine: SimulationEngine = SimulationEngine()
    ) throws -> [Sensitivity] {
        let plan = run.model.plan
        let bounded = Set(
            plan.observations.filter { o in plan.kind(of: o.indicator).map { o.bounds(kind: $0) != nil } ?? false }
                .map(\.indicator))
        guard !bounded.isEmpty else { return [] }
        let touched = bounded.union(plan.indicators.filter { $0.parent.map(bounded.contains) ?? false }.map(\.id))
        let strict = plan.readingBoundsAsValues()
        let model = try PlanModel.build(
            plan: strict, asOf: run.model.asOf, assumptions: run.scenario.assumptions,
            overrides: run.scenario.combinations)
        let r = try engine.simulate(
            model: model, levers: run.scenario.levers, paths: paths, seed: seed, threads: threads)
        var out = [Sensitivity]()
        for (j, o) in run.result.targets.enumerated() where o.spec.kind == .goal {
            guard let k = o.spec.series, touched.contains(run.model.series[k].id), let p = o.pMet,
                let q = r.targets[j].pMet
            else { continue }
            let d = ProbabilityDifference.independent(
                q, se: r.targets[j].standardError ?? 0, p, se: o.standardError ?? 0)
            out.append(
                Sensitivity(
                    scenario: run.scenario.name, lever: strictBounds, indicator: run.model.series[k].id, pWith: p,
                    pWithout: q, difference: d.difference, standardError: d.standardError))
        }
        return out
    }

    /// Sensitivity of every scenario that has levers, in scenario order.
    public static func sensitivity(
        runs: [ScenarioRun], paths: Int, seed: UInt64, threads: Int, engine: SimulationEngine = SimulationEngine(),
        progress: (@Sendable (String) -> Void)? = nil, language: Language = .en
    ) throws -> [Sensitivity] {
        var out = [Sensitivity]()
        for r in runs where !r.scenario.leverNames.isEmpty {
            progress?((language == .zh ? "敏感性分析：" : "sensitivity: ") + r.scenario.name)
            out += try sensitivity(run: r, paths: paths, seed: seed, threads: threads, engine: engine)
        }
        return out
    }

    /// Lever reruns simulated together (bounds the memory of a scenario with many levers).
    static let sensitivityChunk = 16

    public static func sensitivity(
        run: ScenarioRun, paths: Int, seed: UInt64, threads: Int, engine: SimulationEngine = SimulationEngine()
    ) throws -> [Sensitivity] {
        var out = [Sensitivity]()
        let goals = run.result.targets.enumerated().filter {
            $0.element.spec.kind == .goal && $0.element.status == .simulated
        }
        guard !goals.isEmpty else { return [] }
        let levers = Set(run.scenario.leverNames).sorted()
        // With and without each lever on the same paths: a run of more paths than the reruns is
        // simulated again on theirs (the first `paths` paths of a longer run are not the same
        // draws: a block's normals are laid out by its number of paths, and a last block of
        // 1,568 paths is not the start of one of 2,048; found 2026-12-02, an idle lever moved a
        // goal by −0.0007 at 100,000 paths).
        let reference =
            paths == run.result.paths
            ? run.result
            : try engine.simulate(
                model: run.model, leverSets: [run.scenario.levers], paths: paths, seed: seed, threads: threads)[0]
        // A few levers at a time: each rerun's result holds its histograms and met bits (about
        // 12 MB at 10,000 paths on the bundled plan), and a scenario of 500 levers held 6 GB at
        // once. The reruns share the scenario's draws however they are grouped.
        for start in stride(from: 0, to: levers.count, by: sensitivityChunk) {
            let chunk = Array(levers[start..<min(start + sensitivityChunk, levers.count)])
            let results = try engine.simulate(
                model: run.model, leverSets: chunk.map { run.scenario.without(lever: $0).levers }, paths: paths,
                seed: seed, threads: threads)
            for (lever, r) in zip(chunk, results) {
                for (j, o) in goals {
                    let d = ProbabilityDifference.paired(reference.metBits[j], r.metBits[j], paths: paths)
                    out.append(
                        Sensitivity(
                            scenario: run.scenario.name, lever: lever, indicator: run.model.series[o.spec.series!].id,
                            pWith: reference.targets[j].pMet ?? 0, pWithout: r.targets[j].pMet ?? 0,
                            difference: d.difference,
                            standardError: d.standardError))
                }
            }
        }
        return out
    }
}
