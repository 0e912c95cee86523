import ArgumentParser
import Forecasting
import Foundation
import IO
import Indicators
import Parallel

extension TextEncoding: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

/// `--threads`, for every command that works in parallel.
struct ThreadOptions: ParsableArguments {
    @Option(
        parsing: .unconditional, help: "Worker threads (default: all cores, at most 256). Results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if let threads, !(1...Workers.maximum).contains(threads) {
            throw ValidationError(
                OptionLanguage.pick(
                    "--threads must be between 1 and \(Workers.maximum) (got \(threads))",
                    "--threads 必须在 1 到 \(Workers.maximum) 之间（给出的是 \(threads)）"))
        }
    }

    /// The thread count to use.
    var count: Int { threads ?? Workers.defaultCount }
}

/// An input path as given, with `-` meaning standard input (read as `/dev/stdin`, which
/// plancast reads to its end like any stream: README "Inputs may be streams").
func standardInput(_ path: String) -> String { path == "-" ? "/dev/stdin" : path }

/// Why `path` cannot be opened for reading, in words (nil when it can): checked while the
/// options are validated, so that a wrong path is a usage error that says what is wrong. Before
/// 2026-11-30 every case read "no such file or not readable", a loop of symbolic links and a
/// name too long for the system included.
func unreadableReason(_ path: String, chinese: Bool = false) -> String? {
    access(path, R_OK) == 0 ? nil : unreadableReason(errno: errno, path: path, chinese: chinese)
}

/// A usage error in the command's language when the input table at `path` cannot be read
/// ("cannot read 'x.csv': it does not exist"), for the analysts' commands (`forecast`,
/// `backtest`, `ols`).
func requireReadable(_ path: String) throws {
    if let why = unreadableReason(path, chinese: OptionLanguage.chinese) {
        throw ValidationError(OptionLanguage.pick("cannot read '\(path)': \(why)", "无法读取“\(path)”：\(why)"))
    }
}

/// The language of the errors found while the options are read, before the command's own
/// `--lang` is: the last `--lang zh|en` of the command line, else the command's default
/// (Chinese for `run`, `indicators` and `evaluate`, as their `--lang` defaults; once parsed,
/// `ChoosesLanguage` gives the same). A planner's wrong path ("cannot read observations file")
/// is the error met most, and it was English in a Chinese command.
enum OptionLanguage {
    static let chinese = isChinese(Array(CommandLine.arguments.dropFirst()))

    static func isChinese(_ arguments: [String]) -> Bool {
        let command = arguments.first { !$0.hasPrefix("-") }
        var chosen: String?
        for (i, a) in arguments.enumerated() {
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count { chosen = arguments[i + 1] }
            if a.hasPrefix("--lang=") { chosen = String(a.dropFirst("--lang=".count)) }
        }
        if let chosen { return chosen == "zh" }
        return ["run", "indicators", "evaluate"].contains(command ?? "")
    }

    /// `english` or `chinese` by `OptionLanguage.chinese`.
    static func pick(_ english: String, _ chinese: String) -> String { Self.chinese ? chinese : english }
}

/// `--encoding`, for every command that reads a user's table.
struct EncodingOptions: ParsableArguments {
    @Option(help: "Text encoding of the input table: auto (UTF-8, else GB18030), utf-8 or gb18030.")
    var encoding: TextEncoding = .auto
}

/// `--lang` and `--excel`, for every command that writes names or CSV for people.
struct OutputOptions: ParsableArguments {
    @Option(help: "Language of names, tables and reports: zh or en.")
    var lang: Language = .zh

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark so that Excel shows Chinese.")
    var excel = false
}

/// `--kind`: the indicator kind of every series of a batch, or `auto`.
enum KindChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, stock, flow, share, level
    case netChange = "net_change"

    var kind: IndicatorKind? { IndicatorKind(rawValue: rawValue) }
}

extension Combination {
    /// Parses `--models` (comma-separated model names, `@log` for the transformed scale).
    static func parse(argument: String) throws -> Combination {
        let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let c = Combination.named(names) else {
            let names = Combination.available.keys.sorted().joined(separator: ", ")
            throw ValidationError(OptionLanguage.pick("--models: use names from \(names)", "--models：请使用这些名称：\(names)"))
        }
        return c
    }
}

/// `--shard K/N|auto|auto/N` (see `Parallel.Shard`), a usage error (exit 64) when malformed.
func parseShard(_ text: String) throws -> Shard {
    do {
        return try Shard.parse(text, environment: ProcessInfo.processInfo.environment)
    } catch {
        throw ValidationError(OptionLanguage.pick(error.description, error.descriptionZh))
    }
}
