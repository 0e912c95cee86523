import Foundation
import Testing

/// What `plancast run` prints on a terminal: the summary table fits the terminal's width, and a
/// terminal that reports no width (0 columns, as a container's terminal may before it is sized)
/// is taken as one of unknown width, as a pipe is — not as a terminal 0 columns wide.
@Suite(.serialized)
struct TerminalWidthTests {
    /// Columns a line takes on a terminal, by Unicode's East Asian Width: wide and fullwidth
    /// characters (CJK ideographs, Hangul, fullwidth forms) take two, every other one. Written
    /// here from UAX #11's ranges, not taken from the code under test.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { sum, s in
            let v = s.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }

    @Test(arguments: ["zh", "en"])
    func theSummaryFitsANarrowTerminalAndNoWidthIsAPipes(language: String) throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // One output folder for every run: its path is printed, so the outputs compare whole.
        let arguments = [
            "run", "--paths", "500", "--no-sensitivity", "--lang", language, "--force", "--out",
            dir.appendingPathComponent("run").path,
        ]
        let piped = try Binary.run(arguments, in: Binary.packageRoot)
        #expect(piped.status == 0, "\(piped.stderr)")
        let widest = piped.stdout.split(separator: "\n").map(Self.columns).max() ?? 0
        // The table is wider than the narrow terminal, so fitting it is a real change.
        #expect(widest > 60, "\(piped.stdout)")

        // 60 columns take the table split by scenarios; 24 are too few for any table (its
        // narrowest form is 25 wide) and take one record per goal (each row wrapped once
        // before 2026-12-06).
        for columns: UInt16 in [60, 24] {
            let narrow = try Binary.runOnTerminal(columns: columns, arguments, in: Binary.packageRoot)
            #expect(narrow.status == 0)
            let lines = narrow.stdout.split(separator: "\n")
            // The output folder's path is printed whole, to be copied: it is the one line left as is.
            let folder = dir.appendingPathComponent("run").path
            let over = lines.filter { Self.columns($0) > Int(columns) && !$0.hasSuffix(folder) }
            #expect(over.isEmpty, "\(over.count) lines wider than \(columns) columns: \(over.prefix(3))")
            #expect(lines.count > piped.stdout.split(separator: "\n").count)
            // Every goal's line is still there: the table is split, not cut short.
            let goal = language == "zh" ? "有效高新技术企业" : columns < 30 ? "Certified high-tech" : "Certified hig"
            #expect(narrow.stdout.contains(goal), "\(narrow.stdout)")
            // The split table keeps the words of each probability; the records give the number.
            let label = language == "zh" ? " 很可能" : " very likely"
            #expect(narrow.stdout.contains(label) == (columns == 60), "\(columns): \(narrow.stdout)")
            #expect(narrow.stdout.contains("──") == (columns == 60), "\(columns): \(narrow.stdout)")
        }

        let unsized = try Binary.runOnTerminal(columns: 0, arguments, in: Binary.packageRoot)
        #expect(unsized.status == 0)
        #expect(unsized.stdout == piped.stdout)
    }

    /// Messages on a terminal's stderr are broken at spaces to its width, continuation lines
    /// indented, a path kept whole on a line of its own; in a pipe they stay one line each.
    /// Until 2026-12-07 the terminal folded them at its edge, inside words. A run's warning (a
    /// row after the plan's last year) and an error (a truncated row, exit 65), in both languages.
    @Test(arguments: ["zh", "en"])
    func messagesOnStderrFitANarrowTerminal(language: String) throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan")
        try FileManager.default.copyItem(
            at: Binary.packageRoot.appendingPathComponent("Notebooks-data/kunshan-2022-2025"), to: plan)
        let observations = plan.appendingPathComponent("observations.csv")
        let original = try String(contentsOf: observations, encoding: .utf8)
        let cases: [(row: String, arguments: [String], status: Int32)] = [
            (
                "high_tech_enterprises,2031,4000,家,actual,yes,x,,,\n",
                [
                    "run", "--plan", plan.path, "--paths", "100", "--no-sensitivity", "--lang", language, "--force",
                    "--out", dir.appendingPathComponent("run").path,
                ], 0
            ),
            ("high_tech_enterprises,2019,abc,,,,\n", ["check", "--plan", plan.path, "--lang", language], 65),
        ]
        for c in cases {
            try (original + c.row).write(to: observations, atomically: true, encoding: .utf8)
            let piped = try Binary.run(c.arguments, in: dir)
            #expect(piped.status == c.status, "\(piped.stderr)")
            let columns = 40
            let terminal = try Binary.runOnTerminal(columns: UInt16(columns), c.arguments, in: dir, stream: 2)
            #expect(terminal.status == c.status)
            // What is left after the progress line's last "clear the line".
            let messages = terminal.stdout.components(separatedBy: "\u{1B}[K").last ?? ""
            let lines = messages.split(separator: "\n")
            #expect(lines.count > piped.stderr.split(separator: "\n").count, "\(messages)")
            let over = lines.filter { Self.columns($0) > columns && $0.contains(where: { $0 != " " }) }
                .filter { $0.trimmingCharacters(in: .whitespaces).contains(" ") }
            #expect(over.isEmpty, "lines wider than \(columns) columns: \(over)")
            // The path stays whole, and nothing is lost: the same words, spaces aside.
            #expect(
                lines.contains {
                    $0.hasPrefix("  ")
                        && ($0.hasSuffix("observations.csv:66:2:") || $0.hasSuffix("observations.csv:66:8:"))
                })
            let squeeze = { (s: String) in s.filter { !$0.isWhitespace } }
            #expect(squeeze(messages) == squeeze(piped.stderr), "\(messages)\n---\n\(piped.stderr)")
        }
    }
}
