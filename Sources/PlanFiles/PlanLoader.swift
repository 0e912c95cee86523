import Foundation
import IO
import Indicators
import Yams

/// A file a loader read, and what it was for (`plan`, `observations`, `scenario`).
public struct InputFile: Sendable, Equatable {
    public let role: String
    public let path: String
    public init(role: String, path: String) {
        self.role = role
        self.path = path
    }
}

/// A plan and every file that was read to build it (for the manifest's hashes).
public struct LoadedPlan: Sendable {
    public let plan: Plan
    public let directory: String
    public let files: [InputFile]
}

/// Reads a plan folder: `plan.yaml` (metadata and file names), the indicators table, the
/// drivers table and the observations (DESIGN.md §2; Notebooks-data/README.md describes the files).
public enum PlanLoader {
    /// Column names of the indicators table: those it cannot do without, and those read as
    /// blank when the table has no such column (a hand-made plan of indicator, kind, direction,
    /// its goal and targets is a plan; the bundled one has them all).
    static let requiredIndicatorColumns = ["indicator", "kind", "direction"]
    static let optionalIndicatorColumns = [
        "parent", "row", "name_zh", "name_en", "category", "unit", "headline_rule", "headline_goal", "departments",
        "binding",
    ]
    static let planKeys = [
        "id", "title_zh", "title_en", "document_number", "issuer", "issued", "first_year", "last_year", "base_year",
        "files",
    ]
    static let fileKeys = ["indicators", "drivers", "observations"]
    /// The most indicators and drivers a plan may have together.
    static let maximumSeries = 1_000

    /// Loads the plan in `directory`; `observations` replaces the bundled observations file.
    /// `encoding` applies to the observations file (a planner's export); the plan's own files are
    /// detected (UTF-8, or GB18030 when not valid UTF-8).
    public static func load(
        directory: String, observations override: String? = nil, encoding observationsEncoding: TextEncoding = .auto
    ) throws(InputError) -> LoadedPlan {
        let encoding = TextEncoding.auto
        let dir = URL(fileURLWithPath: directory)
        let planPath = dir.appendingPathComponent("plan.yaml").path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), !isFolder.boolValue {
            throw InputError(
                file: directory, "a file, not a plan folder",
                hint: "give the folder that holds plan.yaml, such as Notebooks-data/kunshan-2022-2025",
                zh: "这是一个文件，不是规划文件夹",
                hintZh: "请给出存放 plan.yaml 的文件夹，例如 Notebooks-data/kunshan-2022-2025")
        }
        if let target = danglingLinkTarget(planPath) {
            throw InputError(
                file: planPath, "plan.yaml is a symbolic link to '\(target)', which does not exist",
                hint: "restore the file it points to, or replace the link with the plan itself",
                zh: "plan.yaml 是指向“\(target)”的符号链接，而该目标不存在",
                hintZh: "请恢复它所指向的文件，或用规划文件本身替换这个链接")
        }
        guard FileManager.default.fileExists(atPath: planPath) else {
            throw InputError(
                file: planPath, "no plan.yaml in this folder",
                hint: "--plan must name a plan folder such as Notebooks-data/kunshan-2022-2025",
                zh: "此文件夹中没有 plan.yaml",
                hintZh: "--plan 必须指向规划文件夹，例如 Notebooks-data/kunshan-2022-2025")
        }
        let doc = try YAMLDocument(
            text: try readText(path: planPath, encoding: encoding, offersEncodingOption: false), file: planPath)
        var values = [String: Node]()
        var files = ["indicators": "indicators.csv", "drivers": "drivers.csv", "observations": "observations.csv"]
        // Files plan.yaml names itself must exist (the default drivers and observations files
        // may be absent): a misspelt or absolute name was silently read as "no observations".
        var named = [String: Node]()
        for (key, _, value) in try doc.mapping(doc.root, allowed: planKeys, what: "plan.yaml") {
            if key == "files" {
                for (fk, _, fv) in try doc.mapping(value, allowed: fileKeys, what: "files") {
                    files[fk] = try doc.string(fv, fk)
                    named[fk] = fv
                }
            } else {
                values[key] = value
            }
        }
        func required(_ key: String) throws(InputError) -> Node {
            guard let v = values[key] else {
                throw doc.error(at: doc.root, "plan.yaml lacks '\(key)'", zh: "plan.yaml 缺少“\(key)”")
            }
            return v
        }
        let firstYear = try doc.int(try required("first_year"), "first_year")
        let lastYear = try doc.int(try required("last_year"), "last_year")
        guard firstYear <= lastYear else {
            throw doc.error(
                at: values["last_year"], "last_year \(lastYear) is before first_year \(firstYear)",
                zh: "last_year（末年）\(lastYear) 早于 first_year（首年）\(firstYear)")
        }
        // Plans run a few years (five-year plans, visions to 2035 or 2050): a span of thousands
        // of years is a typo, and would make every table that many rows long.
        guard Self.plausibleYears.contains(firstYear) else {
            throw doc.error(
                at: values["first_year"],
                "first_year \(firstYear) is outside \(Self.plausibleYears.lowerBound)–\(Self.plausibleYears.upperBound)",
                zh:
                    "first_year（首年）\(firstYear) 不在 \(Self.plausibleYears.lowerBound)–\(Self.plausibleYears.upperBound) 之内"
            )
        }
        guard lastYear - firstYear <= Self.longestPlan else {
            throw doc.error(
                at: values["last_year"],
                "the plan would run \(lastYear - firstYear + 1) years (\(firstYear)–\(lastYear)); at most \(Self.longestPlan + 1) are supported",
                zh: "规划将跨 \(lastYear - firstYear + 1) 年（\(firstYear)–\(lastYear)）；最多支持 \(Self.longestPlan + 1) 年"
            )
        }
        let baseYear =
            try values["base_year"].map { n throws(InputError) in try doc.int(n, "base_year") } ?? firstYear - 1
        guard (firstYear - Self.longestPlan)...firstYear ~= baseYear else {
            throw doc.error(
                at: values["base_year"],
                "base_year \(baseYear) must lie at or before first_year \(firstYear), within \(Self.longestPlan) years",
                zh: "base_year（基期）\(baseYear) 必须不晚于 first_year（首年）\(firstYear)，且相距不超过 \(Self.longestPlan) 年")
        }
        // A title in either language (the other is shown in its place, `PlanMetadata.title`);
        // without either, the error names title_zh.
        var titleZh = ""
        if let n = values["title_zh"] {
            titleZh = try doc.string(n, "title_zh")
        } else if values["title_en"] == nil {
            throw doc.error(
                at: doc.root, "plan.yaml lacks a title: add title_zh (or title_en)",
                zh: "plan.yaml 缺少标题：请加上 title_zh（或 title_en）")
        }
        let meta = PlanMetadata(
            id: try values["id"].map { n throws(InputError) in try doc.string(n, "id") } ?? dir.lastPathComponent,
            titleZh: titleZh,
            titleEn: try values["title_en"].map { n throws(InputError) in try doc.string(n, "title_en") } ?? "",
            documentNumber: try values["document_number"].map { n throws(InputError) in
                try doc.string(n, "document_number")
            } ?? "",
            firstYear: firstYear, lastYear: lastYear,
            baseYear: baseYear)

        var read = [InputFile(role: "plan", path: planPath)]
        /// A name from plan.yaml: relative to the plan's folder, or absolute.
        func resolve(_ key: String) throws(InputError) -> String {
            let name = files[key]!
            let path = name.hasPrefix("/") ? name : dir.appendingPathComponent(name).path
            guard let node = named[key] else { return path }
            var folder: ObjCBool = false
            let empty = name.trimmingCharacters(in: .whitespaces).isEmpty
            let missing = !empty && !FileManager.default.fileExists(atPath: path, isDirectory: &folder)
            let link = missing ? danglingLinkTarget(path) : nil
            let problem =
                empty
                ? "is empty"
                : missing
                    ? link.map {
                        "names '\(name)', a symbolic link to '\($0)', which does not exist (looked for \(path))"
                    } ?? "names '\(name)', which does not exist (looked for \(path))"
                    : folder.boolValue ? "names '\(name)', which is a folder" : nil
            let problemZh =
                empty
                ? "是空的"
                : missing
                    ? link.map { "指向“\(name)”，它是指向“\($0)”的符号链接，而该目标不存在（查找的是 \(path)）" }
                        ?? "指向“\(name)”，该文件不存在（查找的是 \(path)）"
                    : "指向“\(name)”，这是一个文件夹"
            if let problem {
                throw doc.error(
                    at: node, "files: \(key) \(problem)",
                    hint: "give a file's path relative to the plan's folder, or remove the entry",
                    zh: "files: \(key) \(problemZh)", hintZh: "请给出相对于规划文件夹的文件路径，或删去这一项")
            }
            return path
        }
        let indicatorsPath = try resolve("indicators")
        let indicators = try loadIndicators(path: indicatorsPath, years: meta.years, encoding: encoding)
        read.append(InputFile(role: "plan", path: indicatorsPath))
        let driversPath = try resolve("drivers")
        var drivers = [Driver]()
        if FileManager.default.fileExists(atPath: driversPath) {
            drivers = try loadDrivers(path: driversPath, indicatorIDs: indicators.map(\.id), encoding: encoding)
            read.append(InputFile(role: "plan", path: driversPath))
        }
        // The plan's series are simulated jointly (their correlation is a matrix of all of them):
        // 2,000 indicators took 44 s and 8 GB at 10,000 paths. Plans have tens.
        if indicators.count + drivers.count > Self.maximumSeries {
            // The first row beyond the limit (after the header line).
            let (file, row) =
                indicators.count > Self.maximumSeries
                ? (indicatorsPath, Self.maximumSeries + 2) : (driversPath, Self.maximumSeries - indicators.count + 2)
            throw InputError(
                file: file, line: row,
                "\(indicators.count) indicators and \(drivers.count) drivers; a plan may have at most "
                    + "\(Self.maximumSeries) together",
                hint: "split the plan, or keep the indicators its goals need",
                zh: "共有 \(indicators.count) 个指标和 \(drivers.count) 个驱动因素；一个规划合计最多 \(Self.maximumSeries) 个",
                hintZh: "请拆分规划，或只保留目标所需的指标")
        }
        let ids = indicators.map(\.id) + drivers.map(\.id)
        let kinds = Dictionary(
            uniqueKeysWithValues: indicators.map { ($0.id, $0.kind) } + drivers.map { ($0.id, $0.kind) })
        let obsPath: String
        if let override { obsPath = override } else { obsPath = try resolve("observations") }
        let observations: [Observation]
        if override == nil && !FileManager.default.fileExists(atPath: obsPath) {
            observations = []
        } else {
            observations = try ObservationsLoader.load(
                path: obsPath, seriesIDs: ids, kinds: kinds,
                names: Self.seriesNames(
                    indicators.map { ($0.id, [$0.nameZh, $0.nameEn]) }
                        + drivers.map { ($0.id, [$0.nameZh, $0.nameEn]) }),
                encoding: observationsEncoding)
            read.append(InputFile(role: "observations", path: obsPath))
        }
        let plan = Plan(metadata: meta, indicators: indicators, drivers: drivers, observations: observations)
        return LoadedPlan(plan: plan, directory: directory, files: read)
    }

    /// Each series' names (name_zh, name_en) to its id, for observations that name a series
    /// instead of giving its id; a name that two series share, or that is another series' id,
    /// is left out (it stays an unknown id, with the nearest id as its hint).
    static func seriesNames(_ series: [(id: String, names: [String])]) -> [String: String] {
        let ids = Set(series.map(\.id))
        var owners = [String: Set<String>]()
        for (id, names) in series {
            for n in names.map({ $0.trimmingWhitespace() }) where !n.isEmpty && !ids.contains(n) {
                owners[n, default: []].insert(id)
            }
        }
        return owners.compactMapValues { $0.count == 1 ? $0.first : nil }
    }

    static func loadIndicators(path: String, years: ClosedRange<Int>, encoding: TextEncoding) throws(InputError)
        -> [Indicator]
    {
        let t = try PlanColumns.renamingChinese(CSVTable(path: path, encoding: encoding))
        var col = [String: Int]()
        for name in requiredIndicatorColumns { col[name] = try t.columnIndex(name) }
        for name in optionalIndicatorColumns { col[name] = t.header.firstIndex(of: name) }
        try checkOptionalColumnNames(t, optional: optionalIndicatorColumns)
        let deptCol = t.header.firstIndex(of: "departments")
        let bindingCol = t.header.firstIndex(of: "binding")
        // A yearly milestone column per plan year, each optional (most five-year plans set the
        // final goal only); a target column for another year is a mistake.
        var targetCols = [Int: Int]()
        for (c, name) in t.header.enumerated() where name.hasPrefix("target_") {
            guard let y = Int(name.dropFirst("target_".count)), years.contains(y) else {
                throw InputError(
                    file: path, line: 1, column: c + 1,
                    "column '\(t.writtenHeader[c])' is not a year of the plan (\(years.lowerBound)–\(years.upperBound))",
                    hint: "name milestone columns target_YEAR (or YEAR年目标) for the plan's years, or remove the column",
                    zh: "列“\(t.writtenHeader[c])”不是规划的年份（\(years.lowerBound)–\(years.upperBound)）",
                    hintZh: "年度目标列请按规划年份命名为 target_年份（或“年份年目标”），或删去这一列")
            }
            guard targetCols[y] == nil else {
                throw InputError(
                    file: path, line: 1, column: c + 1, "two columns for the \(y) milestone",
                    zh: "\(y)年的年度目标有两列")
            }
            targetCols[y] = c
        }
        if t.rows.isEmpty {
            throw InputError(
                file: path, line: 1, "the indicators table has no rows", hint: "add one row per indicator",
                zh: "指标表没有数据行", hintZh: "请每个指标写一行")
        }
        let ids = t.rows.map { $0[col["indicator"]!].trimmingWhitespace() }
        // Each row's cells by header name, for findings about one of them (`SourceLocation.at`).
        let fields = t.columnNumbers
        var out = [Indicator]()
        var seen = Set<String>()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            func cell(_ name: String) -> String { col[name].map { row[$0].trimmingWhitespace() } ?? "" }
            func err(
                _ name: String, _ msg: String, hint: String? = nil, zh: String? = nil, hintZh: String? = nil
            ) -> InputError {
                InputError(
                    file: path, line: line, column: col[name].map { $0 + 1 }, msg, hint: hint, zh: zh, hintZh: hintZh)
            }
            let id = cell("indicator")
            guard isValidID(id) else {
                throw err(
                    "indicator", "'\(id)' is not a valid indicator id",
                    hint: "use lower-case letters, digits and underscores, starting with a letter",
                    zh: "“\(id)”不是有效的指标代码", hintZh: "请用小写英文字母、数字和下划线，并以字母开头")
            }
            guard seen.insert(id).inserted else {
                throw err("indicator", "indicator '\(id)' is defined twice", zh: "指标“\(id)”定义了两次")
            }
            let parent = cell("parent").isEmpty ? nil : cell("parent")
            if let parent, !ids.contains(parent) {
                throw err(
                    "parent", "parent '\(parent)' is not an indicator of this table",
                    hint: nearest(to: parent, among: ids).map { "did you mean '\($0)'?" },
                    zh: "上级指标（parent）“\(parent)”不在本表中",
                    hintZh: nearest(to: parent, among: ids).map { "是否想写“\($0)”？" })
            }
            guard let kind = PlanWords.kind(cell("kind")) else {
                throw err(
                    "kind", "unknown kind '\(cell("kind"))'",
                    hint: choices(cell("kind"), IndicatorKind.allCases.map(\.rawValue)) + " (or 存量, 新增, 比重, 水平, 净增)",
                    zh: "未知的指标类型（kind）“\(cell("kind"))”",
                    hintZh: choices(cell("kind"), IndicatorKind.allCases.map(\.rawValue), chinese: true)
                        + "（或 存量、新增、比重、水平、净增）")
            }
            guard let direction = PlanWords.direction(cell("direction")) else {
                throw err(
                    "direction", "unknown direction '\(cell("direction"))'",
                    hint: choices(cell("direction"), Direction.allCases.map(\.rawValue)) + " (or 上升, 下降)",
                    zh: "未知的方向（direction）“\(cell("direction"))”",
                    hintZh: choices(cell("direction"), Direction.allCases.map(\.rawValue), chinese: true) + "（或 上升、下降）")
            }
            var headline: HeadlineGoal?
            if !cell("headline_rule").isEmpty || !cell("headline_goal").isEmpty {
                let text = cell("headline_rule")
                // growth and change goals are judged on the final value (GoalForm).
                let form = PlanWords.form(text).flatMap { $0 == .level ? nil : $0 }
                guard let rule = form != nil ? .final : PlanWords.rule(text) else {
                    throw err(
                        "headline_rule", "unknown headline rule '\(text)'",
                        hint: PlanWords.rateHint(text)
                            ?? choices(text, HeadlineRule.allCases.map(\.rawValue) + ["growth", "change"])
                            + " (or 期末, 末年值, 累计, 每年)",
                        zh: "未知的总目标规则（headline_rule）“\(text)”",
                        hintZh: PlanWords.rateHint(text, chinese: true)
                            ?? choices(
                                text, HeadlineRule.allCases.map(\.rawValue) + ["growth", "change"], chinese: true)
                            + "（或 期末、末年值、累计、每年）")
                }
                guard let goal = parseNumber(cell("headline_goal")) else {
                    throw err(
                        "headline_goal", "headline goal '\(cell("headline_goal"))' is not a number",
                        hint: (form != nil
                            ? ValueWording.decimalCommaHint(cell("headline_goal"))
                            : ValueWording.targetHint(for: cell("headline_goal")))
                            ?? (form != nil
                                ? "write the percent as a number: 6.5 for 6.5% a year, -15 for a 15% cut" : nil),
                        zh: "总目标（headline_goal）“\(cell("headline_goal"))”不是数字",
                        hintZh: (form != nil
                            ? ValueWording.decimalCommaHint(cell("headline_goal"), chinese: true)
                            : ValueWording.targetHint(for: cell("headline_goal"), chinese: true))
                            ?? (form != nil ? "请把百分数写成数字：年均 6.5% 写 6.5，下降 15% 写 -15" : nil))
                }
                if form == nil,
                    let refusal = MisplacedPercent.message(
                        "headline goal '\(cell("headline_goal"))'", text: cell("headline_goal"), id: id, kind: kind)
                {
                    throw err(
                        "headline_goal", refusal,
                        hint:
                            "write the goal in the indicator's unit (\(cell("unit"))), or a rule growth or change for a rate",
                        zh: MisplacedPercent.message(
                            "总目标“\(cell("headline_goal"))”", text: cell("headline_goal"), id: id, kind: kind,
                            chinese: true),
                        hintZh: "请按指标的单位（\(cell("unit"))）写目标；如是增长率，规则请写 growth 或 change"
                    )
                }
                headline = HeadlineGoal(rule: rule, value: goal, form: form ?? .level)
            }
            var commitment: Commitment?
            if let c = bindingCol {
                let text = row[c].trimmingWhitespace()
                if !text.isEmpty {
                    guard let value = Commitment(text: text) else {
                        throw InputError(
                            file: path, line: line, column: c + 1, "'\(text)' is neither binding nor expected",
                            hint: "write binding (约束性) or expected (预期性), or leave it empty",
                            zh: "“\(text)”既不是约束性（binding）也不是预期性（expected）",
                            hintZh: "请写 binding（约束性）或 expected（预期性），或留空")
                    }
                    commitment = value
                }
            }
            var targets = [Int: Double]()
            for (y, c) in targetCols {
                let text = row[c].trimmingWhitespace()
                if text.isEmpty { continue }
                guard let v = parseNumber(text) else {
                    throw InputError(
                        file: path, line: line, column: c + 1, "target '\(text)' for \(y) is not a number",
                        hint: ValueWording.targetHint(for: text) ?? "write the number only, e.g. 4.5 or 2500",
                        zh: "\(y)年目标“\(text)”不是数字",
                        hintZh: ValueWording.targetHint(for: text, chinese: true) ?? "只写数字，例如 4.5 或 2500")
                }
                if let refusal = MisplacedPercent.message("target '\(text)' for \(y)", text: text, id: id, kind: kind) {
                    throw InputError(
                        file: path, line: line, column: c + 1, refusal,
                        hint: "write the year's target in the indicator's unit (\(cell("unit")))",
                        zh: MisplacedPercent.message("\(y)年目标“\(text)”", text: text, id: id, kind: kind, chinese: true),
                        hintZh: "请按指标的单位（\(cell("unit"))）写当年目标")
                }
                targets[y] = v
            }
            let departments =
                deptCol.map { row[$0].split(whereSeparator: { $0 == " " || $0 == "、" || $0 == ";" }).map(String.init) }
                ?? []
            out.append(
                Indicator(
                    id: id, parent: parent, row: cell("row"), nameZh: cell("name_zh"), nameEn: cell("name_en"),
                    category: cell("category"), kind: kind, unit: cell("unit"), direction: direction,
                    departments: departments, targets: targets, headline: headline, commitment: commitment,
                    location: SourceLocation(
                        file: path, line: line, column: col["indicator"]! + 1, fields: fields)))
        }
        // A row may not be its own ancestor: "其中" rows form a tree (a loop of parents made the
        // run recurse without end).
        let parentOf = Dictionary(uniqueKeysWithValues: out.compactMap { i in i.parent.map { (i.id, $0) } })
        for ind in out {
            var chain = [ind.id]
            var next = parentOf[ind.id]
            while let p = next {
                chain.append(p)
                if p == ind.id {
                    throw InputError(
                        file: path, line: ind.location?.line, column: col["parent"].map { $0 + 1 },
                        "the parents of '\(ind.id)' loop back to it: \(chain.joined(separator: " → "))",
                        hint: "a \"其中\" row names the row it belongs to; one of these parents is wrong",
                        zh: "“\(ind.id)”的上级指标又绕回到它自己：\(chain.joined(separator: " → "))",
                        hintZh: "“其中”行写的是它所属的行；这些上级指标中有一个写错了")
                }
                if chain.count > out.count { break }
                next = parentOf[p]
            }
        }
        return out
    }

    /// A column one or two edits from an optional column that the table lacks (`parnet`,
    /// `headline_gaol`) is an error at its header cell: read as absent, its cells would be
    /// dropped without a word.
    static func checkOptionalColumnNames(_ t: CSVTable, optional: [String]) throws(InputError) {
        for (j, name) in t.header.enumerated() where !optional.contains(name) {
            guard let near = optional.first(where: { levenshteinDistance(name, $0) <= 2 && name.count > 2 }),
                !t.header.contains(near)
            else { continue }
            throw InputError(
                file: t.file, line: 1, column: j + 1,
                "column '\(t.writtenHeader[j])' is not read; did you mean '\(near)'?",
                hint: "rename it to \(near) (columns plancast does not read are ignored)",
                zh: "列“\(t.writtenHeader[j])”不会被读取；是否想写“\(near)”？",
                hintZh: "请改名为 \(near)（plancast 不读的列会被忽略）")
        }
    }

    /// Drivers (context series such as GDP): ids valid, unique, and distinct from every
    /// indicator id, since observations name either by the same id.
    static func loadDrivers(path: String, indicatorIDs: [String], encoding: TextEncoding) throws(InputError)
        -> [Driver]
    {
        let t = try PlanColumns.renamingChinese(CSVTable(path: path, encoding: encoding))
        let ci = try t.columnIndex("indicator"), ck = try t.columnIndex("kind")
        // Names and unit may be left out, as in the indicators table.
        let cz = t.header.firstIndex(of: "name_zh"), ce = t.header.firstIndex(of: "name_en")
        let cu = t.header.firstIndex(of: "unit")
        try checkOptionalColumnNames(t, optional: ["name_zh", "name_en", "unit"])
        func cell(_ row: [String], _ c: Int?) -> String { c.map { row[$0].trimmingWhitespace() } ?? "" }
        let indicatorSet = Set(indicatorIDs)
        var out = [Driver]()
        var seen = Set<String>()
        for (k, row) in t.rows.enumerated() {
            let id = row[ci].trimmingWhitespace()
            func err(_ msg: String, hint: String, zh: String, hintZh: String) -> InputError {
                InputError(file: path, line: t.lines[k], column: ci + 1, msg, hint: hint, zh: zh, hintZh: hintZh)
            }
            guard isValidID(id) else {
                throw err(
                    "'\(id)' is not a valid driver id",
                    hint: "use lower-case letters, digits and underscores, starting with a letter",
                    zh: "“\(id)”不是有效的驱动因素代码", hintZh: "请用小写英文字母、数字和下划线，并以字母开头")
            }
            guard !indicatorSet.contains(id) else {
                throw err(
                    "'\(id)' is already an indicator of indicators.csv",
                    hint: "give the driver another id, or keep it in one table only",
                    zh: "“\(id)”已是 indicators.csv 中的指标", hintZh: "请给驱动因素另取代码，或只在一张表中保留它")
            }
            guard seen.insert(id).inserted else {
                throw err(
                    "driver '\(id)' is defined twice", hint: "keep one row per driver", zh: "驱动因素“\(id)”定义了两次",
                    hintZh: "每个驱动因素只写一行")
            }
            guard let kind = PlanWords.kind(row[ck].trimmingWhitespace()) else {
                throw InputError(
                    file: path, line: t.lines[k], column: ck + 1, "unknown kind '\(row[ck])'",
                    hint: choices(row[ck], IndicatorKind.allCases.map(\.rawValue)) + " (or 存量, 新增, 比重, 水平, 净增)",
                    zh: "未知的类型（kind）“\(row[ck])”",
                    hintZh: choices(row[ck], IndicatorKind.allCases.map(\.rawValue), chinese: true)
                        + "（或 存量、新增、比重、水平、净增）")
            }
            // A net change is drawn from its stock, and a driver names no parent: its forecast
            // years came out empty, and a scenario's path on it moved nothing, without a word.
            guard kind != .netChange else {
                throw InputError(
                    file: path, line: t.lines[k], column: ck + 1,
                    "a driver cannot be a net_change: it has no stock to be drawn from",
                    hint:
                        "give the driver kind flow (a yearly amount), or make it an indicator with its stock as parent",
                    zh: "驱动因素不能是 net_change（净增）：它没有可以推算的存量",
                    hintZh: "请把驱动因素的类型写为 flow（每年的数量），或把它改为以其存量为上级的指标")
            }
            out.append(
                Driver(id: id, nameZh: cell(row, cz), nameEn: cell(row, ce), kind: kind, unit: cell(row, cu)))
        }
        return out
    }

    /// Years a plan may start in, and the most years after its first it may end.
    static let plausibleYears = 1900...2200
    static let longestPlan = 50

    static func isValidID(_ s: String) -> Bool {
        guard let f = s.first, f.isASCII, f.isLetter else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") && !$0.isUppercase }
    }

    static func choices(_ given: String, _ valid: [String], chinese: Bool = false) -> String {
        if chinese {
            return (nearest(to: given, among: valid).map { "是否想写“\($0)”？" } ?? "")
                + "可用：\(valid.joined(separator: ", "))"
        }
        return (nearest(to: given, among: valid).map { "did you mean '\($0)'? " } ?? "")
            + "Valid: \(valid.joined(separator: ", "))"
    }
}
