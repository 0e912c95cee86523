import Forecasting
import Foundation
import Indicators
import Scenarios
import Simulation
import Yams

/// Reads scenario files (YAML, DESIGN.md §4) strictly: unknown keys, unknown indicator ids and
/// impossible values are errors naming file, line and column, with the nearest valid key or id.
public enum ScenarioLoader {
    static let topKeys = [
        "name", "title_zh", "title_en", "description", "inherits", "groups", "growth", "level_shifts", "volatility",
        "drivers", "shocks", "assumptions", "models",
    ]

    /// Built-in groups: the plan's categories (by their Chinese names and English aliases).
    static func builtInGroups(_ plan: Plan) -> [String: [String]] {
        let aliases = ["人才集聚": "talent", "科创平台": "platforms", "科创企业": "enterprises", "人才质效": "quality", "创新生态": "ecosystem"]
        var g = [String: [String]]()
        for ind in plan.indicators {
            g[ind.category, default: []].append(ind.id)
            if let a = aliases[ind.category] { g[a, default: []].append(ind.id) }
        }
        g["all"] = plan.indicators.map(\.id)
        return g
    }

    /// Loads, validates and resolves inheritance. Scenarios come back in the order given.
    public static func load(paths: [String], plan: Plan) throws(InputError) -> [Scenario] {
        var raw = [Scenario]()
        var docs = [String: YAMLDocument]()
        for path in paths {
            let doc = try YAMLDocument(text: try readText(path: path), file: path)
            docs[path] = doc
            raw.append(try parse(doc, plan: plan, loadedGroups: [:]))
        }
        // Resolve inheritance by name (or file name without extension), detecting cycles.
        var byName = [String: Scenario]()
        for s in raw { byName[s.name] = s }
        func resolve(_ s: Scenario, seen: [String]) throws(InputError) -> Scenario {
            guard let parentName = s.inherits else { return s }
            let chain = seen + [s.name]
            if chain.contains(parentName) {
                throw InputError(file: s.file, "inheritance cycle: \((chain + [parentName]).joined(separator: " → "))", hint: "remove one 'inherits'")
            }
            var parent = byName[parentName]
            if parent == nil {
                // A file next to this one.
                let dir = URL(fileURLWithPath: s.file).deletingLastPathComponent()
                for candidate in [parentName, parentName + ".yaml", parentName + ".yml"] {
                    let p = dir.appendingPathComponent(candidate).path
                    if FileManager.default.fileExists(atPath: p) {
                        let doc = try YAMLDocument(text: try readText(path: p), file: p)
                        parent = try parse(doc, plan: plan, loadedGroups: [:])
                        break
                    }
                }
            }
            guard let parent else {
                throw InputError(file: s.file, "inherits from unknown scenario '\(parentName)'",
                    hint: nearest(to: parentName, among: Array(byName.keys)).map { "did you mean '\($0)'?" } ?? "name a scenario file in the same folder")
            }
            return s.resolved(parent: try resolve(parent, seen: chain))
        }
        var out = [Scenario]()
        for s in raw { out.append(try resolve(s, seen: [])) }
        var names = Set<String>()
        for s in out where !names.insert(s.name).inserted {
            throw InputError(file: s.file, "two scenarios are named '\(s.name)'", hint: "give each scenario its own name")
        }
        return out
    }

    static func parse(_ doc: YAMLDocument, plan: Plan, loadedGroups: [String: [String]]) throws(InputError) -> Scenario {
        let file = doc.file
        let fallbackName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if doc.root == nil {
            return Scenario(name: fallbackName, file: file)
        }
        let pairs = try doc.mapping(doc.root, allowed: topKeys, what: "a scenario")
        var values = [String: Node]()
        for (k, _, v) in pairs { values[k] = v }
        func str(_ key: String) throws(InputError) -> String? { try values[key].map { n throws(InputError) in try doc.string(n, key) } }
        var s = Scenario(
            name: try str("name") ?? fallbackName, titleZh: try str("title_zh") ?? "", titleEn: try str("title_en") ?? "",
            description: try str("description") ?? "", file: file, inherits: try str("inherits"))
        let ids = plan.indicators.map(\.id)
        let driverIDs = plan.drivers.map(\.id)
        let years = plan.metadata.years
        var groups = builtInGroups(plan).merging(loadedGroups) { _, b in b }
        if let g = values["groups"] {
            for (name, keyNode, list) in try doc.mapping(g, allowed: [], what: "groups", allowAny: true) {
                _ = keyNode
                groups[name] = try idList(doc, list, key: "groups.\(name)", valid: ids, groups: groups)
            }
        }

        func targets(_ node: Node, _ what: String) throws(InputError) -> [String] {
            let pairs = try doc.mapping(node, allowed: [], what: what, allowAny: true)
            var out = [String]()
            var found = false
            for (k, _, v) in pairs where k == "indicators" || k == "group" {
                found = true
                if k == "indicators" {
                    out += try idList(doc, v, key: "indicators", valid: ids, groups: groups)
                } else {
                    let g = try doc.string(v, "group")
                    guard let members = groups[g] else {
                        throw doc.error(at: v, "unknown group '\(g)'", hint: nearest(to: g, among: Array(groups.keys)).map { "did you mean '\($0)'?" } ?? "define it under groups:")
                    }
                    out += members
                }
            }
            guard found, !out.isEmpty else {
                throw doc.error(at: node, "\(what) needs 'indicators: [...]' or 'group: NAME'")
            }
            return out
        }
        func year(_ node: Node, _ key: String) throws(InputError) -> Int {
            let y = try doc.int(node, key)
            guard years.contains(y) || y == plan.metadata.baseYear else {
                throw doc.error(at: node, "year \(y) is outside the plan (\(plan.metadata.firstYear)–\(plan.metadata.lastYear))")
            }
            return y
        }
        func leverName(_ given: Node?, _ fallback: String) throws(InputError) -> String {
            try given.map { n throws(InputError) in try doc.string(n, "name") } ?? fallback
        }

        if let list = values["growth"] {
            for (i, item) in try sequence(doc, list, "growth").enumerated() {
                let m = try fields(doc, item, ["name", "indicators", "group", "from", "percent_per_year"], "a growth lever")
                let inds = try targets(item, "a growth lever")
                let from = try year(try need(doc, m, "from", item), "from")
                let q = try quantity(doc, try need(doc, m, "percent_per_year", item), "percent_per_year", min: -99)
                s.growth.append(.init(name: try leverName(m["name"], "growth\(i + 1):\(inds.joined(separator: "+")):\(from)"), indicators: inds, value: .init(fromYear: from, percentPerYear: q)))
            }
        }
        if let list = values["level_shifts"] {
            for (i, item) in try sequence(doc, list, "level_shifts").enumerated() {
                let m = try fields(doc, item, ["name", "indicators", "group", "year", "percent"], "a level shift")
                let inds = try targets(item, "a level shift")
                let y = try year(try need(doc, m, "year", item), "year")
                let q = try quantity(doc, try need(doc, m, "percent", item), "percent", min: -99)
                s.levels.append(.init(name: try leverName(m["name"], "level\(i + 1):\(inds.joined(separator: "+")):\(y)"), indicators: inds, value: .init(year: y, percent: q)))
            }
        }
        if let list = values["volatility"] {
            for (i, item) in try sequence(doc, list, "volatility").enumerated() {
                let m = try fields(doc, item, ["name", "indicators", "group", "scale"], "a volatility lever")
                let inds = try targets(item, "a volatility lever")
                let node = try need(doc, m, "scale", item)
                let v = try doc.double(node, "scale")
                guard v > 0 && v <= 10 else { throw doc.error(at: node, "scale must be in (0, 10] (1 = as calibrated)") }
                s.volatility.append(.init(name: try leverName(m["name"], "volatility\(i + 1):\(inds.joined(separator: "+"))"), indicators: inds, value: v))
            }
        }
        if let list = values["shocks"] {
            for (i, item) in try sequence(doc, list, "shocks").enumerated() {
                let m = try fields(doc, item, ["name", "indicators", "group", "year", "probability", "percent"], "a shock")
                let inds = try targets(item, "a shock")
                let y = try year(try need(doc, m, "year", item), "year")
                let pn = try need(doc, m, "probability", item)
                let p = try doc.double(pn, "probability")
                guard (0...1).contains(p) else { throw doc.error(at: pn, "probability must be between 0 and 1 (got \(p))") }
                let q = try quantity(doc, try need(doc, m, "percent", item), "percent", min: -99)
                s.shocks.append(.init(name: try leverName(m["name"], "shock\(i + 1):\(inds.joined(separator: "+")):\(y)"), indicators: inds, value: .init(year: y, probability: p, percent: q)))
            }
        }
        if let list = values["drivers"] {
            for item in try sequence(doc, list, "drivers") {
                let m = try fields(doc, item, ["name", "driver", "growth_percent", "affects"], "a driver path")
                let dn = try need(doc, m, "driver", item)
                let d = try doc.string(dn, "driver")
                guard driverIDs.contains(d) else {
                    throw doc.error(at: dn, "unknown driver '\(d)'", hint: (nearest(to: d, among: driverIDs).map { "did you mean '\($0)'? " } ?? "") + "Drivers: \(driverIDs.joined(separator: ", "))")
                }
                var growth = [Int: UncertainQuantity]()
                for (k, kn, v) in try doc.mapping(try need(doc, m, "growth_percent", item), allowed: [], what: "growth_percent", allowAny: true) {
                    guard let y = Int(k), years.contains(y) else { throw doc.error(at: kn, "'\(k)' is not a year of the plan (\(plan.metadata.firstYear)–\(plan.metadata.lastYear))") }
                    growth[y] = try quantity(doc, v, "growth_percent.\(k)", min: -99)
                }
                var links = [(indicators: [String], elasticity: Double)]()
                if let affects = m["affects"] {
                    for link in try sequence(doc, affects, "affects") {
                        let lm = try fields(doc, link, ["indicators", "group", "elasticity"], "an effect of a driver")
                        let en = try need(doc, lm, "elasticity", link)
                        let e = try doc.double(en, "elasticity")
                        guard abs(e) <= 10 else { throw doc.error(at: en, "elasticity \(e) is implausible (|e| ≤ 10)") }
                        links.append((try targets(link, "an effect of a driver"), e))
                    }
                }
                s.drivers.append(.init(name: try leverName(m["name"], "driver:\(d)"), driver: d, growthPercent: growth, links: links))
            }
        }
        if let a = values["assumptions"] {
            for (id, idNode, yearsNode) in try doc.mapping(a, allowed: [], what: "assumptions", allowAny: true) {
                guard ids.contains(id) || driverIDs.contains(id) else { throw unknownID(doc, idNode, id, ids + driverIDs) }
                let kind = plan.kind(of: id)!
                var byYear = [Int: Double]()
                for (ys, yn, vn) in try doc.mapping(yearsNode, allowed: [], what: "assumptions.\(id)", allowAny: true) {
                    guard let y = Int(ys), (1900...2200).contains(y) else { throw doc.error(at: yn, "'\(ys)' is not a year") }
                    let v = try doc.double(vn, "\(id).\(ys)")
                    guard kind.admits(v) else { throw doc.error(at: vn, "value \(v) is outside the range of a \(kind.rawValue)") }
                    byYear[y] = v
                }
                s.assumptions[id] = byYear
            }
        }
        if let mm = values["models"] {
            for (id, idNode, v) in try doc.mapping(mm, allowed: [], what: "models", allowAny: true) {
                guard ids.contains(id) || driverIDs.contains(id) else { throw unknownID(doc, idNode, id, ids + driverIDs) }
                let text = try doc.string(v, id)
                let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard Combination.named(names) != nil else {
                    throw doc.error(at: v, "unknown model in '\(text)'", hint: "models: \(Combination.available.keys.sorted().joined(separator: ", ")) (add @log for the transformed scale)")
                }
                s.models[id] = names
            }
        }
        return s
    }

    // MARK: helpers

    static func unknownID(_ doc: YAMLDocument, _ node: Node?, _ id: String, _ valid: [String]) -> InputError {
        doc.error(at: node, "unknown indicator id '\(id)'",
            hint: nearest(to: id, among: valid).map { "did you mean '\($0)'? (plancast indicators lists the ids)" } ?? "plancast indicators lists the ids")
    }

    static func idList(_ doc: YAMLDocument, _ node: Node, key: String, valid: [String], groups: [String: [String]]) throws(InputError) -> [String] {
        let items: [Node]
        if node.sequence != nil { items = node.array() } else { items = [node] }
        var out = [String]()
        for it in items {
            let id = try doc.string(it, key)
            if id.hasPrefix("@") {
                guard let g = groups[String(id.dropFirst())] else { throw doc.error(at: it, "unknown group '\(id.dropFirst())'") }
                out += g
            } else if valid.contains(id) {
                out.append(id)
            } else {
                throw unknownID(doc, it, id, valid)
            }
        }
        return out
    }

    static func sequence(_ doc: YAMLDocument, _ node: Node, _ key: String) throws(InputError) -> [Node] {
        guard node.sequence != nil else { throw doc.error(at: node, "'\(key)' must be a list (items start with '- ')") }
        return node.array()
    }

    static func fields(_ doc: YAMLDocument, _ node: Node, _ allowed: [String], _ what: String) throws(InputError) -> [String: Node] {
        var m = [String: Node]()
        for (k, _, v) in try doc.mapping(node, allowed: allowed, what: what) { m[k] = v }
        return m
    }

    static func need(_ doc: YAMLDocument, _ m: [String: Node], _ key: String, _ at: Node) throws(InputError) -> Node {
        guard let v = m[key] else { throw doc.error(at: at, "missing '\(key)'") }
        return v
    }

    /// A number, or a mapping with one distribution: fixed, normal {mean, sd}, uniform {min, max},
    /// triangular {min, mode, max}, pert {min, most_likely, max}, lognormal {meanlog, sdlog}.
    static func quantity(_ doc: YAMLDocument, _ node: Node, _ key: String, min lowest: Double) throws(InputError) -> UncertainQuantity {
        let q: UncertainQuantity
        if node.scalar != nil {
            q = .fixed(try doc.double(node, key))
        } else {
            let pairs = try doc.mapping(node, allowed: ["fixed", "normal", "uniform", "triangular", "pert", "lognormal"], what: key)
            guard pairs.count == 1, let (dist, _, v) = pairs.first else {
                throw doc.error(at: node, "'\(key)' needs exactly one distribution", hint: "e.g. pert: {min: 1, most_likely: 2, max: 4}")
            }
            func p(_ names: [String]) throws(InputError) -> [Double] {
                var m = [String: Node]()
                for (k, _, n) in try doc.mapping(v, allowed: names, what: dist) { m[k] = n }
                var out = [Double]()
                for n in names {
                    guard let node = m[n] else { throw doc.error(at: v, "\(dist) needs \(names.joined(separator: ", "))") }
                    out.append(try doc.double(node, n))
                }
                return out
            }
            switch dist {
            case "fixed": q = .fixed(try doc.double(v, "fixed"))
            case "normal": let a = try p(["mean", "sd"]); q = .normal(mean: a[0], sd: a[1])
            case "uniform": let a = try p(["min", "max"]); q = .uniform(min: a[0], max: a[1])
            case "triangular": let a = try p(["min", "mode", "max"]); q = .triangular(min: a[0], mode: a[1], max: a[2])
            case "pert": let a = try p(["min", "most_likely", "max"]); q = .pert(min: a[0], mode: a[1], max: a[2])
            default: let a = try p(["meanlog", "sdlog"]); q = .lognormal(meanlog: a[0], sdlog: a[1])
            }
        }
        if let problem = q.problem { throw doc.error(at: node, "'\(key)': \(problem)") }
        let low: Double
        switch q {
        case .fixed(let x): low = x
        case .uniform(let a, _), .triangular(let a, _, _), .pert(let a, _, _): low = a
        case .normal(let m, let s): low = m - 4 * s
        case .lognormal: low = 0
        }
        if low < lowest {
            throw doc.error(at: node, "'\(key)' reaches \(low), below \(lowest) (a change of −100% or worse is impossible)")
        }
        return q
    }
}
