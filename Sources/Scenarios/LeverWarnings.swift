import Indicators
import Simulation

/// Levers that move nothing (`LeverReach`). A lever whose years are all known (GDP observed to
/// the plan's last year under a "slower GDP" path), or on an indicator without data, leaves the
/// scenario's P(met) as the baseline's while the scenario reads as though it acted: `run` and
/// `check` say so.
///
/// - a lever that moves nothing at all is a warning;
/// - a series a lever names and leaves alone while it moves others is a warning when the series
///   has data (the lever cannot reach the years it would act on), and a note when it has none
///   (a scenario written for the whole indicator system, ahead of its data).
public enum LeverWarnings {
    public struct Finding: Sendable, Equatable {
        /// The scenario's file.
        public let file: String
        /// Where the lever is written (its file, line and column), when known.
        public var location: SourceLocation? = nil
        /// `file:line:column` of the lever, or the scenario's file.
        public var place: String { location?.description ?? file }
        public let isWarning: Bool
        public let message: String
        /// The message in Chinese (`check --lang zh`).
        public var messageZh: String? = nil
        /// The scenario, the lever and the series it leaves alone (for the report's note).
        public let scenario: String
        public let lever: String
        public let series: [String]
    }

    /// The findings for scenarios and the models they run on (in pairs, in the run's order); a
    /// lever inherited by several scenarios is reported once, at the first.
    public static func of(_ pairs: [(scenario: Scenario, model: PlanModel)]) -> [Finding] {
        var seen = Set<String>()
        var out = [Finding]()
        for (scenario, model) in pairs {
            for lever in scenario.levers where seen.insert(lever.name).inserted {
                let reach = model.reach(of: lever)
                let unmoved = reach.filter(\.years.isEmpty)
                guard let first = unmoved.first else { continue }
                let head = "scenario '\(scenario.name)': lever '\(lever.name)'"
                let headZh = "情景“\(scenario.name)”：杠杆“\(lever.name)”"
                if unmoved.count == reach.count {
                    let others = unmoved.dropFirst().map(\.series)
                    let rest =
                        others.count > 1
                        ? "; nor any of the \(others.count) other series it names (\(others.joined(separator: ", ")))"
                        : others.first.map { "; nor \($0)" } ?? ""
                    let restZh =
                        others.count > 1
                        ? "；它所列的其余 \(others.count) 个序列（\(others.joined(separator: "、"))）也不变"
                        : others.first.map { "；\($0) 也不变" } ?? ""
                    out.append(
                        Finding(
                            file: scenario.file, location: scenario.leverAt[lever.name], isWarning: true,
                            message:
                                "\(head) moves nothing (P(met) as without it): \(first.series): \(first.why ?? "")\(rest)",
                            messageZh:
                                "\(headZh)不改变任何结果（实现概率与不含它时相同）：\(first.series)：\(first.whyZh ?? first.why ?? "")\(restZh)",
                            scenario: scenario.name, lever: lever.name, series: unmoved.map(\.series)))
                    continue
                }
                for r in unmoved {
                    let noData =
                        model.series.first { $0.id == r.series }?.sources.allSatisfy { $0 == .unavailable } ?? false
                    out.append(
                        Finding(
                            file: scenario.file, location: scenario.leverAt[lever.name], isWarning: !noData,
                            message: "\(head) moves nothing of \(r.series): \(r.why ?? "")",
                            messageZh: "\(headZh)不改变 \(r.series)：\(r.whyZh ?? r.why ?? "")", scenario: scenario.name,
                            lever: lever.name, series: [r.series]))
                }
            }
        }
        return out
    }

    /// The same for scenario files before a run (`check`): each distinct model is built once, as
    /// the run builds it. A model that cannot be built is left to the run, which reports why.
    public static func of(plan: Plan, scenarios: [Scenario], asOf: Int? = nil) -> [Finding] {
        var models = [String: PlanModel]()
        var pairs = [(scenario: Scenario, model: PlanModel)]()
        for s in scenarios where !s.levers.isEmpty {
            let key = ScenarioRunner.modelKey(s)
            if models[key] == nil {
                models[key] = try? PlanModel.build(
                    plan: plan, asOf: asOf, assumptions: s.assumptions, overrides: s.combinations)
            }
            if let m = models[key] { pairs.append((s, m)) }
        }
        return of(pairs)
    }
}
