import Foundation
import IO
import Reporting
import Simulation

/// Reading two run folders into a `RunComparison` (DESIGN.md §1 "reviewers compare two runs"):
/// inputs (by role and file name, compared by SHA-256), settings, model choices, and every
/// target's P(met).
extension RunComparison {
    /// Compares run folders `a` and `b`. With `scenarioA`/`scenarioB` (or when each run holds a
    /// single scenario) one scenario of each run is compared, whatever their names — baseline in
    /// one run against a what-if in another.
    public static func load(_ a: String, _ b: String, scenarioA: String? = nil, scenarioB: String? = nil)
        throws(InputError) -> RunComparison
    {
        // A folder is trusted only when every output matches its manifest's SHA-256.
        for folder in [a, b] {
            try RunFolder.requireWholeRun(
                folder, command: "compare", hint: editedHint.en, hintZh: editedHint.zh)
        }
        func manifest(_ folder: String) throws(InputError) -> [String: Any] {
            try JSONFile.read(
                path: folder + "/manifest.json", what: "the manifest", hint: "a run folder holds manifest.json",
                zh: "manifest", hintZh: "运行目录中应有 manifest.json")
        }
        let ma = try manifest(a), mb = try manifest(b)
        var outputsIdentical = true
        for f in ["attainment.csv", "forecasts.csv", "comparison.csv", "sensitivity.csv"] {
            var contents = [Data]()
            for path in [a + "/" + f, b + "/" + f] {
                guard let d = FileManager.default.contents(atPath: path) else {
                    throw InputError(file: path, "missing from the run folder", zh: "运行目录中缺少此文件")
                }
                contents.append(d)
            }
            // Excel's byte-order mark is a setting (`excel`), not a result.
            if withoutBOM(contents[0]) != withoutBOM(contents[1]) { outputsIdentical = false }
        }
        // Inputs by role and file name.
        func inputs(_ m: [String: Any]) -> [String: String] {
            var d = [String: String]()
            for i in (m["inputs"] as? [[String: Any]]) ?? [] {
                let name = URL(fileURLWithPath: i["path"] as? String ?? "").lastPathComponent
                d["\(i["role"] as? String ?? "input"):\(name)"] = i["sha256"] as? String ?? ""
            }
            return d
        }
        let ia = inputs(ma), ib = inputs(mb)
        var inputDiffs = [Difference]()
        // A role with one file in each run under different names (observations.csv in A,
        // obs-2024.csv in B) is one difference: the file that replaced the other.
        func role(_ key: String) -> String { String(key.prefix { $0 != ":" }) }
        let onlyA = ia.keys.filter { ib[$0] == nil }, onlyB = ib.keys.filter { ia[$0] == nil }
        var paired = Set<String>()
        for r in Set(onlyA.map(role)).sorted() {
            let a = onlyA.filter { role($0) == r }, b = onlyB.filter { role($0) == r }
            guard a.count == 1, b.count == 1 else { continue }
            let name = { (k: String) in String(k.drop { $0 != ":" }.dropFirst()) }
            inputDiffs.append(
                Difference(
                    what: r, a: "\(name(a[0])) \(ia[a[0]]!.prefix(12))", b: "\(name(b[0])) \(ib[b[0]]!.prefix(12))"))
            paired.formUnion([a[0], b[0]])
        }
        for k in Set(ia.keys).union(ib.keys).sorted() where ia[k] != ib[k] && !paired.contains(k) {
            inputDiffs.append(
                Difference(
                    what: k, a: ia[k].map { String($0.prefix(12)) } ?? "absent",
                    b: ib[k].map { String($0.prefix(12)) } ?? "absent"))
        }
        var settingDiffs = [Difference]()
        for k in ["version", "seed", "paths", "as_of", "language", "excel", "sensitivity", "threads"] {
            let x = describe(ma[k]), y = describe(mb[k])
            if x != y { settingDiffs.append(Difference(what: k, a: x, b: y)) }
        }
        var modelDiffs = [Difference]()
        let moa = ma["models"] as? [String: Any] ?? [:], mob = mb["models"] as? [String: Any] ?? [:]
        for scen in Set(moa.keys).intersection(mob.keys).sorted() {
            let x = moa[scen] as? [String: Any] ?? [:], y = mob[scen] as? [String: Any] ?? [:]
            for ind in Set(x.keys).union(y.keys).sorted() {
                let sx = modelText(x[ind] as? [String: Any]), sy = modelText(y[ind] as? [String: Any])
                if sx != sy { modelDiffs.append(Difference(what: "\(scen)/\(ind)", a: sx, b: sy)) }
            }
        }
        let (rows, pick) = try compareAttainment(
            a + "/attainment.csv", b + "/attainment.csv", scenarioA: scenarioA, scenarioB: scenarioB)
        var c = RunComparison(
            inputDifferences: inputDiffs, settingDifferences: settingDiffs, modelDifferences: modelDiffs,
            outputsIdentical: outputsIdentical, rows: rows)
        if let pick, pick.0 != pick.1 { c.scenarioPair = pick }
        if !outputsIdentical {
            c.evidenceDifferences = try history(a + "/forecasts.csv", b + "/forecasts.csv", scenarios: pick)
        }
        return c
    }

    /// The history rows (every source but simulated, backcast, interpolated and unavailable:
    /// observed, derived, bounded, assumed…) of one scenario of each run, by indicator and year,
    /// and those that differ: the value and how it is known (a year drawn in the other run by
    /// its source, "5140.6 observed → simulated"). The scenario is the picked pair's,
    /// else the baseline, else the first of each file.
    static func history(_ pa: String, _ pb: String, scenarios pick: (String, String)?) throws(InputError)
        -> [Difference]
    {
        let drawn: Set<String> = ["simulated", "backcast", "interpolated", "unavailable"]
        func read(_ path: String, _ wanted: String?) throws(InputError) -> (keys: [String], rows: [String: String]) {
            let t = try CSVTable(path: path)
            let cs = try t.columnIndex("scenario"), ci = try t.columnIndex("indicator"), cy = try t.columnIndex("year")
            let co = try t.columnIndex("observed"), cr = try t.columnIndex("source")
            let names = t.rows.map { $0[cs] }
            let scenario = wanted ?? (names.contains("baseline") ? "baseline" : names.first ?? "")
            var keys = [String](), rows = [String: String]()
            for r in t.rows where r[cs] == scenario {
                let key = "\(r[ci]) \(r[cy])"
                let known =
                    drawn.contains(r[cr]) ? r[cr] : [r[co], r[cr]].filter { !$0.isEmpty }.joined(separator: " ")
                if rows[key] == nil { keys.append(key) }
                rows[key] = known
            }
            return (keys, rows)
        }
        let (ka, ra) = try read(pa, pick?.0)
        let (kb, rb) = try read(pb, pick?.1)
        var order = ka
        for k in kb where ra[k] == nil { order.append(k) }
        return order.compactMap { k in
            let x = ra[k] ?? "absent", y = rb[k] ?? "absent"
            // A year drawn in both runs (simulated in one, backcast in the other) is no history.
            let history = [x, y].contains { !drawn.contains($0) && $0 != "absent" }
            return x == y || !history ? nil : Difference(what: k, a: x, b: y)
        }
    }

    /// What to do about a run folder that was edited after `run` wrote it.
    static let editedHint = (
        en: "rerun into a new folder; a run folder must not be edited", zh: "请重新运行到一个新目录；运行目录不可编辑"
    )

    static func withoutBOM(_ d: Data) -> Data {
        d.starts(with: [0xEF, 0xBB, 0xBF]) ? d.dropFirst(3) : d
    }

    /// A series' model entry of the manifest in a line: "drift log n=13"; "no model" for a
    /// series without data (an empty list read as a blank name: "→  log n=0").
    static func modelText(_ entry: [String: Any]?) -> String {
        guard let entry else { return "absent" }
        var models = describe(entry["models"])
        if models.isEmpty || models == "none" { models = "no model" }
        return "\(models) \(describe(entry["transform"])) n=\(describe(entry["observations"]))"
    }

    static func describe(_ v: Any?) -> String {
        switch v {
        case nil, is NSNull: return "none"
        case let a as [Any]: return a.map { describe($0) }.joined(separator: "+")
        case let n as NSNumber: return n.stringValue
        case let s as String: return s
        default: return "\(v!)"
        }
    }

    /// Every target in either run: P(met) in both, the difference and the combined standard error
    /// √(se_a² + se_b²) — the runs are treated as independent, which is conservative when they
    /// share a seed. Beyond noise: |difference| > 3 SE (any difference when both SEs are zero).
    static func compareAttainment(_ pa: String, _ pb: String, scenarioA: String?, scenarioB: String?) throws(InputError)
        -> ([TargetRow], (String, String)?)
    {
        let ta = try CSVTable(path: pa), tb = try CSVTable(path: pb)
        let ca = try ta.columnIndex("scenario"), cb = try tb.columnIndex("scenario")
        let sa = Set(ta.rows.map { $0[ca] }), sb = Set(tb.rows.map { $0[cb] })
        for (want, have, file) in [(scenarioA, sa, pa), (scenarioB, sb, pb)] {
            if let want, !have.contains(want) {
                throw InputError(
                    file: file, "no scenario named '\(want)'",
                    hint: "scenarios in this run: \(have.sorted().joined(separator: ", "))",
                    zh: "没有名为“\(want)”的情景", hintZh: "这次运行中的情景：\(have.sorted().joined(separator: "、"))")
            }
        }
        // One scenario against one scenario: relabel both so the targets line up.
        var pick: (String, String)?
        if scenarioA != nil || scenarioB != nil || (sa.count == 1 && sb.count == 1) {
            pick = (
                scenarioA ?? (sa.count == 1 ? sa.first! : "baseline"),
                scenarioB ?? (sb.count == 1 ? sb.first! : "baseline")
            )
        }
        // Targets pair by scenario, indicator, target type and year; their values are compared
        // apart, so a target revised between the runs is one row with both values.
        typealias Entry = (target: String, p: String, se: String, label: String)
        func index(_ t: CSVTable, only: String?) throws(InputError) -> (keys: [[String]], rows: [[String]: Entry]) {
            let cols = try ["scenario", "indicator", "target_type", "year", "target", "p_met", "p_met_se"].map {
                c throws(InputError) in try t.columnIndex(c)
            }
            // A label of met / not_met says the evidence decided the target; beside a verbal
            // label with the same P (0 or 1) the status changed all the same.
            let label = t.header.firstIndex(of: "label")
            var keys = [[String]](), rows = [[String]: Entry]()
            for (i, r) in t.rows.enumerated() {
                try checkProbability(r[cols[5]], se: r[cols[6]], table: t, row: i, columns: (cols[5], cols[6]))
                if let only, r[cols[0]] != only { continue }
                var key = Array(cols.prefix(4).map { r[$0] })
                if let pick { key[0] = pick.0 == pick.1 ? pick.0 : "\(pick.0)→\(pick.1)" }
                if rows[key] == nil { keys.append(key) }
                rows[key] = (r[cols[4]], r[cols[5]], r[cols[6]], label.map { r[$0] } ?? "")
            }
            return (keys, rows)
        }
        let (ka, ra) = try index(ta, only: pick?.0)
        let (kb, rb) = try index(tb, only: pick?.1)
        var order = ka
        for k in kb where ra[k] == nil { order.append(k) }
        let rows = order.map { k in
            let a = ra[k], b = rb[k]
            let pa = a?.p ?? "absent", pb = b?.p ?? "absent"
            guard let a, let b else {
                return TargetRow(
                    key: k + [a?.target ?? b?.target ?? ""], pA: pa, pB: pb, difference: nil, combinedSE: nil,
                    beyondNoise: "absent")
            }
            let retargeted = a.target != b.target
            let key = k + [a.target], targetB = retargeted ? b.target : nil
            guard let x = Double(pa), let y = Double(pb) else {
                return TargetRow(
                    key: key, targetB: targetB, pA: pa, pB: pb, difference: nil, combinedSE: nil,
                    beyondNoise: retargeted ? "target_changed" : pa == pb ? "no" : "status_changed")
            }
            let d = ProbabilityDifference.independent(x, se: Double(a.se) ?? 0, y, se: Double(b.se) ?? 0)
            func settled(_ label: String) -> Bool { label == "met" || label == "not_met" }
            let decided = settled(a.label) != settled(b.label)
            var row = TargetRow(
                key: key, targetB: targetB, pA: pa, pB: pb, difference: d.difference, combinedSE: d.standardError,
                beyondNoise: retargeted ? "target_changed" : d.beyondNoise ? "yes" : decided ? "status_changed" : "no")
            if decided { row.labels = (a.label, b.label) }
            return row
        }
        return (rows, pick)
    }

    /// A run's P(met) is a probability in [0, 1] or `insufficient_data`, and its standard error
    /// a finite number ≥ 0 (empty beside `insufficient_data`). A manifest guards the bytes, not
    /// their meaning: a folder edited and re-hashed by hand must not turn into a comparison of
    /// `nan` against a number.
    static func checkProbability(
        _ p: String, se: String, table t: CSVTable, row i: Int, columns: (Int, Int)
    ) throws(InputError) {
        func fail(_ column: Int, _ what: String, zh: String) throws(InputError) -> Never {
            throw InputError(
                file: t.file, line: t.lines[i], column: column + 1, what,
                hint: editedHint.en, zh: zh, hintZh: editedHint.zh)
        }
        if p == "insufficient_data" {
            if !se.isEmpty {
                try fail(
                    columns.1, "p_met_se '\(se)' beside insufficient_data (must be empty)",
                    zh: "insufficient_data 旁的 p_met_se 是“\(se)”（应为空）")
            }
            return
        }
        guard let x = Double(p), x.isFinite, (0...1).contains(x) else {
            try fail(
                columns.0, "p_met '\(p)' is neither a probability in [0, 1] nor insufficient_data",
                zh: "p_met“\(p)”既不是 [0, 1] 中的概率，也不是 insufficient_data")
        }
        guard let s = Double(se), s.isFinite, s >= 0 else {
            try fail(
                columns.1, "p_met_se '\(se)' is not a standard error (a finite number ≥ 0)",
                zh: "p_met_se“\(se)”不是标准误（应为 ≥ 0 的有限数）")
        }
    }
}
