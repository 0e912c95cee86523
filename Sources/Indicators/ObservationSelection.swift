/// The rule that picks one value where sources conflict (DESIGN.md §2; the bundled
/// observations mark its choices in their `selected` column).
///
/// For each year: rows that cannot stand for a year (partial year, not comparable) never win;
/// otherwise the best quality wins (actual > estimate > lower bound > snapshot > spliced); then
/// the value written with more significant digits (the more precise report); then the row that
/// comes first.
public enum ObservationSelection {
    /// The winning row of each year, in year order.
    static func select(_ candidates: [Observation]) -> [Observation] {
        var byYear = [Int: (Observation, Int)]()
        for (k, o) in candidates.enumerated() where o.quality.isUsable {
            if let (current, ck) = byYear[o.year] {
                if better(o, k, than: current, ck) { byYear[o.year] = (o, k) }
            } else {
                byYear[o.year] = (o, k)
            }
        }
        return byYear.keys.sorted().map { byYear[$0]!.0 }
    }

    static func better(_ a: Observation, _ ka: Int, than b: Observation, _ kb: Int) -> Bool {
        if a.quality.rank != b.quality.rank { return a.quality.rank < b.quality.rank }
        if a.significantDigits != b.significantDigits { return a.significantDigits > b.significantDigits }
        return ka < kb
    }
}
