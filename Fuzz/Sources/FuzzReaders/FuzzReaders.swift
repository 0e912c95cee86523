import Forecasting
import Foundation
import IO
import Indicators
import PlanFiles
import Runs

/// One libFuzzer entry point for eight readers; the first byte of the input picks the reader
/// (0: CSV table and the forecast batch reader on it, 1: observations in either layout, 2: a scenario file, 3: an outcomes table
/// for `evaluate`, 4: a shard's binary tally file, 5: a reference library, 6: a merged
/// calibration file, 7: a recalibration file, JSON), the rest is the file.
/// A reader may reject the input with an `InputError`; anything else — a trap, a sanitizer
/// report, a hang — is a finding.
enum Harness {
    nonisolated(unsafe) static var plan: Plan? = nil

    static func bundledPlan() -> Plan {
        if let plan { return plan }
        let dir =
            ProcessInfo.processInfo.environment["PLANCAST_PLAN"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Notebooks-data/kunshan-2022-2025").path
        let p = try! PlanLoader.load(directory: dir).plan
        plan = p
        return p
    }

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let selector = bytes.first else { return }
        let data = Data(bytes.dropFirst())
        switch selector % 8 {
        case 4:
            _ = try? TallyFile.decode(data, file: "tally.bin")
            return
        case 7:
            _ = try? GoalRecalibration.decode(data, file: "recalibration.json")
            return
        case 6:
            // The fingerprint is the file's own second string: a fuzzed file always "matches".
            var r = BinaryReader(data)
            _ = try? r.string()
            if let fingerprint = try? r.string() {
                _ = try? CalibrationFile.decode(data, file: "calibration.bin", expecting: fingerprint)
            }
            return
        default: break
        }
        let plan = bundledPlan()
        guard let text = try? decodeForFuzzing(data) else { return }
        switch selector % 8 {
        case 5:
            _ = try? ReferenceLibrary.read(csv: text)
        case 3:
            if let t = try? CSVTable(text: text, file: "outcomes.csv") {
                _ = try? OutcomesLoader.load(table: t, plan: plan)
            }
        case 0:
            // The table itself, and the batch reader of forecast and backtest on it (long or wide
            // layout; with a kind, its range check), which the harness left out until 2026-12-05.
            if let t = try? CSVTable(text: text, file: "fuzz.csv") {
                _ = try? t.numericColumn(t.header[0])
                let kinds: [IndicatorKind?] = [nil, .stock, .share]
                _ = try? SeriesInput(table: t, kind: kinds[Int(selector / 8) % 3])
            }
        case 1:
            let kinds = Dictionary(uniqueKeysWithValues: plan.seriesIDs.map { ($0, plan.kind(of: $0)!) })
            if let t = try? CSVTable(text: text, file: "fuzz.csv") {
                _ = try? ObservationsLoader.load(table: t, seriesIDs: plan.seriesIDs, kinds: kinds)
            }
        default:
            _ = try? ScenarioLoader.parse(text: text, file: "fuzz.yaml", plan: plan)
        }
    }

    static func decodeForFuzzing(_ data: Data) throws -> String {
        guard let s = String(data: data, encoding: .utf8) else { throw CocoaError(.fileReadInapplicableStringEncoding) }
        return s
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    Harness.run(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}
