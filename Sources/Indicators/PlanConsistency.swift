import Foundation

/// One finding of `PlanConsistency.check`.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case info, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.info, .warning, .error]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }

        /// 错误, 警告, 提示.
        public var zh: String {
            switch self {
            case .error: "错误"
            case .warning: "警告"
            case .info: "提示"
            }
        }
    }

    public let severity: Severity
    public let indicator: String?
    public let message: String
    public let location: SourceLocation?
    /// The message in Chinese, for a Chinese report and `check --lang zh`; nil where only the
    /// English exists.
    public let messageZh: String?
    /// An error in how the plan's files describe an indicator (a cumulative goal on a stock, a
    /// net change without its stock), not in the government's numbers: a run would judge a
    /// quantity that means nothing (the sum of four years' stocks "met" with P = 1), so it
    /// stops, as for an error in the observations. Errors in the targets themselves (a child's
    /// target above its parent's) do not stop a run: a plan is judged as it was written.
    public internal(set) var stopsRun = false

    public init(
        _ severity: Severity, _ indicator: String?, _ message: String, at location: SourceLocation?,
        zh messageZh: String? = nil
    ) {
        self.severity = severity
        self.indicator = indicator
        self.message = message
        self.location = location
        self.messageZh = messageZh
    }

    public var description: String { text(in: .en) }

    /// The same finding, marked as one that stops a run (`stopsRun`).
    func stoppingRun() -> Finding {
        var f = self
        f.stopsRun = true
        return f
    }

    /// The finding as `check` prints it, in `language` (English where no Chinese exists):
    /// `file:line:column: severity: [indicator] message`, or `…: 提示: 【高新技术企业】…` with the
    /// indicator's Chinese name from `plan`.
    public func text(in language: Language, plan: Plan? = nil) -> String {
        let loc = location.map { "\($0): " } ?? ""
        return "\(loc)\(language == .zh ? severity.zh : severity.rawValue): \(tag(in: language, plan: plan))"
            + (language == .zh ? messageZh ?? message : message)
    }

    /// The indicator a finding is about, before its message: `[high_tech_enterprises] ` in
    /// English (the id the files write), `【高新技术企业】` in Chinese, by the name a Chinese reader
    /// knows it by (`Plan.label(of:in:)`; the id without `plan` or for an id the plan lacks).
    /// Empty for a finding about no one indicator. The file and line before it say where the
    /// row is.
    public func tag(in language: Language, plan: Plan?) -> String {
        guard let id = indicator else { return "" }
        return language == .zh ? "【\(plan?.label(of: id, in: .zh) ?? id)】" : "[\(id)] "
    }
}

/// Plan-consistency rules (DESIGN.md §2): milestones agree with headline goals, stock
/// milestones move the way their net changes say, children stay within parents, shares lie in
/// (0, 100), and rules fit kinds (a flow's targets are not read as a stock).
public enum PlanConsistency {
    /// Relative tolerance for comparing sums of targets with goals (targets are printed with
    /// at most a few decimals).
    static let tolerance = 1e-9

    public static func check(_ plan: Plan) -> [Finding] {
        located(checkIndicators(plan) + checkObservations(plan), in: plan)
    }

    /// A finding about an indicator that no row of the data stands behind (a value an identity
    /// derived, a plan-wide rule) points at the indicator's row in indicators.csv, so that an
    /// error always says where to look (a derived 2,308 "exceeds its parent" named no file).
    static func located(_ findings: [Finding], in plan: Plan) -> [Finding] {
        findings.map { f in
            guard f.location == nil, let id = f.indicator, let at = plan.indicator(id)?.location else { return f }
            var moved = Finding(f.severity, id, f.message, at: at, zh: f.messageZh)
            moved.stopsRun = f.stopsRun
            return moved
        }
    }

    /// The findings about the plan's indicators and targets (not its observations).
    static func checkIndicators(_ plan: Plan) -> [Finding] {
        var findings = [Finding]()
        let years = Array(plan.metadata.years)
        let byID = Dictionary(plan.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var netOf = [String: Indicator]()
        for ind in plan.indicators {
            findings += checkTargets(ind, years: years)
            findings += checkHeadline(ind, years: years)
            findings += checkBase(ind, plan: plan)
            findings += checkParent(ind, byID: byID, years: years)
            if ind.kind == .netChange, let stock = ind.parent.flatMap({ byID[$0] }), stock.kind == .stock {
                if let first = netOf[stock.id] {
                    findings.append(secondNetChange(ind, of: stock, first: first))
                } else {
                    netOf[stock.id] = ind
                }
            }
        }
        return findings
    }

    /// A stock has one net change: two are one quantity, and the identities filled the stock
    /// from the first and drew the second from the stock, so the second's own figure (300
    /// against the first's 436) was replaced without a word.
    static func secondNetChange(_ ind: Indicator, of stock: Indicator, first: Indicator) -> Finding {
        let line = first.location.map { " (line \($0.line))" } ?? ""
        let lineZh = first.location.map { "（第 \($0.line) 行）" } ?? ""
        return Finding(
            .error, ind.id,
            "'\(stock.id)' already has the net change '\(first.id)'\(line): a stock's yearly change is one quantity",
            at: ind.location?.at("parent"),
            zh: "“\(stock.label(in: .zh))”已有净增指标“\(first.label(in: .zh))”\(lineZh)：存量的年度变化只有一个"
        ).stoppingRun()
    }

    /// A kind as a Chinese plan names it (the words `PlanWords` reads), for the report's findings.
    static func kindZh(_ kind: IndicatorKind) -> String { kind.zh + "指标" }

    static func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= tolerance * max(1, abs(a), abs(b)) }

    public static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    /// `v` to `significant` digits for a message, trailing zeros dropped (5.1753554 → "5.1754",
    /// 6.0499999 → "6.05"); whole from 10^significant up.
    static func approx(_ v: Double, significant: Int = 5) -> String {
        guard v.isFinite, v != 0 else { return format(v) }
        let decimals = max(0, significant - 1 - Int((log10(abs(v))).rounded(.down)))
        guard decimals > 0 else { return format(v.rounded()) }
        var text = String(format: "%.\(min(decimals, 12))f", v)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// An observation as a message quotes it: as written, or, for a value an identity derived,
    /// to 9 significant digits and marked so ("1782.7 (derived)", not the 1782.6999999999998 of
    /// its arithmetic).
    static func written(_ o: Observation, zh: Bool = false) -> String {
        guard o.quality == .derived else { return o.text }
        return approx(o.value, significant: 9) + (zh ? "（推算）" : " (derived)")
    }

    /// A computed figure in a message: to 9 significant digits, which hides the arithmetic's last
    /// bits (3,000·1.1 − 2,744 is 556.0000000000005 in binary).
    static func figure(_ v: Double) -> String { approx(v, significant: 9) }

    static func checkTargets(_ ind: Indicator, years: [Int]) -> [Finding] {
        var f = [Finding]()
        if ind.targets.isEmpty {
            // Most five-year plans set the final goal only.
            if ind.headline != nil {
                f.append(
                    Finding(
                        .info, ind.id, "no yearly milestones: the goal alone is judged",
                        at: ind.location?.at("target_\(years.first ?? 0)"), zh: "没有年度目标：只评估总体目标"))
            } else {
                f.append(
                    Finding(
                        .warning, ind.id, "neither milestones nor a goal: nothing to judge", at: ind.location,
                        zh: "既无年度目标也无总体目标：无可评估"))
            }
        } else {
            let missing = years.filter { ind.targets[$0] == nil }
            if !missing.isEmpty {
                f.append(
                    Finding(
                        .info, ind.id,
                        "no milestone for \(missing.map(String.init).joined(separator: ", ")): those years are not judged",
                        at: ind.location?.at("target_\(missing[0])"),
                        zh: "\(missing.map(String.init).joined(separator: "、"))年没有年度目标：这些年份不评估"))
            }
        }
        for y in ind.targets.keys.sorted() {
            let t = ind.targets[y]!
            if !ind.kind.admits(t) {
                let range = ind.kind == .share ? "inside (0, 100)" : "≥ 0"
                f.append(
                    Finding(
                        .error, ind.id,
                        "target \(format(t)) for \(y) is outside the range of a \(ind.kind.rawValue) (\(range))",
                        at: ind.location?.at("target_\(y)"),
                        zh:
                            "\(y)年目标 \(format(t)) 超出\(kindZh(ind.kind))的取值范围（\(ind.kind == .share ? "0 到 100 之间" : "≥ 0")）"
                    ))
            }
            if ind.isCount && t != t.rounded() {
                f.append(
                    Finding(
                        .warning, ind.id,
                        "target \(format(t)) for \(y) is not a whole number but the unit \(ind.unit) counts",
                        at: ind.location?.at("target_\(y)"),
                        zh: "\(y)年目标 \(format(t)) 不是整数，而单位“\(ind.unit)”是计数单位"))
            }
        }
        // Stocks and shares of an "increase" indicator should not fall from one milestone to the next.
        if ind.kind == .stock || ind.kind == .share || ind.kind == .level {
            for (a, b) in zip(years, years.dropFirst()) {
                guard let ta = ind.targets[a], let tb = ind.targets[b] else { continue }
                if (ind.direction == .increase && tb < ta) || (ind.direction == .decrease && tb > ta) {
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "milestone for \(b) (\(format(tb))) moves against the direction '\(ind.direction.rawValue)' from \(a) (\(format(ta)))",
                            at: ind.location?.at("target_\(b)"),
                            zh:
                                "\(b)年目标（\(format(tb))）相对\(a)年（\(format(ta))）的变化与方向“\(ind.direction == .increase ? "增加" : "减少")”相反"
                        ))
                }
            }
        }
        return f
    }

    static func checkHeadline(_ ind: Indicator, years: [Int]) -> [Finding] {
        guard let goal = ind.headline else {
            return [
                Finding(.info, ind.id, "no headline goal", at: ind.location?.at("headline_goal"), zh: "没有总体目标")
            ]
        }
        var f = [Finding]()
        let targets = years.compactMap { ind.targets[$0] }
        if goal.form != .level {
            // A percent, judged on the final value against the level it implies (checkBase).
            if goal.form == .growth && goal.value <= -100 || goal.form == .change && goal.value <= -100 {
                f.append(
                    Finding(
                        .error, ind.id, "a \(goal.form.rawValue) of \(format(goal.value))% leaves nothing",
                        at: ind.location?.at("headline_goal"),
                        zh: "\(goal.form == .growth ? "年均增速" : "相对基期变化") \(format(goal.value))% 使数值归零"))
            }
            if ind.kind == .flow || ind.kind == .netChange {
                f.append(
                    Finding(
                        .warning, ind.id,
                        "a \(goal.form.rawValue) goal on a \(ind.kind.rawValue) compares the last year's amount with the base year's",
                        at: ind.location?.at("headline_rule"),
                        zh: "\(kindZh(ind.kind))的\(goal.form == .growth ? "增速" : "变化")目标比较的是末年与基期年的当年数量"))
            }
            return f
        }
        switch goal.rule {
        case .final:
            if ind.kind == .flow || ind.kind == .netChange {
                f.append(
                    Finding(
                        .warning, ind.id,
                        "a \(ind.kind.rawValue) with a 'final' goal is judged on its last year's amount only; 'cumulative' may be meant",
                        at: ind.location?.at("headline_rule"),
                        zh: "\(kindZh(ind.kind))的“末年值”目标只按末年当年的数量评估；是否应为“累计”（cumulative）？"))
            }
            if let last = years.last, let t = ind.targets[last], !same(t, goal.value) {
                f.append(
                    Finding(
                        .warning, ind.id,
                        "goal \(format(goal.value)) (final) differs from the \(last) milestone \(format(t))",
                        at: ind.location?.at("target_\(last)"),
                        zh: "总体目标 \(format(goal.value))（末年值）与\(last)年目标 \(format(t)) 不一致"))
            }
        case .cumulative:
            if ind.kind != .flow && ind.kind != .netChange {
                f.append(
                    Finding(
                        .error, ind.id,
                        "a cumulative goal sums yearly amounts, but this is a \(ind.kind.rawValue): its targets are levels, not yearly additions",
                        at: ind.location?.at("headline_rule"),
                        zh: "累计目标是各年数量之和，但该指标是\(kindZh(ind.kind))：其目标是水平值，不是每年的新增量"
                    ).stoppingRun())
            } else if targets.count == years.count {
                let sum = targets.reduce(0, +)
                if !same(sum, goal.value) {
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "yearly milestones sum to \(format(sum)), the cumulative goal is \(format(goal.value))",
                            at: ind.location?.at("headline_goal"),
                            zh: "各年目标之和为 \(format(sum))，累计总体目标为 \(format(goal.value))"))
                }
            }
        case .everyYear:
            for y in years {
                if let t = ind.targets[y], !ind.direction.meets(t, goal.value) {
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "the \(y) milestone \(format(t)) is below the every-year goal \(format(goal.value))",
                            at: ind.location?.at("target_\(y)"),
                            zh: "\(y)年目标 \(format(t)) 达不到每年目标 \(format(goal.value))"))
                }
            }
        }
        if !ind.kind.admits(goal.value) && ind.kind != .flow {
            f.append(
                Finding(
                    .error, ind.id, "goal \(format(goal.value)) is outside the range of a \(ind.kind.rawValue)",
                    at: ind.location?.at("headline_goal"),
                    zh: "目标 \(format(goal.value)) 超出\(kindZh(ind.kind))的取值范围"))
        }
        return f
    }

    /// A growth or change goal is measured from the base-year value: say which level it implies,
    /// or that it cannot be judged without one.
    static func checkBase(_ ind: Indicator, plan: Plan) -> [Finding] {
        guard let goal = ind.headline, goal.form != .level else { return [] }
        let m = plan.metadata
        let base = plan.history(of: ind.id).value(in: m.baseYear)
        guard let level = plan.goalLevel(goal, of: ind.id) else {
            return [
                Finding(
                    .warning, ind.id,
                    "a \(goal.form.rawValue) goal is measured from the \(m.baseYear) value, which is not observed: "
                        + "add the plan's own base-year value as an observation of quality plan_base (until then the goal is not judged)",
                    at: ind.location?.at("headline_goal"),
                    zh:
                        "\(goal.form == .growth ? "增速" : "变化")目标以\(m.baseYear)年数值为基数，而该年没有观测值：请把规划自身的基期数值作为 quality 为 plan_base 的观测值加入（在此之前不评估该目标）"
                )
            ]
        }
        let stated =
            goal.form == .growth
            ? "\(format(goal.value))% a year from \(m.baseYear)" : "\(format(goal.value))% against \(m.baseYear)"
        return [
            Finding(
                .info, ind.id,
                "goal \(stated) (\(format(base!))) is judged as \(m.lastYear) \(ind.direction == .increase ? "≥" : "≤") \(String(format: "%.6g", level))",
                at: ind.location?.at("headline_goal"),
                zh:
                    "目标\(goal.form == .growth ? "自\(m.baseYear)年起年均增长" : "相对\(m.baseYear)年变化") \(format(goal.value))%（基数 \(format(base!))）按 \(m.lastYear)年 \(ind.direction == .increase ? "≥" : "≤") \(String(format: "%.6g", level)) 评估"
            )
        ]
    }

    static func checkParent(_ ind: Indicator, byID: [String: Indicator], years: [Int]) -> [Finding] {
        guard let pid = ind.parent else {
            if ind.kind == .netChange {
                return [
                    Finding(
                        .error, ind.id,
                        "a net_change needs the stock it is derived from as its parent (or kind flow when the plan has no such stock)",
                        at: ind.location?.at("parent"),
                        zh: "净增指标须以其所依据的存量指标为上级（parent）（规划中没有该存量时，请把类型设为 flow）"
                    ).stoppingRun()
                ]
            }
            return []
        }
        guard let parent = byID[pid] else {
            return [
                Finding(
                    .error, ind.id, "parent '\(pid)' is not an indicator of the plan", at: ind.location?.at("parent"),
                    zh: "上级“\(pid)”不是本规划的指标")  // no name to give: the id as written
            ]
        }
        if pid == ind.id {
            return [
                Finding(
                    .error, ind.id, "an indicator cannot be its own parent", at: ind.location?.at("parent"),
                    zh: "指标不能以自身为上级")
            ]
        }
        var f = [Finding]()
        switch ind.kind {
        case .netChange:
            guard parent.kind == .stock else {
                return [
                    Finding(
                        .error, ind.id, "a net_change must belong to a stock; '\(pid)' is a \(parent.kind.rawValue)",
                        at: ind.location?.at("parent"),
                        zh: "净增指标须属于存量指标；“\(parent.label(in: .zh))”是\(kindZh(parent.kind))"
                    ).stoppingRun()
                ]
            }
            // stock(t) − stock(t−1) = net(t) between consecutive milestones.
            for (a, b) in zip(years, years.dropFirst()) {
                guard let sa = parent.targets[a], let sb = parent.targets[b], let n = ind.targets[b] else { continue }
                if !same(sb - sa, n) {
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "net change \(format(n)) in \(b) disagrees with the stock milestones of '\(pid)' (\(format(sa)) → \(format(sb)), a change of \(format(sb - sa)))",
                            at: ind.location?.at("target_\(b)"),
                            zh:
                                "\(b)年净增目标 \(format(n)) 与“\(parent.label(in: .zh))”的存量目标（\(format(sa)) → \(format(sb))，变化 \(format(sb - sa))）不符"
                        ))
                }
            }
            if let first = years.first, let s = parent.targets[first], let n = ind.targets[first] {
                f.append(
                    Finding(
                        .info, ind.id,
                        "the milestones imply '\(pid)' stood at \(format(s - n)) at the end of \(first - 1)",
                        at: ind.location?.at("target_\(first)"),
                        zh: "由年度目标推算，“\(parent.label(in: .zh))”\(first - 1)年末为 \(format(s - n))"))
            }
            if let goal = ind.headline, goal.rule == .cumulative, let first = years.first, let last = years.last,
                let s0 = parent.targets[first], let n0 = ind.targets[first], let sl = parent.targets[last]
            {
                let implied = sl - (s0 - n0)
                if !same(implied, goal.value) {
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "cumulative net change goal \(format(goal.value)) disagrees with the stock path (\(format(implied)))",
                            at: ind.location?.at("headline_goal"),
                            zh: "累计净增目标 \(format(goal.value)) 与存量目标路径（\(format(implied))）不符"))
                }
            }
        default:
            if ind.kind == parent.kind && ind.unit == parent.unit {
                for y in years {
                    if let c = ind.targets[y], let p = parent.targets[y], c > p {
                        f.append(
                            Finding(
                                .error, ind.id,
                                "target \(format(c)) for \(y) exceeds its parent '\(pid)' (\(format(p)))",
                                at: ind.location?.at("target_\(y)"),
                                zh: "\(y)年目标 \(format(c)) 超过其上级“\(parent.label(in: .zh))”（\(format(p))）"))
                    }
                }
            }
            if ind.unit != parent.unit {
                f.append(
                    Finding(
                        .warning, ind.id, "unit '\(ind.unit)' differs from its parent's ('\(parent.unit)')",
                        at: ind.location?.at("unit"), zh: "单位“\(ind.unit)”与其上级的单位“\(parent.unit)”不同"))
            }
        }
        return f
    }
}

extension PlanConsistency {
    /// What `check` means for a run, from one pass over the plan.
    public struct RunFindings: Sendable {
        /// Errors in the observations (a share entered as a fraction, a child above its parent, a
        /// stock that an identity makes negative…): a run on such data would give verdicts the
        /// evidence does not support, so it stops.
        public let blocking: [Finding]
        /// For stderr, in this order: errors in the plan's own targets (a plan is judged as its
        /// government wrote it), doubtful observations (an implausible jump, a fractional count),
        /// observations outside the plan's years (which the run ignores).
        public let warnings: [Finding]

        public init(blocking: [Finding], warnings: [Finding]) {
            self.blocking = blocking
            self.warnings = warnings
        }
    }

    public static func forRun(_ plan: Plan) -> RunFindings {
        let years = checkYears(plan)
        let observed = located(checkObservations(plan).filter { !years.contains($0) }, in: plan)
        let targets = located(checkIndicators(plan), in: plan).filter { $0.severity == .error }
        return RunFindings(
            blocking: targets.filter(\.stopsRun) + observed.filter { $0.severity == .error },
            warnings: targets.filter { !$0.stopsRun }
                + observed.filter { $0.severity == .warning }
                + years)
    }
}
