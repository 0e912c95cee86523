import ArgumentParser
import Foundation
import IO
import Indicators
import Reporting

/// `plancast indicators`: the plan's indicator system, for people or as CSV.
struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "List the plan's indicators with targets, goals and the observations behind them.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

    @OptionGroup var planOptions: PlanOptions

    @Option(help: "table (for people) or csv (DESIGN.md §5 columns).")
    var format: Format = .table

    @OptionGroup var output: OutputOptions

    func run() throws {
        let plan = try planOptions.load().plan
        switch format {
        case .csv:
            let text = IndicatorTable.csv(plan)
            writeStdout((output.excel ? "\u{FEFF}" : "") + text)
        case .table:
            let last = plan.metadata.lastYear
            let zh = output.lang == .zh
            var table = TextTable(
                header: zh
                    ? ["行", "指标", "名称", "类型", "单位", "\(last)目标", "规则", "观测", "年份"]
                    : ["row", "indicator", "name", "kind", "unit", "\(last) goal", "rule", "obs", "years"],
                rightAligned: [5, 7])
            for ind in plan.indicators {
                let h = plan.history(of: ind.id)
                let years = h.firstYear.map { f in f == h.lastYear ? "\(f)" : "\(f)–\(h.lastYear!)" } ?? "—"
                table.append([
                    ind.row, ind.id, ind.name(in: output.lang), zh ? ind.kind.zh : ind.kind.rawValue, ind.unit,
                    ind.headline.map { CSVFormat.short($0.value) } ?? "",
                    (zh ? ind.headline?.ruleTextZh : ind.headline?.ruleText) ?? "",
                    String(h.count), years,
                ])
            }
            let title = plan.metadata.title(in: zh ? .zh : .en)
            let width = Terminal.outputWidth
            writeStdout(
                TextTable.wrap(
                    plan.metadata.documentNumber.isEmpty ? title : "\(title) \(plan.metadata.documentNumber)",
                    width: width)
                    + "\n"
                    + table.render(maxWidth: width, keep: 2))
        }
    }
}
