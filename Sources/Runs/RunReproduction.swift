import Foundation
import IO
import Indicators

/// Rerunning a run folder from its manifest (DESIGN.md §1 "reviewers check that a run
/// reproduces"): the same plan, observations, scenario files, recalibration, seed, paths, `--as-of`,
/// language, Excel mark and sensitivity. Every input must still have the SHA-256 the manifest
/// records, so that the rerun is a test of the computation, not of changed data; `compare` then
/// says whether the outputs are byte-identical.
public enum RunReproduction {
    /// The request that made `folder`, after checking the folder against its manifest and every
    /// input against its recorded SHA-256 (at the path recorded, which is as the command line
    /// gave it: relative paths need the folder the run was started in).
    public static func request(from folder: String) throws(InputError) -> RunRequest {
        try RunFolder.requireWholeRun(
            folder, command: "reproduce", hint: "a run folder must not be edited; reproduce a whole one",
            hintZh: "运行目录不可编辑；请对完整的运行目录执行 reproduce")
        let manifestPath = folder + "/manifest.json"
        let m = try JSONFile.read(
            path: manifestPath, what: "the manifest", hint: "a run folder holds manifest.json", zh: "manifest",
            hintZh: "运行目录中应有 manifest.json")
        func bad(_ what: String, zh: String) -> InputError {
            InputError(
                file: manifestPath, "the manifest's \(what) is missing or malformed",
                hint: "reproduce a folder that plancast run wrote", zh: "manifest 中的\(zh)缺失或格式有误",
                hintZh: "请对 plancast run 写出的目录执行 reproduce")
        }
        guard let inputs = m["inputs"] as? [[String: Any]],
            let plan = (m["plan"] as? [String: Any])?["folder"] as? String
        else { throw bad("inputs or plan folder", zh: "输入文件（inputs）或规划目录（plan）") }
        // The plan folder rerun is the one whose plan.yaml the manifest vouches for.
        let planFile = canonicalPath(plan + "/plan.yaml")
        guard
            inputs.contains(where: {
                $0["role"] as? String == "plan" && ($0["path"] as? String).map(canonicalPath) == planFile
            })
        else { throw bad("plan folder (its plan.yaml is not among the inputs)", zh: "规划目录（其 plan.yaml 不在输入文件之列）") }
        var observations: String?, recalibration: String?
        for input in inputs {
            guard let given = input["path"] as? String, let recorded = input["sha256"] as? String,
                let role = input["role"] as? String
            else { throw bad("inputs", zh: "输入文件（inputs）") }
            // A run that read its data from standard input (`--observations -`, recorded as
            // /dev/stdin) is reproduced from the same data piped in again; from a terminal there
            // is nothing to read, and the SHA-256 of nothing said "the file has changed".
            let piped = given == "-" || given == "/dev/stdin"
            let path = piped ? "/dev/stdin" : given
            let roleZh = Self.roleZh[role] ?? role
            if piped && isatty(STDIN_FILENO) == 1 {
                throw InputError(
                    file: manifestPath, "the run read its \(role) from standard input, and nothing is piped in now",
                    hint: "pipe the same data in: plancast reproduce RUN < FILE",
                    zh: "这次运行的\(roleZh)是从标准输入读取的，而现在没有数据通过管道输入",
                    hintZh: "请用管道输入同样的数据：plancast reproduce RUN < FILE")
            }
            let now: String
            do {
                now = try sha256Hex(path: path)
            } catch {
                throw InputError(
                    file: path, "the run's \(role) file cannot be read: \(error.message)",
                    hint:
                        "paths are recorded as the command line gave them: reproduce from the folder the run was started in",
                    zh: "无法读取这次运行的\(roleZh)文件：\(error.messageZh ?? error.message)",
                    hintZh: "路径按命令行给出的原样记录：请在当初运行的目录中执行 reproduce"
                )
            }
            guard now == recorded else {
                if piped {
                    throw InputError(
                        file: manifestPath,
                        "the \(role) piped in differ from the run's (SHA-256 \(recorded.prefix(12)) then, \(now.prefix(12)) now)",
                        hint: "pipe in the data the run read: plancast reproduce RUN < FILE",
                        zh: "管道输入的\(roleZh)与这次运行时的不同（SHA-256 当时为 \(recorded.prefix(12))，现在为 \(now.prefix(12))）",
                        hintZh: "请用管道输入这次运行读取的数据：plancast reproduce RUN < FILE")
                }
                throw InputError(
                    file: path,
                    "the run's \(role) file has changed since the run (SHA-256 \(recorded.prefix(12)) then, \(now.prefix(12)) now)",
                    hint: "a rerun on other data tests nothing; restore the file, or run anew and compare",
                    zh: "这次运行的\(roleZh)文件在运行之后改动过（SHA-256 当时为 \(recorded.prefix(12))，现在为 \(now.prefix(12))）",
                    hintZh: "用别的数据重新运行检验不了什么；请恢复该文件，或重新运行后用 compare 比较")
            }
            if role == "observations" { observations = path }
            if role == "recalibration" { recalibration = path }
        }
        guard let scenarios = m["scenarios"] as? [[String: Any]] else { throw bad("scenarios", zh: "情景（scenarios）") }
        // The default baseline of a run without scenario files is recorded with an empty file.
        let files = scenarios.compactMap { $0["file"] as? String }.filter { !$0.isEmpty }
        // The manifest guards the outputs' bytes, not its own settings: they are checked as the
        // command line's are (`run --paths` 100–50,000,000, `--as-of` a year).
        guard let paths = JSONFile.integer(m["paths"]), RunRequest.pathRange.contains(paths),
            m["seed"] is NSNumber, !JSONFile.isBoolean(m["seed"]),
            let language = (m["language"] as? String).flatMap(Language.init(rawValue:))
        else { throw bad("paths, seed or language", zh: "路径数（paths）、随机种子（seed）或语言（language）") }
        guard let seed = JSONFile.unsigned(m["seed"]) else { throw bad("seed", zh: "随机种子（seed）") }
        let asOf = JSONFile.integer(m["as_of"])
        if m["as_of"] != nil, !(m["as_of"] is NSNull), !(asOf.map(RunRequest.yearRange.contains) ?? false) {
            throw bad("as_of", zh: "截止年份（as_of）")
        }
        var request = RunRequest(planDirectory: plan)
        request.observations = observations
        request.recalibration = recalibration
        request.scenarioFiles = files
        // A run without scenario files ran a baseline without levers: so does its rerun, even if
        // a Scenarios/ folder has appeared since.
        request.discoverScenarios = !files.isEmpty
        request.asOf = asOf
        (request.paths, request.seed, request.language) = (paths, seed, language)
        request.excel = m["excel"] as? Bool ?? false
        request.sensitivity = m["sensitivity"] as? Bool ?? true
        return request
    }

    /// The roles of a run's inputs (`InputFile.role`) as a Chinese message names them.
    static let roleZh = [
        "plan": "规划", "observations": "观测值", "scenario": "情景", "recalibration": "再校准",
        "outcomes": "结果", "base_rate": "基准率",
    ]
}
