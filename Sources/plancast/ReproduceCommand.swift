import ArgumentParser
import Foundation
import IO
import Indicators
import Reporting
import Runs

/// `plancast reproduce`: rerun a run folder from its manifest and say whether it reproduces.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Rerun a run folder from its manifest and compare: does it reproduce?",
        discussion: """
            Reads the run's manifest, checks that every input file (plan, observations, scenarios, \
            recalibration) still has the SHA-256 recorded there (exit 65 naming the file if not: \
            a rerun on other data tests nothing), reruns with the same seed, paths, --as-of, \
            language and options into a new folder, then prints what compare prints. Paths are \
            recorded as the command line gave them: reproduce from the folder the run was started \
            in. Exit 0 when the outputs are byte-identical, 1 when they are not.
            """)

    @Argument(help: "The run folder to reproduce.") var runFolder: String

    @Option(help: "Folder for the rerun (default: a new folder under runs/).")
    var out: String?

    @OptionGroup var threads: ThreadOptions

    @Option(
        help:
            "Language of the summary and errors: en or zh (the verdict keeps its English keyword). The rerun itself keeps the run's language."
    )
    var lang: Language = .en

    func validate() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: runFolder, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError(OptionLanguage.pick("'\(runFolder)' is not a run folder", "“\(runFolder)”不是运行目录"))
        }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(OptionLanguage.pick("--out must name a folder", "--out 必须给出一个目录"))
        }
        // The rerun must not replace the run it is compared with (nor lie inside it, nor hold
        // it): `--out RUN` replaced the run and then found it reproduced itself.
        if let out {
            let o = canonicalPath(out), r = canonicalPath(runFolder)
            if o == r || o.hasPrefix(r + "/") || r.hasPrefix(o + "/") {
                throw ValidationError(
                    OptionLanguage.pick(
                        "--out: the rerun needs a folder of its own, apart from the run it reproduces ('\(runFolder)')",
                        "--out：重跑需要自己的目录，与被复现的运行（“\(runFolder)”）分开"))
            }
        }
    }

    func run() throws {
        var request = try RunReproduction.request(from: runFolder)
        request.outputFolder = out
        request.threads = threads.threads
        (request.commandLine, request.version) = (CommandLine.arguments, PlancastVersion.string)
        let outcome = try RunPipeline.run(request, progress: Terminal.progressLine())
        Terminal.clearProgressLine()
        let c = try RunComparison.load(runFolder, outcome.folder)
        writeStdout(c.summary(in: lang))
        writeStdout((lang == .zh ? "重新运行的文件夹：" : "Rerun folder: ") + outcome.folder + "\n")
        if !c.reproduces { throw ExitCode(1) }
    }
}
