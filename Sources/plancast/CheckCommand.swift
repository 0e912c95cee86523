import ArgumentParser
import Foundation
import IO
import Indicators
import PlanFiles
import Scenarios

/// `plancast check`: loads a plan (and observations) strictly and reports consistency findings.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a plan, its observations and scenario files; report consistency findings.",
        discussion: "Exit 0 when there are no errors (warnings and notes are printed), 65 otherwise.")

    @Argument(help: "Scenario files to validate against the plan.")
    var scenarioFiles: [String] = []

    @OptionGroup var planOptions: PlanOptions

    @Flag(name: .shortAndLong, help: "Only print warnings and errors.")
    var quiet = false

    @Option(help: "Language of the findings and errors: en or zh.")
    var lang: Language = .en

    func run() throws {
        let plan = try planOptions.load().plan
        for f in scenarioFiles {
            if let why = unreadableReason(f, chinese: OptionLanguage.chinese) {
                throw ValidationError(
                    OptionLanguage.pick("cannot read scenario file '\(f)': \(why)", "无法读取情景文件“\(f)”：\(why)"))
            }
        }
        let scenarios = try ScenarioLoader.load(paths: scenarioFiles, plan: plan).scenarios
        let findings = PlanConsistency.check(plan)
        let zh = lang == .zh
        func word(_ s: Finding.Severity) -> String { zh ? s.zh : s.rawValue }
        var out = ""
        for f in findings.sorted(by: { $0.severity > $1.severity }) where !(quiet && f.severity == .info) {
            out += f.text(in: lang, plan: plan) + "\n"
        }
        let errors = findings.filter { $0.severity == .error }.count
        var warnings = findings.filter { $0.severity == .warning }.count
        var notes = findings.filter { $0.severity == .info }.count
        // Levers that move nothing: each distinct model is built as the run builds it (only
        // when the plan has no errors, which the run would refuse first).
        let unmoved = errors == 0 ? LeverWarnings.of(plan: plan, scenarios: scenarios) : []
        for w in unmoved where w.isWarning || !quiet {
            out +=
                "\(w.place): \(word(w.isWarning ? .warning : .info)): \(zh ? w.messageZh ?? w.message : w.message)\n"
        }
        warnings += unmoved.filter(\.isWarning).count
        notes += unmoved.filter { !$0.isWarning }.count
        for w in Scenario.leverSpellingWarnings(scenarios) {
            out += "\(w.file): \(word(.warning)): \(zh ? w.messageZh : w.message)\n"
            warnings += 1
        }
        for sc in scenarios {
            if let empty = zh ? sc.emptyFileWarningZh : sc.emptyFileWarning {
                out += "\(sc.file): \(word(.warning)): \(empty)\n"
                warnings += 1
            }
            for w in sc.observedAssumptionWarnings(plan: plan, zh: zh) {
                out += "\(sc.file): \(word(.warning)): \(w)\n"
                warnings += 1
            }
            out += Self.valid(sc, zh: zh) + "\n"
        }
        out += Self.summary(plan, errors: errors, warnings: warnings, notes: notes, zh: zh) + "\n"
        writeStdout(out)
        if errors > 0 { throw ExitCode(ExitStatus.dataError) }
    }

    /// "FILE: info: scenario 'NAME' is valid (2 levers, inherits baseline)", or in Chinese; with
    /// "; replaces the inherited lever 'X'" when a lever takes the place of an inherited one of
    /// its name.
    static func valid(_ sc: Scenario, zh: Bool) -> String {
        let n = sc.leverNames.count
        let quoted = sc.replacedLevers.map { zh ? "“\($0)”" : "'\($0)'" }.joined(separator: zh ? "、" : ", ")
        let replaced =
            sc.replacedLevers.isEmpty
            ? ""
            : zh
                ? "，替换继承的杠杆\(quoted)"
                : "; replaces the inherited \(sc.replacedLevers.count == 1 ? "lever" : "levers") \(quoted)"
        return zh
            ? "\(sc.file): 提示: 情景“\(sc.name)”有效（\(n) 个杠杆\(sc.inherits.map { "，继承 \($0)" } ?? "")\(replaced)）"
            : "\(sc.file): info: scenario '\(sc.name)' is valid (\(Self.count(n, "lever"))\(sc.inherits.map { ", inherits \($0)" } ?? "")\(replaced))"
    }

    /// "1 warning", "0 warnings", "2 warnings".
    static func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// The last line: what the plan holds and how many errors, warnings and notes were found.
    static func summary(_ plan: Plan, errors: Int, warnings: Int, notes: Int, zh: Bool) -> String {
        let (i, d, o) = (plan.indicators.count, plan.drivers.count, plan.observations.count)
        let (sums, growths) = (plan.sums.count, plan.growths.count)
        if zh {
            return "\(plan.metadata.id)：\(i) 个指标、\(d) 个驱动因素、\(o) 条观测值"
                + (sums == 0 ? "" : "、\(sums) 个跨年合计") + (growths == 0 ? "" : "、\(growths) 个增速")
                + "；\(errors) 个错误、\(warnings) 个警告、\(notes) 条提示"
        }
        return
            "\(plan.metadata.id): \(Self.count(i, "indicator")), \(Self.count(d, "driver")), \(Self.count(o, "observation"))"
            + (sums == 0 ? "" : ", \(Self.count(sums, "sum")) over years")
            + (growths == 0 ? "" : ", \(Self.count(growths, "growth rate"))")
            + "; \(Self.count(errors, "error")), \(Self.count(warnings, "warning")), \(Self.count(notes, "note"))"
    }
}
