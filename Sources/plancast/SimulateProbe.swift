import ArgumentParser
import Foundation
import IO
import Indicators
import Simulation

/// Temporary probe: baseline attainment to stdout (replaced by `run`).
struct Probe: ParsableCommand {
    @OptionGroup var planOptions: PlanOptions
    @Option var paths: Int = 20000
    @Option var asOf: Int?
    @Option var threads: Int = 2
    func run() throws {
        let plan = try planOptions.load()
        let model = try PlanModel.build(plan: plan, asOf: asOf)
        let r = PlanSimulator.run(model: model, paths: paths, seed: 1, threads: threads)
        writeStdout(RunTables.csv(header: RunTables.attainmentColumns, rows: RunTables.attainmentRows(scenario: "baseline", model: model, result: r)))
        FileHandle.standardError.write(Data("\(r.seconds) s\n".utf8))
    }
}
