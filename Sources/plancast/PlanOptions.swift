import ArgumentParser
import Foundation
import IO
import PlanFiles

/// Options shared by the commands that read a plan.
struct PlanOptions: ParsableArguments {
    @Option(help: "Plan folder (plan.yaml, indicators.csv, …). Default: the bundled Kunshan plan.")
    var plan: String?

    @Option(
        help: "Observations file replacing the plan's own (long or wide layout; - for standard input).",
        transform: standardInput)
    var observations: String?

    @OptionGroup var encoding: EncodingOptions

    func validate() throws {
        var isFolder: ObjCBool = false
        if let plan, !FileManager.default.fileExists(atPath: plan, isDirectory: &isFolder) {
            throw ValidationError(
                OptionLanguage.pick("plan folder '\(plan)' does not exist", "规划文件夹“\(plan)”不存在"))
        }
        if let plan, !isFolder.boolValue {
            throw ValidationError(
                OptionLanguage.pick(
                    "--plan '\(plan)' is a file: give the folder that holds plan.yaml",
                    "--plan “\(plan)”是一个文件：请给出存放 plan.yaml 的文件夹"))
        }
        if let observations, let why = unreadableReason(observations, chinese: OptionLanguage.chinese) {
            throw ValidationError(
                OptionLanguage.pick(
                    "cannot read observations file '\(observations)': \(why)", "无法读取观测值文件“\(observations)”：\(why)"))
        }
    }

    /// The plan folder: `--plan`, else `$PLANCAST_PLAN` (if not empty), else the bundled plan found from the
    /// working folder or from the executable's location.
    func planDirectory() throws -> String {
        if let plan { return plan }
        // An empty value counts as unset (`PLANCAST_PLAN= plancast run`); a value that names no
        // plan folder is an error that names the variable, not --plan.
        if let env = ProcessInfo.processInfo.environment["PLANCAST_PLAN"],
            !env.trimmingCharacters(in: .whitespaces).isEmpty
        {
            guard FileManager.default.fileExists(atPath: env + "/plan.yaml") else {
                throw ValidationError(
                    OptionLanguage.pick(
                        "PLANCAST_PLAN='\(env)' is not a plan folder (no plan.yaml there): set it to the folder that "
                            + "holds plan.yaml, unset it, or pass --plan DIR",
                        "PLANCAST_PLAN='\(env)' 不是规划文件夹（其中没有 plan.yaml）：请把它设为存放 plan.yaml 的文件夹、"
                            + "取消这个变量，或给出 --plan DIR"))
            }
            return env
        }
        let relative = "Notebooks-data/kunshan-2022-2025"
        var candidates = [FileManager.default.currentDirectoryPath + "/" + relative]
        // The executable's own path (/proc/self/exe), not argv[0], which the caller chooses
        // (empty, or a name found on PATH).
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent(relative).path)
            dir = dir.deletingLastPathComponent()
        }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/plan.yaml") }) {
            return found
        }
        throw ValidationError(
            OptionLanguage.pick(
                "cannot find the bundled plan (\(relative)) from the working folder or beside the executable; "
                    + "pass --plan DIR or set PLANCAST_PLAN=DIR",
                "在当前目录和程序所在位置都找不到内置规划（\(relative)）；请给出 --plan DIR 或设置 PLANCAST_PLAN=DIR"))
    }

    func load() throws -> LoadedPlan {
        try PlanLoader.load(directory: try planDirectory(), observations: observations, encoding: encoding.encoding)
    }
}
