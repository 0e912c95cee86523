import ArgumentParser
import Foundation
import IO
import Indicators
import Reporting
import Runs

/// `plancast compare`: does run B reproduce run A, and if not, what changed and why?
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two run folders: inputs, settings, models and every target's P(met).",
        discussion: """
            Each folder is first verified against its manifest (SHA-256 of every output); a folder \
            that fails is an error (exit 65) naming the file. Exit 0 when run B reproduces run A \
            (byte-identical CSV outputs) or when two scenarios are compared (--scenario-a/-b); \
            exit 1 when the runs do not reproduce.
            """)

    @Argument(help: "The first run folder.") var runA: String
    @Argument(help: "The second run folder.") var runB: String
    @Option(help: "Write the per-target comparison here (CSV).") var output: String?
    @Option(help: "Compare this scenario of run A (default: all scenarios by name, or the only one).") var scenarioA:
        String?
    @Option(help: "Compare this scenario of run B.") var scenarioB: String?
    @Option(
        help:
            "Language of the summary and errors: en or zh (the verdict keeps its English keyword; ids and the CSV stay as they are)."
    )
    var lang: Language = .en

    func validate() throws {
        for d in [runA, runB] {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: d, isDirectory: &isDir), isDir.boolValue else {
                throw ValidationError(OptionLanguage.pick("'\(d)' is not a run folder", "“\(d)”不是运行目录"))
            }
        }
        if let output,
            let conflict = outputConflict(output, inputs: [], folders: [runA, runB], chinese: OptionLanguage.chinese)
        {
            throw ValidationError(OptionLanguage.pick("--output: ", "--output：") + conflict)
        }
    }

    func run() throws {
        let c = try RunComparison.load(runA, runB, scenarioA: scenarioA, scenarioB: scenarioB)
        if let output { try writeTextAtomically(c.csv, to: output) }
        writeStdout(c.summary(in: lang))
        if !c.reproduces && c.scenarioPair == nil { throw ExitCode(1) }
    }
}
