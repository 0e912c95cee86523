/// The rule that picks one value where sources conflict (DESIGN.md §2; the bundled
/// observations mark its choices in their `selected` column).
///
/// For each year: a row the file marks `selected` wins, and rows it marks as not selected never
/// do; rows that cannot stand for a year (partial year, not comparable) never win;
/// otherwise the best quality wins (actual > estimate > lower bound > snapshot > spliced); then
/// the value written with more significant digits (the more precise report); then the row that
/// comes first.
public enum ObservationSelection {
    /// The winning row of each year, in year order.
    static func select(_ candidates: [Observation]) -> [Observation] {
        var byYear = [Int: (Observation, Int)]()
        let chosenYears = Set(candidates.filter { $0.selected == true }.map(\.year))
        for (k, o) in candidates.enumerated() where o.quality.isUsable && o.selected != false {
            if chosenYears.contains(o.year) && o.selected != true { continue }
            if let (current, ck) = byYear[o.year] {
                if better(o, k, than: current, ck) { byYear[o.year] = (o, k) }
            } else {
                byYear[o.year] = (o, k)
            }
        }
        return byYear.keys.sorted().map { byYear[$0]!.0 }
    }

    /// Why the winner of a year won, in words (for `check`), in English or Chinese (`zh`).
    public static func reason(_ winner: Observation, among candidates: [Observation], zh: Bool = false) -> String {
        if winner.selected == true { return zh ? "文件中标为选用（selected）" : "marked selected in the file" }
        let rivals = candidates.filter { $0.year == winner.year && $0.quality.isUsable && $0.selected != false }
        if rivals.contains(where: { $0.quality.rank > winner.quality.rank }) {
            return zh ? "质量最高（\(winner.quality.rawValue)）" : "best quality (\(winner.quality.rawValue))"
        }
        if rivals.contains(where: { $0.significantDigits < winner.significantDigits }) {
            return zh ? "有效数字最多" : "most significant digits"
        }
        return zh ? "同等报告中的第一条" : "first of equally good reports"
    }

    static func better(_ a: Observation, _ ka: Int, than b: Observation, _ kb: Int) -> Bool {
        if a.quality.rank != b.quality.rank { return a.quality.rank < b.quality.rank }
        if a.significantDigits != b.significantDigits { return a.significantDigits > b.significantDigits }
        return ka < kb
    }
}
