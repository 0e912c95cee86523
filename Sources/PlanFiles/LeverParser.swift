import IO
import Indicators
import Simulation
import Yams

/// How one kind of lever is written in a scenario file: its list key, its fields, its default
/// name (the name keys the lever's random stream, so it must stay stable) and how its fields
/// become a `Lever.Action`.
struct LeverSpec: Sendable {
    /// The list key in the file (`growth`, `level_shifts`, …).
    let key: String
    /// What one item is, for messages ("a growth lever").
    let what: String
    /// Whether the lever acts on `indicators:`/`group:` (all but driver paths).
    let onIndicators: Bool
    /// Fields besides `name`, `indicators` and `group`.
    let fields: [String]
    /// Builds the action and the series it acts on, and the default name, from the item's fields.
    let build: @Sendable (LeverItem) throws(InputError) -> (action: Lever.Action, series: [String], defaultName: String)

    /// Every kind, in the order the file's lists are read.
    static let all: [LeverSpec] = [growth, level, volatility, shock, driver]

    static let growth = LeverSpec(
        key: "growth", what: "a growth lever", onIndicators: true, fields: ["from", "percent_per_year"]
    ) { item throws(InputError) in
        let from = try item.context.year(try item.need("from"), "from")
        let q = try QuantityParser.parse(
            try item.need("percent_per_year"), "percent_per_year", doc: item.context.doc, max: 100)
        return (.growth(fromYear: from, percentPerYear: q), item.series, "growth\(item.number):\(item.joined):\(from)")
    }

    static let level = LeverSpec(
        key: "level_shifts", what: "a level shift", onIndicators: true, fields: ["year", "percent"]
    ) { item throws(InputError) in
        let y = try item.context.year(try item.need("year"), "year")
        let q = try QuantityParser.parse(try item.need("percent"), "percent", doc: item.context.doc)
        return (.level(year: y, percent: q), item.series, "level\(item.number):\(item.joined):\(y)")
    }

    static let volatility = LeverSpec(
        key: "volatility", what: "a volatility lever", onIndicators: true, fields: ["scale"]
    ) { item throws(InputError) in
        let node = try item.need("scale")
        let v = try item.context.doc.ratio(node, "scale")
        guard v > 0 && v <= 10 else {
            throw item.context.doc.error(
                at: node, "scale must be in (0, 10] (1 = as calibrated)", zh: "scale 必须在 (0, 10] 之内（1 = 按校准）")
        }
        return (.volatility(scale: v), item.series, "volatility\(item.number):\(item.joined)")
    }

    static let shock = LeverSpec(
        key: "shocks", what: "a shock", onIndicators: true, fields: ["year", "probability", "percent"]
    ) { item throws(InputError) in
        let doc = item.context.doc
        let y = try item.context.year(try item.need("year"), "year")
        let pn = try item.need("probability")
        let p = try doc.ratio(pn, "probability")
        guard (0...1).contains(p) else {
            throw doc.error(
                at: pn, "probability must be between 0 and 1 (got \(p))", zh: "probability（概率）必须在 0 和 1 之间（现为 \(p)）")
        }
        let q = try QuantityParser.parse(try item.need("percent"), "percent", doc: doc)
        return (.shock(year: y, probability: p, percent: q), item.series, "shock\(item.number):\(item.joined):\(y)")
    }

    static let driver = LeverSpec(
        key: "drivers", what: "a driver path", onIndicators: false, fields: ["driver", "growth_percent", "affects"]
    ) { item throws(InputError) in
        let c = item.context, doc = c.doc
        let dn = try item.need("driver")
        let written = try doc.string(dn, "driver")
        let d = c.id(written)
        if c.indicatorIDs.contains(d) { throw c.wrongKind(dn, written: written, id: d, isDriver: false) }
        guard c.driverIDs.contains(d) else {
            let near = nearest(to: d, among: c.driverIDs)
            throw doc.error(
                at: dn, "unknown driver '\(d)'",
                hint: (near.map { "did you mean '\($0)'? " } ?? "") + "Drivers: \(c.driverIDs.joined(separator: ", "))",
                zh: "未知的驱动因素“\(d)”",
                hintZh: (near.map { "是否想写“\($0)”？" } ?? "") + "驱动因素：\(c.driverIDs.joined(separator: "、"))")
        }
        var growth = [Int: UncertainQuantity]()
        let meta = c.plan.metadata
        for (k, kn, v) in try doc.mapping(
            try item.need("growth_percent"), allowed: [], what: "growth_percent", allowAny: true)
        {
            guard let y = Int(k), meta.years.contains(y) else {
                throw doc.error(
                    at: kn, "'\(k)' is not a year of the plan (\(meta.firstYear)–\(meta.lastYear))",
                    zh: "“\(k)”不是规划的年份（\(meta.firstYear)–\(meta.lastYear)）")
            }
            growth[y] = try QuantityParser.parse(v, "growth_percent.\(k)", doc: doc, max: 100)
        }
        var links = [Lever.DriverLink]()
        if let affects = item.fields["affects"] {
            for link in try c.sequence(affects, "affects") {
                let lm = try c.fields(link, ["indicators", "group", "elasticity"], "an effect of a driver")
                guard let en = lm["elasticity"] else {
                    throw doc.error(at: link, "missing 'elasticity'", zh: "缺少“elasticity”（弹性）")
                }
                let e = try doc.ratio(en, "elasticity")
                guard abs(e) <= 10 else {
                    throw doc.error(
                        at: en, "elasticity \(e) is implausible (|e| ≤ 10)", zh: "弹性 \(e) 不合理（应满足 |e| ≤ 10）")
                }
                links.append(Lever.DriverLink(series: try c.targets(link, "an effect of a driver"), elasticity: e))
            }
        }
        return (.driverPath(driver: d, growthPercent: growth, links: links), [d], "driver:\(d)")
    }
}

/// One item of a lever list, as the builders see it.
struct LeverItem {
    let context: ScenarioContext
    let node: Node
    let fields: [String: Node]
    /// 1-based position in its list (part of the default name).
    let number: Int
    /// The indicators it acts on (empty for driver paths).
    let series: [String]

    var joined: String { series.joined(separator: "+") }

    func need(_ key: String) throws(InputError) -> Node {
        guard let v = fields[key] else { throw context.doc.error(at: node, "missing '\(key)'", zh: "缺少“\(key)”") }
        return v
    }
}

/// Parses a lever list of any kind with its `LeverSpec`.
enum LeverParser {
    /// The levers of `list`; `positions` gets where each is written, by name.
    static func parse(
        _ list: Node, spec: LeverSpec, context c: ScenarioContext, positions: inout [String: SourceLocation]
    ) throws(InputError) -> [Lever] {
        var out = [Lever]()
        for (i, node) in try c.sequence(list, spec.key).enumerated() {
            let allowed = ["name"] + (spec.onIndicators ? ["indicators", "group"] : []) + spec.fields
            let fields = try c.fields(node, allowed, spec.what)
            let series = spec.onIndicators ? try c.targets(node, spec.what) : []
            let item = LeverItem(context: c, node: node, fields: fields, number: i + 1, series: series)
            let built = try spec.build(item)
            let name =
                try fields["name"].map { n throws(InputError) in try c.doc.name(n, "name") } ?? built.defaultName
            // A lever is known by its name: its random draws, its sensitivity row and, in a
            // scenario that inherits, what it replaces. Two of one name in one file were both
            // applied with one draw and removed together, reported as one lever.
            if positions[name] != nil || out.contains(where: { $0.name == name }) {
                let at = positions[name].map { " (first at line \($0.line))" } ?? ""
                throw c.doc.error(
                    at: fields["name"] ?? node, "lever name '\(name)' is used twice in this scenario\(at)",
                    hint:
                        "give each lever its own name: sensitivity.csv reports a lever by its name, and its random draws follow it",
                    zh: "杠杆名称“\(name)”在本情景中用了两次"
                        + (positions[name].map { "（第一次在第 \($0.line) 行）" } ?? ""),
                    hintZh: "请给每个杠杆取不同的名称：sensitivity.csv 按名称报告杠杆，它的随机抽样也跟随名称"
                )
            }
            out.append(Lever(name: name, series: built.series, action: built.action))
            if let m = node.mark { positions[name] = SourceLocation(file: c.doc.file, line: m.line, column: m.column) }
        }
        return out
    }
}
