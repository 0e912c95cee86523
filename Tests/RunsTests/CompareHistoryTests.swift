import Foundation
import Reporting
import Testing

@testable import Runs

/// `compare`'s history differences (`RunComparison.history`): a year known in one run and drawn
/// in the other differs, and so does one known in only one run; a year drawn in one run and
/// absent from the other (an indicator only that run has, still to be forecast) is no history.
struct CompareHistoryTests {
    @Test func onlyKnownYearsAreHistory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let head = "scenario,indicator,year,observed,source\n"
        let a = dir.appendingPathComponent("a.csv").path
        let b = dir.appendingPathComponent("b.csv").path
        try (head + "baseline,x,2022,10,observed\nbaseline,x,2023,,simulated\nbaseline,w,2023,,simulated\n")
            .write(toFile: a, atomically: true, encoding: .utf8)
        try
            (head
            + "baseline,x,2022,10,observed\nbaseline,x,2023,12,observed\nbaseline,y,2023,,simulated\n"
            + "baseline,z,2022,5,observed\n")
            .write(toFile: b, atomically: true, encoding: .utf8)
        let differences = try RunComparison.history(a, b, scenarios: nil)
        #expect(
            differences == [
                RunComparison.Difference(what: "x 2023", a: "simulated", b: "12 observed"),
                RunComparison.Difference(what: "z 2022", a: "absent", b: "5 observed"),
            ])
    }
}
