import Foundation
import IO
import Indicators
import Scenarios

/// Scenarios as read from files, with every file that was read (the files given and the parents
/// loaded through `inherits`), for the manifest.
public struct LoadedScenarios: Sendable {
    public let scenarios: [Scenario]
    public let files: [String]
    public init(scenarios: [Scenario], files: [String]) {
        self.scenarios = scenarios
        self.files = files
    }
}

/// Reads scenario files (YAML, DESIGN.md §4) strictly: unknown keys, unknown indicator ids and
/// impossible values are errors naming file, line and column, with the nearest valid key or id.
public enum ScenarioLoader {
    /// Loads, validates and resolves inheritance. Scenarios come back in the order given.
    public static func load(paths: [String], plan: Plan) throws(InputError) -> LoadedScenarios {
        var raw = [Scenario]()
        var files = [String]()
        for path in paths {
            raw.append(try ScenarioParser.parse(path: path, plan: plan))
            files.append(path)
        }
        // Inheritance by scenario name, else by a file of that name beside the child. Cycles are
        // found by file, so that two files inheriting each other under other names are caught.
        var byName = [String: Scenario]()
        for s in raw { byName[s.name] = s }
        // Each file is resolved once (a scenario given beside its whole ancestry was resolved
        // again for every file: 3,000 files inheriting in a row ran for minutes).
        var resolvedByFile = [String: Scenario]()
        func resolve(_ s: Scenario, chain: [Scenario]) throws(InputError) -> Scenario {
            guard let parentName = s.inherits else { return s }
            if let done = resolvedByFile[s.file] { return done }
            guard chain.count < maxInheritance else {
                throw InputError(
                    file: s.file, line: s.inheritsAt?.line, column: s.inheritsAt?.column,
                    "inherits through more than \(maxInheritance) scenarios in a row",
                    hint: "let it inherit from a scenario nearer the baseline",
                    zh: "连续继承超过 \(maxInheritance) 个情景", hintZh: "请让它继承离基准更近的情景")
            }
            let chain = chain + [s]
            var parent = byName[parentName]
            if parent == nil {
                let dir = URL(fileURLWithPath: s.file).deletingLastPathComponent()
                for candidate in [parentName, parentName + ".yaml", parentName + ".yml"] {
                    let p = dir.appendingPathComponent(candidate).path
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory), !isDirectory.boolValue {
                        if let seen = chain.first(where: { sameFile($0.file, p) }) {
                            parent = seen
                        } else {
                            parent = try ScenarioParser.parse(path: p, plan: plan)
                            if !files.contains(where: { sameFile($0, p) }) { files.append(p) }
                        }
                        break
                    }
                }
            }
            guard let parent else {
                throw InputError(
                    file: s.file, line: s.inheritsAt?.line, column: s.inheritsAt?.column,
                    "inherits from unknown scenario '\(parentName)'",
                    hint: nearest(to: parentName, among: Array(byName.keys)).map { "did you mean '\($0)'?" }
                        ?? "name a scenario file in the same folder",
                    zh: "继承的情景“\(parentName)”不存在",
                    hintZh: nearest(to: parentName, among: Array(byName.keys)).map { "是否想写“\($0)”？" }
                        ?? "请写同一文件夹中的情景文件名")
            }
            if chain.contains(where: { $0.name == parent.name || sameFile($0.file, parent.file) }) {
                let names = (chain + [parent]).map(\.name).joined(separator: " → ")
                throw InputError(
                    file: s.file, line: s.inheritsAt?.line, column: s.inheritsAt?.column, "inheritance cycle: \(names)",
                    hint: "remove one 'inherits'", zh: "继承形成了循环：\(names)", hintZh: "请删去其中一个“inherits”")
            }
            let resolved = s.resolved(parent: try resolve(parent, chain: chain))
            resolvedByFile[s.file] = resolved
            return resolved
        }
        var out = [Scenario]()
        for s in raw {
            let resolved = try resolve(s, chain: [])
            // Each lever is drawn on every path and rerun for the sensitivity analysis: 500 levers
            // took a minute at 10,000 paths. Scenarios have a handful.
            guard resolved.levers.count <= maxLevers else {
                throw InputError(
                    file: s.file,
                    "\(resolved.levers.count) levers (with those inherited); a scenario may have at most "
                        + "\(maxLevers)", hint: "split it into several scenarios",
                    zh: "共有 \(resolved.levers.count) 个杠杆（含继承的）；一个情景最多 \(maxLevers) 个",
                    hintZh: "请拆成几个情景")
            }
            out.append(resolved)
        }
        // Keyed by the name in lower case: `same` and `Same` are one scenario to Excel's pivot
        // tables and filters and to a case-insensitive file system, so they are refused too.
        var firstNamed = [String: (name: String, file: String)]()
        for s in out {
            if let (otherName, other) = firstNamed[s.name.lowercased()] {
                if other == s.file
                    || URL(fileURLWithPath: other).resolvingSymlinksInPath().path
                        == URL(fileURLWithPath: s.file).resolvingSymlinksInPath().path
                {
                    throw InputError(
                        file: s.file, "the file is given twice", hint: "give each scenario file once",
                        zh: "这个文件给了两次", hintZh: "每个情景文件只给一次")
                }
                // At the name key, or the file's first line when the name is the file's.
                throw InputError(
                    file: s.file, line: s.nameAt?.line ?? 1, column: s.nameAt?.column,
                    otherName == s.name
                        ? "two scenarios are named '\(s.name)' (the other is \(other))"
                        : "scenario '\(s.name)' differs from '\(otherName)' (\(other)) only in case, "
                            + "which spreadsheets and case-insensitive tools read as one name",
                    hint: s.nameAt == nil
                        ? "give this file a 'name:' of its own (its name comes from the file name)"
                        : "give each scenario its own name",
                    zh: otherName == s.name
                        ? "有两个情景都叫“\(s.name)”（另一个是 \(other)）"
                        : "情景“\(s.name)”与“\(otherName)”（\(other)）只有大小写不同，电子表格和不区分大小写的工具会把它们读成同一个名称",
                    hintZh: s.nameAt == nil
                        ? "请给这个文件写一个自己的“name:”（目前名称取自文件名）"
                        : "请给每个情景取不同的名称")
            }
            firstNamed[s.name.lowercased()] = (s.name, s.file)
        }
        return LoadedScenarios(scenarios: out, files: files)
    }

    /// Parses one scenario from text (its own levers; `inherits` is not followed).
    public static func parse(text: String, file: String, plan: Plan) throws(InputError) -> Scenario {
        try ScenarioParser.parse(try YAMLDocument(text: text, file: file), plan: plan)
    }

    /// The longest chain of `inherits` followed (real scenarios inherit one to three levels).
    static let maxInheritance = 32
    /// The most levers a scenario may have, inherited ones included.
    static let maxLevers = 200

    /// One file under two names (relative, `..`, symbolic links): the paths `realpath` gives.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        canonicalPath(a) == canonicalPath(b)
    }

    /// Scenario files for a run: the ones given, else every `.yaml` in the plan folder's own
    /// `Scenarios/` when it holds any (a planner's plan that carries its scenarios; since
    /// 2026-12-01, before which they were not found), else in the `Scenarios/` folder of the
    /// plan's project (two levels above the plan folder, as `Scenarios/` sits beside
    /// `Notebooks-data/`), the baseline first. Empty when there is none: the run then has one
    /// baseline without levers. The working folder is not searched, so another plan never picks
    /// up the Kunshan scenarios by accident.
    public static func discover(given: [String], planDirectory: String) -> [String] {
        if !given.isEmpty { return given }
        let plan = URL(fileURLWithPath: planDirectory)
        let own = plan.appendingPathComponent("Scenarios").path
        let project = plan.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")
        for dir in [own, project.path] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted { a, b in
                a.hasPrefix("baseline") != b.hasPrefix("baseline") ? a.hasPrefix("baseline") : a < b
            }
            if !yaml.isEmpty { return yaml.map { dir + "/" + $0 } }
        }
        return []
    }
}
