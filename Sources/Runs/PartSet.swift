import Foundation
import IO

/// The part folders of one sharded job, read and checked: each whole (its files match its
/// `part.json`), of the same kind and version, from the same request on the same inputs, and
/// exactly one part for each K of 1…N. A missing or duplicated part is an error that names it.
struct PartSet {
    /// Part folders in shard order.
    let folders: [String]
    let manifests: [[String: Any]]
    let request: [String: Any]
    let inputs: [[String: Any]]
    /// Run parts: simulations per part.
    let simulations: Int

    var first: String { folders[0] }

    /// A file of a part folder that is damaged or of another version: what is wrong, and to run
    /// that shard again, in both languages (the tally readers of `merge` share it).
    static func damaged(_ file: String, _ why: String, zh: String) -> InputError {
        InputError(
            file: file, why, hint: "run that shard again: its part folder is damaged or of another version", zh: zh,
            hintZh: "请重新运行该分片：它的目录已损坏或来自另一版本")
    }

    /// Part folders: each of `paths` that holds part.json, or the `part-…` folders inside it.
    static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var found = [String]()
        for p in paths {
            let fm = FileManager.default
            if fm.fileExists(atPath: p + "/part.json") {
                found.append(p)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError(
                    file: p, "no such part folder", hint: "give the folders that --shard wrote",
                    zh: "没有这个分片目录", hintZh: "请给出 --shard 写出的目录")
            }
            let inner = ((try? fm.contentsOfDirectory(atPath: p)) ?? []).filter {
                $0.hasPrefix("part-") && fm.fileExists(atPath: p + "/" + $0 + "/part.json")
            }.sorted()
            guard !inner.isEmpty else {
                throw InputError(
                    file: p, "holds neither part.json nor part-K-of-N folders",
                    hint: "give the folders that --shard wrote", zh: "其中既没有 part.json，也没有 part-K-of-N 目录",
                    hintZh: "请给出 --shard 写出的目录")
            }
            found += inner.map { p + "/" + $0 }
        }
        return found
    }

    /// `paths`: part folders, or folders holding `part-K-of-N` folders.
    static func read(_ paths: [String], kind: String, version: String) throws(InputError) -> PartSet {
        let found = try expand(paths)
        var byIndex = [Int: (String, [String: Any])]()
        var count: Int?
        for f in found {
            if let problem = RunFolder.problems(f, layout: .part).first {
                // At part.json's line and column when the problem has a place there.
                let placed = problem.line != nil
                throw InputError(
                    file: placed ? f + "/part.json" : f, line: problem.line, column: problem.column,
                    "the part fails its part.json: \(problem.en)", hint: "run that shard again into a new folder",
                    zh: "分片与其 part.json 不符：\(problem.zh)", hintZh: "请把该分片重新运行到一个新目录")
            }
            let m = try JSONFile.read(path: f + "/part.json", what: "the part's manifest", zh: "分片清单")
            guard m["kind"] as? String == kind else {
                throw InputError(
                    file: f + "/part.json", "is a \(m["kind"] as? String ?? "unknown") part, not a \(kind)",
                    hint: "merge the parts of one job at a time",
                    zh: "这是 \(m["kind"] as? String ?? "未知类型") 分片，不是 \(kind)", hintZh: "请一次只合并同一任务的分片")
            }
            guard m["version"] as? String == version else {
                throw InputError(
                    file: f + "/part.json",
                    "was written by plancast \(m["version"] as? String ?? "?"), this is \(version)",
                    hint: "run every shard and the merge with one version",
                    zh: "由 plancast \(m["version"] as? String ?? "?") 写出，而当前版本是 \(version)",
                    hintZh: "请用同一版本运行所有分片和合并")
            }
            guard let k = JSONFile.integer(m["shard"]), let n = JSONFile.integer(m["shards"]), n >= 1,
                (1...n).contains(k)
            else {
                throw InputError(
                    file: f + "/part.json", "has no valid shard and shards",
                    hint: "run that shard again into a new folder", zh: "没有有效的 shard 和 shards",
                    hintZh: "请把该分片重新运行到一个新目录")
            }
            if let count, count != n {
                throw InputError(
                    file: f + "/part.json", "is a part of \(n) shards, others are parts of \(count)",
                    hint: "merge the parts of one job at a time", zh: "这是 \(n) 个分片之一，其他分片属于 \(count) 个分片",
                    hintZh: "请一次只合并同一任务的分片")
            }
            count = n
            if let other = byIndex[k] {
                throw InputError(
                    file: f, "is part \(k) of \(n), and so is \(other.0)", hint: "give each part once",
                    zh: "这是 \(n) 个分片中的第 \(k) 个，\(other.0) 也是", hintZh: "每个分片只给一次")
            }
            byIndex[k] = (f, m)
        }
        guard let n = count else {
            throw InputError(file: paths.first ?? ".", "no parts to merge", zh: "没有可合并的分片")
        }
        let missing = (1...n).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let shown = missing.prefix(10).map { "part-\($0)-of-\(n)" }.joined(separator: ", ")
            throw InputError(
                file: paths[0], "\(missing.count) of \(n) parts missing: \(shown)",
                hint: "run the missing shards (--shard K/\(n)) and merge again",
                zh: "\(n) 个分片中缺少 \(missing.count) 个：\(shown)", hintZh: "请运行缺少的分片（--shard K/\(n)）后再合并")
        }
        let ordered = (1...n).map { byIndex[$0]! }
        func key(_ m: [String: Any]) -> String {
            JSONFile.text(["request": m["request"] ?? NSNull(), "inputs": m["inputs"] ?? NSNull()])
        }
        let reference = key(ordered[0].1)
        for (f, m) in ordered.dropFirst() where key(m) != reference {
            throw InputError(
                file: f + "/part.json", "comes from another request or other inputs than \(ordered[0].0)",
                hint: "merge the parts of one job at a time", zh: "它与 \(ordered[0].0) 来自不同的请求或输入",
                hintZh: "请一次只合并同一任务的分片")
        }
        let m0 = ordered[0].1
        guard let request = m0["request"] as? [String: Any], let inputs = m0["inputs"] as? [[String: Any]] else {
            throw InputError(
                file: ordered[0].0 + "/part.json", "records no request or inputs",
                hint: "run that shard again into a new folder", zh: "没有记录请求或输入",
                hintZh: "请把该分片重新运行到一个新目录")
        }
        let simulations = JSONFile.integer(m0["simulations"]) ?? 0
        for (f, m) in ordered where JSONFile.integer(m["simulations"]) ?? 0 != simulations {
            throw InputError(
                file: f + "/part.json", "holds another number of simulations than the other parts",
                hint: "merge the parts of one job at a time",
                zh: "它的模拟次数与其他分片不同", hintZh: "请一次只合并同一任务的分片")
        }
        return PartSet(
            folders: ordered.map(\.0), manifests: ordered.map(\.1), request: request, inputs: inputs,
            simulations: simulations)
    }
}

/// What a set of part folders holds, from the first part's `part.json`.
public enum PartKind: Sendable {
    case run, calibration, forecast

    public static func of(_ paths: [String]) throws(InputError) -> PartKind {
        guard let first = try PartSet.expand(paths).first else {
            throw InputError(file: ".", "no parts to merge", zh: "没有可合并的分片")
        }
        let file = first + "/part.json"
        let m = try JSONFile.read(path: file, what: "the part's manifest", zh: "分片清单")
        switch m["kind"] as? String {
        case "run-part": return .run
        case "calibration-part": return .calibration
        case "forecast-part": return .forecast
        default:
            throw InputError(
                file: file, "is not a plancast part (no known kind)", hint: "give the folders that --shard wrote",
                zh: "不是 plancast 的分片（没有已知的 kind）",
                hintZh: "请给出 --shard 写出的目录")
        }
    }
}
