import Indicators
import Simulation

/// Levers that move nothing (`LeverReach`). A lever whose years are all known (GDP observed to
/// the plan's last year under a "slower GDP" path), or on an indicator without data, leaves the
/// scenario's P(met) as the baseline's while the scenario reads as though it acted: `run` and
/// `check` say so.
///
/// - a lever that moves nothing as written (a shock with probability 0, a growth of 0%) is a
///   warning, whatever the data;
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
            // Chinese messages name series by their Chinese labels, lists apart by "；" (as
            // `check`'s findings); English ones by id.
            func zh(_ id: String) -> String { model.plan.label(of: id, in: .zh) }
            func zh(_ ids: [String]) -> String { ids.map(zh).joined(separator: "；") }
            for lever in scenario.levers where seen.insert(lever.name).inserted {
                let head = "scenario '\(scenario.name)': lever '\(lever.name)'"
                let headZh = "情景“\(scenario.name)”：杠杆“\(lever.name)”"
                // A lever of no effect that replaces an inherited one of its name cancels it:
                // that is what it is for.
                if let idle = lever.idleAsWritten, !scenario.replacedLevers.contains(lever.name) {
                    out.append(
                        Finding(
                            file: scenario.file, location: scenario.leverAt[lever.name], isWarning: true,
                            message: "\(head) moves nothing as written (P(met) as without it): \(idle.en)",
                            messageZh: "\(headZh)按所写不改变任何结果（实现概率与不含它时相同）：\(idle.zh)",
                            scenario: scenario.name, lever: lever.name, series: lever.series))
                    continue
                }
                let reach = model.reach(of: lever)
                let unmoved = reach.filter(\.years.isEmpty)
                guard let first = unmoved.first else { continue }
                if unmoved.count == reach.count {
                    let others = unmoved.dropFirst().map(\.series)
                    let rest =
                        others.count > 1
                        ? "; nor any of the \(others.count) other series it names (\(others.joined(separator: ", ")))"
                        : others.first.map { "; nor \($0)" } ?? ""
                    let restZh =
                        others.count > 1
                        ? "；它所列的其余 \(others.count) 个序列（\(zh(others))）也不变"
                        : others.first.map { "；\(zh($0)) 也不变" } ?? ""
                    out.append(
                        Finding(
                            file: scenario.file, location: scenario.leverAt[lever.name], isWarning: true,
                            message:
                                "\(head) moves nothing (P(met) as without it): \(first.series): \(first.why ?? "")\(rest)",
                            messageZh:
                                "\(headZh)不改变任何结果（实现概率与不含它时相同）：\(zh(first.series))：\(first.whyZh ?? first.why ?? "")\(restZh)",
                            scenario: scenario.name, lever: lever.name, series: unmoved.map(\.series)))
                    continue
                }
                // Series with data that the lever cannot reach: a warning each. Series without
                // any data: one note for all of them (a group lever on the enterprises names
                // three such, and three notes repeated the lever's long default name).
                var noData = [String]()
                for r in unmoved {
                    if model.series.first(where: { $0.id == r.series })?.sources.allSatisfy({ $0 == .unavailable })
                        ?? false
                    {
                        noData.append(r.series)
                        continue
                    }
                    out.append(
                        Finding(
                            file: scenario.file, location: scenario.leverAt[lever.name], isWarning: true,
                            message: "\(head) moves nothing of \(r.series): \(r.why ?? "")",
                            messageZh: "\(headZh)不改变 \(zh(r.series))：\(r.whyZh ?? r.why ?? "")",
                            scenario: scenario.name,
                            lever: lever.name, series: [r.series]))
                }
                if !noData.isEmpty {
                    let list = noData.joined(separator: ", ")
                    let message =
                        noData.count == 1
                        ? "\(head) moves nothing of \(list): it has no data (insufficient_data): give it an observation or a scenario assumption"
                        : "\(head) moves nothing of the \(noData.count) series it names that have no data (insufficient_data): \(list); give them observations or scenario assumptions"
                    let messageZh =
                        noData.count == 1
                        ? "\(headZh)不改变 \(zh(noData))：它没有数据（数据不足）：请给出观测值或情景假设"
                        : "\(headZh)不改变它所列的 \(noData.count) 个没有数据（数据不足）的序列（\(zh(noData))）：请给出观测值或情景假设"
                    out.append(
                        Finding(
                            file: scenario.file, location: scenario.leverAt[lever.name], isWarning: false,
                            message: message, messageZh: messageZh, scenario: scenario.name, lever: lever.name,
                            series: noData))
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
