import IO
import Indicators
import Yams

/// What parsing a scenario file needs to know: the file, the plan's ids and years, and the groups
/// of indicators (the plan's categories, plus the file's own `groups:`).
struct ScenarioContext {
    let doc: YAMLDocument
    let plan: Plan
    let indicatorIDs: [String]
    let driverIDs: [String]
    var groups: [String: [String]]
    /// Series names as indicators.csv and drivers.csv write them, to their ids
    /// (`PlanLoader.seriesNames`): a scenario may name a series either way, as an observations
    /// file may (since 2026-12-01).
    let names: [String: String]

    init(doc: YAMLDocument, plan: Plan) {
        self.doc = doc
        self.plan = plan
        indicatorIDs = plan.indicators.map(\.id)
        driverIDs = plan.drivers.map(\.id)
        groups = Self.builtInGroups(plan)
        names = PlanLoader.seriesNames(
            plan.indicators.map { ($0.id, [$0.nameZh, $0.nameEn]) }
                + plan.drivers.map { ($0.id, [$0.nameZh, $0.nameEn]) })
    }

    var seriesIDs: [String] { indicatorIDs + driverIDs }

    /// The id a scenario's `written` series stands for: itself, or the series it names.
    func id(_ written: String) -> String {
        seriesIDs.contains(written) ? written : names[written] ?? written
    }

    /// Built-in groups: the plan's categories (by their Chinese names and English aliases) and `all`.
    static func builtInGroups(_ plan: Plan) -> [String: [String]] {
        let aliases = [
            "人才集聚": "talent", "科创平台": "platforms", "科创企业": "enterprises", "人才质效": "quality", "创新生态": "ecosystem",
        ]
        var g = [String: [String]]()
        for ind in plan.indicators {
            g[ind.category, default: []].append(ind.id)
            if let a = aliases[ind.category] { g[a, default: []].append(ind.id) }
        }
        g["all"] = plan.indicators.map(\.id)
        return g
    }

    /// `groups: {name: [id or @group, ...]}`. A group may use groups defined before it.
    ///
    /// A built-in group's name cannot be taken (a reader of `group: talent` reads the plan's
    /// category; a file's own `talent` silently replaced it), and a group must list an indicator
    /// (a lever on an empty group was refused as naming no group at all).
    mutating func defineGroups(_ node: Node) throws(InputError) {
        let builtIn = Self.builtInGroups(plan)
        for (name, key, list) in try doc.mapping(node, allowed: [], what: "groups", allowAny: true) {
            guard builtIn[name] == nil else {
                throw doc.error(
                    at: key, "group '\(name)' is built in (the plan's \(name == "all" ? "indicators" : "category"))",
                    hint: "give your group another name, or use the built-in one as it is",
                    zh: "指标组“\(name)”是内置的（规划的\(name == "all" ? "全部指标" : "类别")）",
                    hintZh: "请给你的指标组另取名称，或直接使用内置的指标组")
            }
            let ids = try idList(list, key: "groups.\(name)")
            guard !ids.isEmpty else {
                throw doc.error(
                    at: key, "group '\(name)' lists no indicator", hint: "list its indicators: \(name): [id, ...]",
                    zh: "指标组“\(name)”没有列出任何指标", hintZh: "请列出它的指标：\(name): [代码, ...]")
            }
            groups[name] = ids
        }
    }

    /// Ids from a list (or one id); `@name` expands a group. Each id counts once: one that a
    /// group and the list both name is kept once, but one written twice in the list itself (as
    /// itself or by its name) is an error, since the second was most likely meant as another (a
    /// group named twice is expanded once, as before).
    func idList(_ node: Node, key: String) throws(InputError) -> [String] {
        let items = node.sequence != nil ? node.array() : [node]
        var out = [String]()
        var written = [String: (line: Int, column: Int)]()
        for it in items {
            let text = try doc.string(it, key)
            let id = self.id(text)
            let add: [String]
            if id.hasPrefix("@") {
                guard let g = groups[String(id.dropFirst())] else {
                    throw doc.error(
                        at: it, "unknown group '\(id.dropFirst())'", zh: "未知的指标组“\(id.dropFirst())”")
                }
                add = g
            } else if indicatorIDs.contains(id) {
                add = [id]
            } else if driverIDs.contains(id) {
                throw wrongKind(it, written: text, id: id, isDriver: true)
            } else {
                throw unknownID(it, id, indicatorIDs)
            }
            if !id.hasPrefix("@"), let first = written[id] {
                let same = text == id ? "'\(id)'" : "'\(text)' is '\(id)', which"
                throw doc.error(
                    at: it, "\(same) is listed twice in \(key) (first at line \(first.line), column \(first.column))",
                    hint: "list each indicator once; did you mean another one?",
                    zh: "\(same)在“\(key)”中列了两次（第一次在第 \(first.line) 行第 \(first.column) 列）",
                    hintZh: "每个指标只列一次；是否想写另一个指标？")
            }
            if !id.hasPrefix("@") { written[id] = (it.mark?.line ?? 0, it.mark?.column ?? 0) }
            for a in add where !out.contains(a) { out.append(a) }
        }
        return out
    }

    /// The indicators a lever acts on: `indicators: [...]` and/or `group: NAME`.
    func targets(_ node: Node, _ what: String) throws(InputError) -> [String] {
        var out = [String]()
        var found = false
        for (k, _, v) in try doc.mapping(node, allowed: [], what: what, allowAny: true)
        where k == "indicators" || k == "group" {
            found = true
            if k == "indicators" {
                for id in try idList(v, key: "indicators") where !out.contains(id) { out.append(id) }
            } else {
                let g = try doc.string(v, "group")
                guard let members = groups[g] else {
                    let near = nearest(to: g, among: Array(groups.keys))
                    throw doc.error(
                        at: v, "unknown group '\(g)'",
                        hint: near.map { "did you mean '\($0)'?" } ?? "define it under groups:",
                        zh: "未知的指标组“\(g)”", hintZh: near.map { "是否想写“\($0)”？" } ?? "请在 groups: 下定义它")
                }
                for m in members where !out.contains(m) { out.append(m) }
            }
        }
        guard found, !out.isEmpty else {
            throw doc.error(
                at: node, "\(what) needs 'indicators: [...]' or 'group: NAME'",
                zh: "\(YAMLDocument.whatZh(what))需要写“indicators: [...]”或“group: 名称”")
        }
        return out
    }

    /// A year of the plan (or its base year).
    func year(_ node: Node, _ key: String) throws(InputError) -> Int {
        let y = try doc.int(node, key)
        let meta = plan.metadata
        guard meta.years.contains(y) || y == meta.baseYear else {
            throw doc.error(
                at: node, "year \(y) is outside the plan (\(meta.firstYear)–\(meta.lastYear))",
                zh: "年份 \(y) 不在规划期内（\(meta.firstYear)–\(meta.lastYear)）")
        }
        return y
    }

    /// A driver where a lever's indicators go (`indicators: [地区生产总值]`), or an indicator as a
    /// driver lever's `driver:`: the series exists, so "unknown indicator id 'gdp'", which named
    /// an id the file never wrote, sent the planner looking for a typo (found 2026-12-05).
    func wrongKind(_ node: Node?, written: String, id: String, isDriver: Bool) -> InputError {
        let en = written == id ? "'\(id)'" : "'\(written)' (\(id))"
        let zh = written == id ? "“\(id)”" : "“\(written)”（\(id)）"
        return isDriver
            ? doc.error(
                at: node, "\(en) is a driver, not an indicator",
                hint: "a lever on a driver goes under drivers: (driver: \(id), growth_percent: {YEAR: …}, affects: …)",
                zh: "\(zh)是驱动因素，不是指标",
                hintZh: "驱动因素的杠杆写在 drivers: 下（driver: \(id)、growth_percent: {年份: …}、affects: …）")
            : doc.error(
                at: node, "\(en) is an indicator, not a driver",
                hint:
                    "a lever on an indicator goes under growth:, level_shifts:, volatility: or shocks: (indicators: [\(id)])",
                zh: "\(zh)是指标，不是驱动因素",
                hintZh: "指标的杠杆写在 growth:、level_shifts:、volatility: 或 shocks: 下（indicators: [\(id)]）")
    }

    func unknownID(_ node: Node?, _ id: String, _ valid: [String]) -> InputError {
        let named = names.filter { valid.contains($0.value) }
        let near = nearest(to: id, among: valid + named.keys.sorted())
        let hint = near.map {
            "did you mean '\($0)'\(named[$0].map { " (\($0))" } ?? "")? (plancast indicators lists the ids and names)"
        }
        let hintZh = near.map {
            "是否想写“\($0)”\(named[$0].map { "（\($0)）" } ?? "")？（plancast indicators 列出全部代码和名称）"
        }
        return doc.error(
            at: node, "unknown indicator id '\(id)'", hint: hint ?? "plancast indicators lists the ids and names",
            zh: "未知的指标代码“\(id)”", hintZh: hintZh ?? "plancast indicators 列出全部代码和名称")
    }

    func sequence(_ node: Node, _ key: String) throws(InputError) -> [Node] {
        guard node.sequence != nil else {
            throw doc.error(
                at: node, "'\(key)' must be a list (items start with '- ')", zh: "“\(key)”必须是列表（每项以“- ”开头）")
        }
        return node.array()
    }

    func fields(_ node: Node, _ allowed: [String], _ what: String) throws(InputError) -> [String: Node] {
        var m = [String: Node]()
        for (k, _, v) in try doc.mapping(node, allowed: allowed, what: what) { m[k] = v }
        return m
    }
}
