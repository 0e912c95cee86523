import ArgumentParser
import Foundation
import IO
import Indicators
import Runs

/// `plancast merge`: joins the part folders of a sharded `run` (or `forecast`) into the output
/// the unsharded command writes, byte for byte.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the parts of a sharded run or forecast into one output, identical to the unsharded one.",
        discussion: """
            Give every part folder (or the folder holding the part-K-of-N folders). The parts must be \
            N different shards of one command on unchanged inputs; a missing, duplicated, damaged or \
            foreign part is an error that names it (exit 65), and nothing is written. Run parts merge \
            into a run folder (compare it with an unsharded run: REPRODUCES); calibration parts of \
            forecast --shard merge into the calibration file every forecast shard reads; forecast \
            parts merge into forecasts.csv, status.csv and calibration.csv in the --out folder.
            """)

    @Argument(help: "Part folders, or folders holding part-K-of-N folders.")
    var parts: [String]

    @Option(help: "The merged run folder, forecast folder or calibration file.")
    var out: String

    @Flag(help: "Replace an output folder that holds files that are not a plancast run.")
    var force = false

    @Option(
        help: "Language of messages and errors: en or zh (a merged run keeps the language its shards were run in).")
    var lang: Language = .en

    func validate() throws {
        guard !parts.isEmpty else {
            throw ValidationError(OptionLanguage.pick("give the part folders to merge", "请给出要合并的分片目录"))
        }
        if out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(OptionLanguage.pick("--out must name a folder", "--out 必须是一个目录名"))
        }
    }

    func run() throws {
        switch try PartKind.of(parts) {
        case .run:
            let outcome = try RunShards.merge(
                parts, out: out, force: force, commandLine: CommandLine.arguments, version: PlancastVersion.string,
                terminalWidth: Terminal.outputWidth, progress: Terminal.progressLine())
            Terminal.clearProgressLine()
            Run.writeWarnings(outcome)
            writeStdout(outcome.summary)
            writeStdout((outcome.language == .zh ? "输出目录：" : "Output folder: ") + outcome.folder + "\n")
        case .calibration, .forecast:
            try ForecastShards.merge(parts, out: out, force: force, version: PlancastVersion.string)
            writeStdout((lang == .zh ? "已写出：" : "Written: ") + out + "\n")
        }
    }
}
