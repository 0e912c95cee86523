import Indicators
import Simulation

extension RunComparison {
    /// What `plancast compare` prints, in English.
    public var summary: String { summary(in: .en) }

    /// What `plancast compare` prints, a few lines for people: the verdict, then what differs.
    /// In Chinese the verdict keeps its English keyword in brackets ("可复现（REPRODUCES）"), so
    /// that a script reading either language finds it; ids, settings and file names stay as the
    /// manifests and CSVs write them.
    public func summary(in language: Language) -> String {
        let zh = language == .zh
        func t(_ en: String, _ chinese: String) -> String { zh ? chinese : en }
        // attainment.csv's words (target types, labels) as the Chinese report says them.
        func w(_ token: String) -> String { zh ? Self.chineseWords[token] ?? token : token }
        // A target by scenario, indicator, type and year (none for the all-… lines).
        func place(_ r: TargetRow) -> String {
            [r.key[0], r.key[1], w(r.key[2]), r.key[3]].filter { !$0.isEmpty }.joined(separator: " ")
        }
        var s = ""
        if let (x, y) = scenarioPair {
            s += t(
                "SCENARIO COMPARISON: '\(y)' of run B against '\(x)' of run A.\n",
                "情景比较（SCENARIO COMPARISON）：运行 B 的情景“\(y)”对比运行 A 的情景“\(x)”。\n")
        } else if outputsIdentical {
            let same = inputDifferences.isEmpty && settingDifferences.filter({ $0.what != "threads" }).isEmpty
            s += t(
                "REPRODUCES: attainment, forecasts, comparison and sensitivity CSVs are byte-identical"
                    + (same ? " (same inputs, seed and paths).\n" : ".\n"),
                "可复现（REPRODUCES）：attainment、forecasts、comparison 和 sensitivity 四个 CSV 文件逐字节相同"
                    + (same ? "（输入、随机种子和路径数均相同）。\n" : "。\n"))
        } else if inputDifferences.isEmpty && settingDifferences.allSatisfy({ $0.what == "threads" })
            && modelDifferences.isEmpty
        {
            s += t(
                "DOES NOT REPRODUCE: same inputs and settings but different outputs (a different build, platform or OpenBLAS kernel?).\n",
                "不可复现（DOES NOT REPRODUCE）：输入和设置相同，输出却不同（构建、平台或 OpenBLAS 内核不同？）。\n")
        } else {
            let parts: [(Bool, String, String)] = [
                (inputDifferences.isEmpty, "inputs", "输入"), (settingDifferences.isEmpty, "settings", "设置"),
                (modelDifferences.isEmpty, "models", "模型"),
            ]
            let differing = parts.filter { !$0.0 }
            s += t(
                "DIFFERENT RUNS: " + differing.map(\.1).joined(separator: ", ") + " differ.\n",
                "两次运行不同（DIFFERENT RUNS）：" + differing.map(\.2).joined(separator: "、") + "有差异。\n")
        }
        for d in inputDifferences { s += t("  input ", "  输入 ") + "\(d.what): \(d.a) → \(d.b)\n" }
        for d in settingDifferences { s += t("  setting ", "  设置 ") + "\(d.what): \(d.a) → \(d.b)\n" }
        // Another seed or path count moves every simulated figure: identical outputs then mean
        // that nothing in the runs is random, or that a manifest's settings were edited (the
        // manifest guards the outputs' bytes, not its own settings).
        if scenarioPair == nil, outputsIdentical,
            settingDifferences.contains(where: { ["seed", "paths"].contains($0.what) })
        {
            s += t(
                "  note: the seed or path count differs, yet every output is identical: either nothing in these runs is random, or a manifest was edited (plancast reproduce reruns a folder from its manifest)\n",
                "  注意：随机种子或路径数不同，所有输出却完全相同：要么这些运行中没有随机成分，要么某个 manifest 被改过（plancast reproduce 可按 manifest 重新运行一个文件夹）\n"
            )
        }
        func more(_ n: Int, indent: String) -> String {
            indent + t("… \(n) more", "… 另有 \(n) 项")
        }
        // Scenarios by the runs' own lists; a target of a scenario both runs have can still be in
        // one run only (another plan, or a target added or removed in indicators.csv).
        let inA = Set(rows.filter { $0.pA != "absent" }.map { $0.key[0] })
        let inB = Set(rows.filter { $0.pB != "absent" }.map { $0.key[0] })
        // The same change in several scenarios is one line that names them (an --as-of moves
        // every scenario's GDP model alike: five lines, one per scenario, said one thing).
        let groups = Self.groupedByScenario(modelDifferences)
        for g in groups.prefix(20) {
            var line = t("  model ", "  模型 ") + "\(g.what): \(g.a) → \(g.b)"
            if g.scenarios.count > 1 {
                line +=
                    Set(g.scenarios) == inA.intersection(inB)
                    ? t(" (all \(g.scenarios.count) scenarios)", "（全部 \(g.scenarios.count) 个情景）")
                    : t(" (\(g.scenarios.joined(separator: ", ")))", "（\(g.scenarios.joined(separator: "、"))）")
            }
            s += line + "\n"
        }
        if groups.count > 20 {
            s += more(groups.count - 20, indent: "  ") + t(" model differences\n", "模型差异\n")
        }
        if !evidenceDifferences.isEmpty {
            s += t(
                "  \(evidenceDifferences.count) years of history differ:\n",
                "  历史数据有 \(evidenceDifferences.count) 个年份不同：\n")
            // forecasts.csv's "2744 observed": the value as written, its source in words.
            func known(_ text: String) -> String {
                guard zh else { return text }
                var parts = text.split(separator: " ").map(String.init)
                if let last = parts.last { parts[parts.count - 1] = ValueSource(rawValue: last)?.zh ?? last }
                return parts.joined(separator: " ")
            }
            for d in evidenceDifferences.prefix(10) { s += "    \(d.what): \(known(d.a)) → \(known(d.b))\n" }
            if evidenceDifferences.count > 10 { s += more(evidenceDifferences.count - 10, indent: "    ") + "\n" }
        }
        let onlyA = inA.subtracting(inB).sorted(), onlyB = inB.subtracting(inA).sorted()
        let list = t(", ", "、")
        if !onlyA.isEmpty { s += t("  scenarios only in A: ", "  仅运行 A 有的情景：") + onlyA.joined(separator: list) + "\n" }
        if !onlyB.isEmpty { s += t("  scenarios only in B: ", "  仅运行 B 有的情景：") + onlyB.joined(separator: list) + "\n" }
        for (side, missing) in [("A", "pB"), ("B", "pA")] {
            let targets = absent.filter { r in
                inA.contains(r.key[0]) && inB.contains(r.key[0]) && (missing == "pB" ? r.pB : r.pA) == "absent"
            }
            guard !targets.isEmpty else { continue }
            let shown = targets.prefix(3).map { r in
                r.key.enumerated().map { $0.offset == 2 ? w($0.element) : $0.element }.joined(separator: " ")
            }
            .joined(separator: "; ")
            s +=
                t("  \(targets.count) targets only in \(side): ", "  仅运行 \(side) 有的目标 \(targets.count) 个：")
                + shown + (targets.count > 3 ? "; …" : "") + "\n"
        }
        let moved = retargeted
        if !moved.isEmpty {
            s += t(
                "\(moved.count) targets have another value in B (a revised plan, or other goals judged):\n",
                "运行 B 中有 \(moved.count) 个目标的目标值不同（规划已修订，或评判的目标不同）：\n")
            for r in moved.prefix(10) {
                // The all-goals line's "target" is the number of goals it judges.
                let what = r.key[2] == "all_goals" ? t("goals judged", "评判目标数") : t("target", "目标值")
                s += "  \(place(r)): \(what) \(r.key[4]) → \(r.targetB ?? ""), P \(w(r.pA)) → \(w(r.pB))\n"
            }
            if moved.count > 10 { s += more(moved.count - 10, indent: "  ") + "\n" }
        }
        let ch = changed
        let shared = rows.count - absent.count - moved.count
        s += t(
            "\(ch.count) of the \(shared) targets the two runs share (with the same target value) moved beyond Monte Carlo noise (|Δ| > 3 SE) or changed status.\n",
            "两次运行共有（目标值相同）的 \(shared) 个目标中，\(ch.count) 个的 P(达成) 变化超出蒙特卡洛噪声（|Δ| > 3 SE）或状态改变。\n")
        // Largest |Δ| first, a changed status (no Δ) counting as 1; ties in the table's order
        // (scenario, indicator, year), stated here rather than left to the sort's stability.
        let ranked = ch.enumerated().sorted {
            let (a, b) = (abs($0.element.difference ?? 1), abs($1.element.difference ?? 1))
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element)
        for r in ranked.prefix(25) {
            s +=
                "  \(place(r)): \(w(r.pA)) → \(w(r.pB))"
                + (r.labels.map { " (\(w($0.a)) → \(w($0.b)))" }
                    ?? r.difference.map { String(format: " (Δ %+.4f, SE %.4f)", $0, r.combinedSE ?? 0) } ?? "") + "\n"
        }
        return s
    }

    /// The Chinese words for attainment.csv's target types and labels, as the report says them.
    static let chineseWords: [String: String] = [
        "milestone": "年度目标", "goal_final": "总体目标（末年值）", "goal_cumulative": "总体目标（累计）",
        "goal_every_year": "总体目标（每年）", "goal_growth": "总体目标（年均增长）", "goal_change": "总体目标（较基期变化）",
        "all_milestones": "全部年度目标", "all_goals": "全部总体目标", "insufficient_data": "数据不足", "met": "已达成",
        "not_met": "未达成", "absent": "无",
    ].merging(LikelihoodLabel.allCases.map { ($0.rawValue, $0.zh) }) { a, _ in a }

    /// One model change as `compare` prints it: `what` is the series where several scenarios
    /// share the change, else the difference's own "scenario/series".
    struct ModelChange {
        var what: String, a: String, b: String, scenarios: [String]
    }

    /// Model differences ("scenario/series") with the same series and the same two models, as
    /// one change naming its scenarios (in the order met); a difference without a scenario part
    /// is a change of its own, named as it is.
    static func groupedByScenario(_ differences: [Difference]) -> [ModelChange] {
        var out = [ModelChange](), at = [[String]: Int]()
        for d in differences {
            // The last slash: indicator ids have none, scenario names may.
            guard let slash = d.what.lastIndex(of: "/") else {
                out.append(ModelChange(what: d.what, a: d.a, b: d.b, scenarios: []))
                continue
            }
            let scenario = String(d.what[..<slash]), series = String(d.what[d.what.index(after: slash)...])
            if let k = at[[series, d.a, d.b]] {
                out[k].what = series
                out[k].scenarios.append(scenario)
            } else {
                at[[series, d.a, d.b]] = out.count
                out.append(ModelChange(what: d.what, a: d.a, b: d.b, scenarios: [scenario]))
            }
        }
        return out
    }
}
