import Foundation
import IO
import Simulation
import Yams

/// Reads an uncertain amount of a lever: a number, or a mapping with one distribution — fixed,
/// normal {mean, sd}, uniform {min, max}, triangular {min, mode, max}, pert {min, most_likely,
/// max}, lognormal {meanlog, sdlog} — as a percentage change, which can never reach −100%.
enum QuantityParser {
    static let distributions = ["fixed", "normal", "uniform", "triangular", "pert", "lognormal"]

    static func parse(
        _ node: Node, _ key: String, doc: YAMLDocument, min lowest: Double = -99, max highest: Double = 1000
    ) throws(InputError)
        -> UncertainQuantity
    {
        let q: UncertainQuantity
        if node.scalar != nil {
            q = .fixed(try doc.double(node, key))
        } else {
            let pairs = try doc.mapping(node, allowed: distributions, what: key)
            guard pairs.count == 1, let (dist, _, v) = pairs.first else {
                throw doc.error(
                    at: node, "'\(key)' needs exactly one distribution",
                    hint: "e.g. pert: {min: 1, most_likely: 2, max: 4}", zh: "“\(key)”需要且只能有一个分布",
                    hintZh: "例如 pert: {min: 1, most_likely: 2, max: 4}")
            }
            func p(_ names: [String]) throws(InputError) -> [Double] {
                var m = [String: Node]()
                for (k, _, n) in try doc.mapping(v, allowed: names, what: dist) { m[k] = n }
                var out = [Double]()
                for n in names {
                    guard let node = m[n] else {
                        throw doc.error(
                            at: v, "\(dist) needs \(names.joined(separator: ", "))",
                            zh: "\(dist) 需要 \(names.joined(separator: "、"))")
                    }
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
        if let problem = q.problem {
            throw doc.error(at: node, "'\(key)': \(problem)", zh: q.problem(chinese: true).map { "“\(key)”：\($0)" })
        }
        let low: Double
        switch q {
        case .fixed(let x): low = x
        case .uniform(let a, _), .triangular(let a, _, _), .pert(let a, _, _): low = a
        case .normal(let m, let s): low = m - 4 * s
        case .lognormal: low = 0
        }
        if low < lowest {
            throw doc.error(
                at: node, "'\(key)' reaches \(low)%, below \(lowest)%",
                hint:
                    "amounts are percentages; a fall of 100% would wipe the series out, so a what-if stops at \(lowest)% (for a normal, 4 sd below its mean)",
                zh: "“\(key)”达到 \(low)%，低于 \(lowest)%",
                hintZh: "数量是百分数；下降 100% 会使序列归零，所以假设最低到 \(lowest)%（正态分布按均值以下 4 个标准差计）"
            )
        }
        let high: Double
        switch q {
        case .fixed(let x): high = x
        case .uniform(_, let b), .triangular(_, _, let b), .pert(_, _, let b): high = b
        case .normal(let m, let s): high = m + 4 * s
        case .lognormal(let m, let s): high = exp(m + 4 * s)
        }
        if !(high <= highest) {
            throw doc.error(
                at: node, "'\(key)' reaches \(high)%, above \(highest)%",
                hint: "amounts are percentages; a change of more than \(Int(highest))% is not a plausible what-if",
                zh: "“\(key)”达到 \(high)%，高于 \(highest)%", hintZh: "数量是百分数；变化超过 \(Int(highest))% 不是合理的假设")
        }
        return q
    }
}
