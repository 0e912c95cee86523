import Forecasting
import IO

/// The `plancast forecast` output (DESIGN.md §5): `series_id,period,step,mean,` then
/// `lo<L>,hi<L>` per level, then `q<p>` per quantile as written on the command line.
public enum ForecastTable {
    public static func header(levelLabels: [String], quantileLabels: [String]) -> [String] {
        ["series_id", "period", "step", "mean"] + levelLabels.flatMap { ["lo\($0)", "hi\($0)"] }
            + quantileLabels.map { "q\($0)" }
    }

    public static func csv(_ rows: [ForecastRow], levelLabels: [String], quantileLabels: [String]) -> String {
        CSVFormat.line(header(levelLabels: levelLabels, quantileLabels: quantileLabels)) + lines(rows)
    }

    /// The rows without the header.
    public static func lines(_ rows: [ForecastRow]) -> String {
        var out = ""
        out.reserveCapacity(rows.count * 160)
        for r in rows {
            var f = [CSVFormat.field(r.id), String(r.period), String(r.step), CSVFormat.roundTrip(r.mean)]
            for iv in r.intervals { f.append(CSVFormat.roundTrip(iv.lo)); f.append(CSVFormat.roundTrip(iv.hi)) }
            for q in r.quantiles { f.append(CSVFormat.roundTrip(q)) }
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }
}
