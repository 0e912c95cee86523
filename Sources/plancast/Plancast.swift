import ArgumentParser
import Foundation
import IO
import Indicators
import Parallel
import Reporting
import Runs

/// The `plancast` command. Subcommands parse, validate, call the libraries and write; the
/// statistics live in the library targets.
@main
struct Plancast: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plancast",
        abstract: "How likely is each target of an action plan to be met, and what would change the odds?",
        version: PlancastVersion.string,
        subcommands: [
            Run.self, Compare.self, ForecastCommand.self, BacktestCommand.self, Check.self, IndicatorsCommand.self,
            OLS.self, Bench.self, LibraryCommand.self, Merge.self, Evaluate.self, Reproduce.self,
        ])

    /// Maps failures to the exit codes of DESIGN.md §5 and README "Guarantees": 64 usage, 65 bad
    /// input data, 70 internal error, 73 output folder refused, 74 output not written. Errors go
    /// to stderr in one or two lines.
    static func main() {
        OpenBLASStart.ensureSingleThreaded()
        StandardStreams.prepare()
        Interruption.install()
        LargeStack.run { runCommand() }
    }

    /// Parses and runs the command line, mapping failures to exit codes.
    static func runCommand() {
        refuseArgumentsNotUTF8()
        // The language of an input error's words: the command's --lang. (Before it is parsed,
        // a path that cannot be read is refused in `OptionLanguage`'s reading of the same, which
        // is also the language of any error thrown while the options are validated.)
        var chinese = OptionLanguage.chinese
        do {
            var command = try parseAsRoot()
            chinese = (command as? ChoosesLanguage)?.language == .zh
            try refuseTooLittleAddressSpace()
            try command.run()
        } catch let error as InputError {
            fail("error: \(error.text(chinese: chinese))", ExitStatus.dataError)
        } catch let error as DataError {
            fail("error: \(error.text(chinese: chinese))", ExitStatus.dataError)
        } catch let error as OutputError {
            fail("error: \(error.text(chinese: chinese))", ExitStatus.ioError)
        } catch RunFolderError.full(let error) {
            fail("error: \(error.text(chinese: chinese))", ExitStatus.ioError)
        } catch let error as RunFolderError {
            fail("error: \(error.text(chinese: chinese))", ExitStatus.cannotCreate)
        } catch let error as TooLargeError {
            fail("error: \(error.text(chinese: chinese))", ExitStatus.usage)
        } catch let error as RunError where error.isUsageProblem {
            fail("error: \(error.text(chinese: chinese))", ExitStatus.usage)
        } catch let error as RunError where error.isInputProblem {
            fail("error: \(error.text(chinese: chinese))", ExitStatus.dataError)
        } catch let error as RunError {
            fail(internalError(error.text(chinese: chinese), chinese: chinese), ExitStatus.internalError)
        } catch let error as InternalError {
            fail(internalError(error.description, chinese: chinese), ExitStatus.internalError)
        } catch let error as CocoaError {
            // Foundation's own file errors (never expected: plancast checks paths first).
            fail("error: \(error.localizedDescription)", ExitStatus.ioError)
        } catch {
            Leftovers.removeAll()
            exit(withError: error)
        }
    }

    /// A fault of plancast's own, and what to do about it.
    static func internalError(_ what: String, chinese: Bool) -> String {
        chinese
            ? "internal error: \(what)\n  hint: 这是 plancast 自身的错误；请连同命令行一起报告"
            : "internal error: \(what)\n  please report this with the command line"
    }

    /// Every command needs at least `MemoryBudget.addressSpaceFloor` of address space: below
    /// it, OpenBLAS spun for ever allocating its buffer (`ulimit -v 400000`), the runtime
    /// aborted (`600000`), and `compare` of two bundled runs crashed (`200000`). `--help` and
    /// `--version` still answer.
    static func refuseTooLittleAddressSpace() throws {
        guard let limit = MemoryBudget.addressSpaceLimit(), limit < MemoryBudget.addressSpaceFloor else { return }
        throw TooLargeError(
            String(
                format:
                    "this process may use only %.0f MB of address space (ulimit -v); plancast needs at least %.0f MB "
                    + "(its libraries and buffers alone take about %.0f MB). Raise the limit "
                    + "(ulimit -v unlimited). Nothing was written.",
                limit / 1_048_576, MemoryBudget.addressSpaceFloor / 1_048_576,
                MemoryBudget.addressSpaceBase / 1_048_576),
            zh: String(
                format:
                    "这个进程只能使用 %.0f MB 地址空间（ulimit -v）；plancast 至少需要 %.0f MB"
                    + "（其程序库和缓冲区就约占 %.0f MB）。请提高上限（ulimit -v unlimited）。未写出任何文件。",
                limit / 1_048_576, MemoryBudget.addressSpaceFloor / 1_048_576,
                MemoryBudget.addressSpaceBase / 1_048_576))
    }

    /// An argument that is not UTF-8 (a file name saved as GBK on a UTF-8 system) reaches Swift
    /// repaired, U+FFFD in place of the bytes it cannot read: an input was reported missing and,
    /// worse, `--output 'out\xC0.csv'` wrote `out\u{FFFD}.csv`, a file of another name (found
    /// 2026-11-30). Such an argument is refused (exit 64) with its bytes shown.
    static func refuseArgumentsNotUTF8() {
        for i in stride(from: 1, to: Int(CommandLine.argc), by: 1) {
            guard let raw = CommandLine.unsafeArgv[i] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: raw, count: strlen(raw))).map { UInt8(bitPattern: $0) }
            if String(validating: bytes, as: UTF8.self) != nil { continue }
            let shown = String(decoding: bytes, as: UTF8.self).unicodeScalars.map {
                $0 == "\u{FFFD}" ? "?" : String($0)
            }
            .joined()
            fail(
                "error: argument \(i) ('\(shown)', ? marking bytes that are not UTF-8) is not UTF-8 text\n"
                    + "  hint: plancast takes file names and options as UTF-8; rename the file "
                    + "(convmv -f gbk -t utf-8 --notest FILE) or run it from a UTF-8 path",
                ExitStatus.usage)
        }
    }

    /// Prints `message` and exits with `code` after removing the leftovers. During an
    /// interruption's clean-up it parks instead (`Leftovers.changing`): a write that failed
    /// because the clean-up removed its folder is no error to report, and the process is about
    /// to die by the signal.
    static func fail(_ message: String, _ code: Int32) -> Never {
        Leftovers.changing {
            writeStderr(message + "\n")
            Leftovers.removeAll()  // e.g. the lock file of an output folder that was never written
        }
        Foundation.exit(code)
    }
}

/// A command whose `--lang` also sets the language of the input errors it reports.
protocol ChoosesLanguage {
    var language: Language { get }
}

extension Run: ChoosesLanguage { var language: Language { output.lang } }
extension IndicatorsCommand: ChoosesLanguage { var language: Language { output.lang } }
extension Check: ChoosesLanguage { var language: Language { lang } }
extension Evaluate: ChoosesLanguage { var language: Language { lang } }
extension Compare: ChoosesLanguage { var language: Language { lang } }
extension Reproduce: ChoosesLanguage { var language: Language { lang } }
extension ForecastCommand: ChoosesLanguage { var language: Language { batch.lang } }
extension BacktestCommand: ChoosesLanguage { var language: Language { batch.lang } }
extension OLS: ChoosesLanguage { var language: Language { lang } }
extension LibraryCommand: ChoosesLanguage { var language: Language { lang } }
extension Merge: ChoosesLanguage { var language: Language { lang } }

enum PlancastVersion {
    static let string = "0.1.0"
}

/// Exit codes (sysexits.h), the contract of DESIGN.md §5.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let internalError: Int32 = 70
    /// The output folder cannot be created or replaced (sysexits EX_CANTCREAT).
    static let cannotCreate: Int32 = 73
    /// Standard output or an output file could not be written (sysexits EX_IOERR).
    static let ioError: Int32 = 74
}

/// Bad data that is not tied to one cell of one file (e.g. a rank-deficient design).
struct DataError: TwoLanguageMessage {
    let description: String
    let chinese: String?
    init(_ description: String, zh: String? = nil) {
        self.description = description
        self.chinese = zh
    }
}

/// A request this machine cannot carry out as asked (too large for its memory): exit 64, with
/// what to do instead, and no usage text.
struct TooLargeError: TwoLanguageMessage {
    let description: String
    let chinese: String?
    init(_ description: String, zh: String? = nil) {
        self.description = description
        self.chinese = zh
    }
}

/// An error written in English and, where it has been translated, in Chinese.
protocol TwoLanguageMessage: Error, CustomStringConvertible {
    /// The same in Chinese, for a command run with `--lang zh`; nil where only English exists.
    var chinese: String? { get }
}

extension TwoLanguageMessage {
    /// The message in the language asked for, English where no Chinese exists.
    func text(chinese wanted: Bool) -> String { wanted ? chinese ?? description : description }
}

/// A failure that is plancast's fault, not the user's.
struct InternalError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Progress on the terminal: one status line on stderr, rewritten in place, only when stderr is
/// a terminal (silent in pipes, files and CI logs), fitted to the terminal's width (a wrapped line
/// cannot be rewritten): a progress bar too wide drops its bar and rate before anything is cut.
enum Terminal {
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }

    static func progressLine() -> (@Sendable (String) -> Void)? {
        guard isInteractive else { return nil }
        let width = columns(of: STDERR_FILENO) ?? 80
        return { message in
            let forms = ProgressBar.shorterForms(of: message)
            let line = forms.first { TextTable.width($0) <= width - 1 } ?? forms[forms.count - 1]
            writeStderrAsIs("\r\u{1B}[K\(TextTable.truncate(line, to: width - 1))")
        }
    }

    /// The width of the terminal standard output goes to (nil when it is not a terminal).
    static var outputWidth: Int? { columns(of: STDOUT_FILENO) }

    static func columns(of descriptor: Int32) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static func clearProgressLine() {
        if isInteractive { writeStderrAsIs("\r\u{1B}[K") }
    }
}
