import Foundation
import Testing

/// Every command's `--help` against a stored copy: the command line is a contract (DESIGN.md §5),
/// so a changed option shows up here. An intended change regenerates the files with
/// `PLANCAST_UPDATE_GOLDEN=1 swift test --filter HelpGoldenTests`.
struct HelpGoldenTests {
    static let commands = [
        [], ["run"], ["compare"], ["forecast"], ["backtest"], ["check"], ["indicators"], ["ols"], ["bench"],
        ["bench", "mc"], ["merge"], ["evaluate"], ["library"], ["reproduce"],
    ]

    @Test("--help matches the stored text", arguments: commands)
    func helpMatches(command: [String]) throws {
        let r = try Binary.run(command + ["--help"])
        #expect(r.status == 0)
        let name = (["plancast"] + command).joined(separator: "-") + ".txt"
        let file = Binary.packageRoot.appendingPathComponent("Tests/PlancastCLITests/Fixtures/help/" + name)
        if ProcessInfo.processInfo.environment["PLANCAST_UPDATE_GOLDEN"] == "1" {
            try r.stdout.write(to: file, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: file, encoding: .utf8)
        #expect(r.stdout == stored, "plancast \(command.joined(separator: " ")) --help changed; see \(name)")
    }
}
