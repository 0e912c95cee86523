import Forecasting
import Foundation
import IO
import Indicators
import Scenarios
import Simulation
import Yams

/// Parses one scenario file into a `Scenario` (its own levers only; inheritance is resolved by
/// `ScenarioLoader`).
enum ScenarioParser {
    static let topKeys = [
        "name", "title_zh", "title_en", "description", "inherits", "groups", "growth", "level_shifts", "volatility",
        "drivers", "shocks", "assumptions", "models",
    ]

    static func parse(path: String, plan: Plan) throws(InputError) -> Scenario {
        try parse(try YAMLDocument(text: try readText(path: path, offersEncodingOption: false), file: path), plan: plan)
    }

    static func parse(_ doc: YAMLDocument, plan: Plan) throws(InputError) -> Scenario {
        let fallbackName = URL(fileURLWithPath: doc.file).deletingPathExtension().lastPathComponent
        if doc.root == nil {
            var empty = Scenario(name: fallbackName, file: doc.file)
            empty.fromEmptyFile = true
            return empty
        }
        var values = [String: Node]()
        for (k, _, v) in try doc.mapping(doc.root, allowed: topKeys, what: "a scenario") { values[k] = v }
        func text(_ key: String) throws(InputError) -> String? {
            try values[key].map { n throws(InputError) in try doc.string(n, key) }
        }
        var s = Scenario(
            name: try values["name"].map { n throws(InputError) in try doc.name(n, "name") } ?? fallbackName,
            titleZh: try text("title_zh") ?? "",
            titleEn: try text("title_en") ?? "", description: try text("description") ?? "", file: doc.file,
            inherits: try text("inherits"))
        if let mark = values["name"]?.mark { s.nameAt = (mark.line, mark.column) }
        if let mark = values["inherits"]?.mark { s.inheritsAt = (mark.line, mark.column) }
        var context = ScenarioContext(doc: doc, plan: plan)
        if let g = values["groups"] { try context.defineGroups(g) }
        for spec in LeverSpec.all {
            guard let list = values[spec.key] else { continue }
            s.levers += try LeverParser.parse(list, spec: spec, context: context, positions: &s.leverAt)
        }
        if let a = values["assumptions"] { s.assumptions = try assumptions(a, context: context) }
        if let m = values["models"] { s.models = try models(m, context: context) }
        return s
    }

    /// `assumptions: {indicator: {year: value}}`: values for years without data.
    static func assumptions(_ node: Node, context c: ScenarioContext) throws(InputError) -> [String: [Int: Double]] {
        let doc = c.doc
        var out = [String: [Int: Double]]()
        for (written, idNode, yearsNode) in try doc.mapping(node, allowed: [], what: "assumptions", allowAny: true) {
            let id = c.id(written)
            guard let kind = c.plan.kind(of: id) else { throw c.unknownID(idNode, id, c.seriesIDs) }
            guard out[id] == nil else {
                throw doc.error(
                    at: idNode, "'\(written)' is '\(id)', given twice under assumptions",
                    zh: "“\(written)”即“\(id)”，在 assumptions 下给了两次")
            }
            var byYear = [Int: Double]()
            for (ys, yn, vn) in try doc.mapping(yearsNode, allowed: [], what: "assumptions.\(id)", allowAny: true) {
                guard let y = Int(ys), (1900...2200).contains(y) else {
                    throw doc.error(at: yn, "'\(ys)' is not a year", zh: "“\(ys)”不是一个年份")
                }
                let range = c.plan.metadata.dataYears
                guard range.contains(y) else {
                    throw doc.error(
                        at: yn,
                        "an assumption for \(y) is outside the plan's data range (\(range.lowerBound)–\(range.upperBound))",
                        hint: "assume values only for years up to the plan's last year",
                        zh: "\(y)年的假设值不在规划的数据范围内（\(range.lowerBound)–\(range.upperBound)）",
                        hintZh: "只能为规划末年及以前的年份假设数值")
                }
                let v = try doc.double(vn, "\(id).\(ys)")
                if let text = vn.scalar?.string,
                    let refusal = MisplacedPercent.message("'\(text)'", text: text, id: id, kind: kind)
                {
                    throw doc.error(
                        at: vn, refusal, hint: "assume a value in the indicator's own unit",
                        zh: MisplacedPercent.message("“\(text)”", text: text, id: id, kind: kind, chinese: true),
                        hintZh: "请按指标自身的单位假设数值")
                }
                guard kind.admits(v) else {
                    throw doc.error(
                        at: vn, "value \(v) is outside the range of a \(kind.rawValue)",
                        zh: "数值 \(v) 超出了\(kind.zh)（\(kind.rawValue)）的取值范围")
                }
                byYear[y] = v
            }
            out[id] = byYear
        }
        return out
    }

    /// `models: {indicator: "drift,theta"}`: the combination to use for an indicator.
    static func models(_ node: Node, context c: ScenarioContext) throws(InputError) -> [String: [String]] {
        let doc = c.doc
        var out = [String: [String]]()
        for (written, idNode, v) in try doc.mapping(node, allowed: [], what: "models", allowAny: true) {
            let id = c.id(written)
            guard c.seriesIDs.contains(id) else { throw c.unknownID(idNode, id, c.seriesIDs) }
            guard out[id] == nil else {
                throw doc.error(
                    at: idNode, "'\(written)' is '\(id)', given twice under models",
                    zh: "“\(written)”即“\(id)”，在 models 下给了两次")
            }
            let text = try doc.string(v, id)
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard Combination.named(names) != nil else {
                let available = Combination.available.keys.sorted().joined(separator: ", ")
                throw doc.error(
                    at: v, "unknown model in '\(text)'",
                    hint: "models: \(available) (add @log for the transformed scale)",
                    zh: "“\(text)”中有未知的模型", hintZh: "可用的模型：\(available)（加 @log 表示在变换后的尺度上）")
            }
            // The mean of a model and itself is that model: a repeat is a slip for another.
            if let twice = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element {
                throw doc.error(
                    at: v, "model '\(twice)' is given twice in '\(text)'",
                    hint: "give each model once (a combination is the mean of different models)",
                    zh: "模型“\(twice)”在“\(text)”中给了两次", hintZh: "每个模型只给一次（组合是不同模型的平均）")
            }
            out[id] = names
        }
        return out
    }
}
