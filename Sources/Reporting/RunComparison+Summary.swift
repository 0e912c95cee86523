extension RunComparison {
    /// What `plancast compare` prints, a few lines for people: the verdict, then what differs.
    public var summary: String {
        var s = ""
        if let (x, y) = scenarioPair {
            s += "SCENARIO COMPARISON: '\(y)' of run B against '\(x)' of run A.\n"
        } else if outputsIdentical {
            s += "REPRODUCES: attainment, forecasts, comparison and sensitivity CSVs are byte-identical"
            s +=
                inputDifferences.isEmpty && settingDifferences.filter({ $0.what != "threads" }).isEmpty
                ? " (same inputs, seed and paths).\n" : ".\n"
        } else if inputDifferences.isEmpty && settingDifferences.allSatisfy({ $0.what == "threads" })
            && modelDifferences.isEmpty
        {
            s +=
                "DOES NOT REPRODUCE: same inputs and settings but different outputs (a different build, platform or OpenBLAS kernel?).\n"
        } else {
            s +=
                "DIFFERENT RUNS: "
                + [
                    inputDifferences.isEmpty ? nil : "inputs", settingDifferences.isEmpty ? nil : "settings",
                    modelDifferences.isEmpty ? nil : "models",
                ].compactMap { $0 }.joined(separator: ", ") + " differ.\n"
        }
        for d in inputDifferences { s += "  input \(d.what): \(d.a) → \(d.b)\n" }
        for d in settingDifferences { s += "  setting \(d.what): \(d.a) → \(d.b)\n" }
        // Another seed or path count moves every simulated figure: identical outputs then mean
        // that nothing in the runs is random, or that a manifest's settings were edited (the
        // manifest guards the outputs' bytes, not its own settings).
        if scenarioPair == nil, outputsIdentical,
            settingDifferences.contains(where: { ["seed", "paths"].contains($0.what) })
        {
            s +=
                "  note: the seed or path count differs, yet every output is identical: either nothing in these runs is random, or a manifest was edited (plancast reproduce reruns a folder from its manifest)\n"
        }
        for d in modelDifferences.prefix(20) { s += "  model \(d.what): \(d.a) → \(d.b)\n" }
        if modelDifferences.count > 20 { s += "  … \(modelDifferences.count - 20) more model differences\n" }
        if !evidenceDifferences.isEmpty {
            s += "  \(evidenceDifferences.count) years of history differ:\n"
            for d in evidenceDifferences.prefix(10) { s += "    \(d.what): \(d.a) → \(d.b)\n" }
            if evidenceDifferences.count > 10 { s += "    … \(evidenceDifferences.count - 10) more\n" }
        }
        // Scenarios by the runs' own lists; a target of a scenario both runs have can still be in
        // one run only (another plan, or a target added or removed in indicators.csv).
        let inA = Set(rows.filter { $0.pA != "absent" }.map { $0.key[0] })
        let inB = Set(rows.filter { $0.pB != "absent" }.map { $0.key[0] })
        let onlyA = inA.subtracting(inB).sorted(), onlyB = inB.subtracting(inA).sorted()
        if !onlyA.isEmpty { s += "  scenarios only in A: \(onlyA.joined(separator: ", "))\n" }
        if !onlyB.isEmpty { s += "  scenarios only in B: \(onlyB.joined(separator: ", "))\n" }
        for (side, missing) in [("A", "pB"), ("B", "pA")] {
            let targets = absent.filter { r in
                inA.contains(r.key[0]) && inB.contains(r.key[0]) && (missing == "pB" ? r.pB : r.pA) == "absent"
            }
            guard !targets.isEmpty else { continue }
            let shown = targets.prefix(3).map { $0.key.joined(separator: " ") }.joined(separator: "; ")
            s += "  \(targets.count) targets only in \(side): \(shown)\(targets.count > 3 ? "; …" : "")\n"
        }
        let moved = retargeted
        if !moved.isEmpty {
            s += "\(moved.count) targets have another value in B (a revised plan, or other goals judged):\n"
            for r in moved.prefix(10) {
                // The all-goals line's "target" is the number of goals it judges.
                let what = r.key[2] == "all_goals" ? "goals judged" : "target"
                let place = r.key.prefix(4).filter { !$0.isEmpty }.joined(separator: " ")
                s += "  \(place): \(what) \(r.key[4]) → \(r.targetB ?? ""), P \(r.pA) → \(r.pB)\n"
            }
            if moved.count > 10 { s += "  … \(moved.count - 10) more\n" }
        }
        let ch = changed
        s +=
            "\(ch.count) of the \(rows.count - absent.count - moved.count) targets the two runs share (with the same target value) moved beyond Monte Carlo noise (|Δ| > 3 SE) or changed status.\n"
        for r in ch.sorted(by: { abs($0.difference ?? 1) > abs($1.difference ?? 1) }).prefix(25) {
            s +=
                "  \(r.key[0]) \(r.key[1]) \(r.key[2]) \(r.key[3]): \(r.pA) → \(r.pB)"
                + (r.labels.map { " (\($0.a) → \($0.b))" }
                    ?? r.difference.map { String(format: " (Δ %+.4f, SE %.4f)", $0, r.combinedSE ?? 0) } ?? "") + "\n"
        }
        return s
    }
}
