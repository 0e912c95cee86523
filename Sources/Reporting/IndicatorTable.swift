import IO
import Indicators

/// The `plancast indicators --format csv` table (DESIGN.md §5): one row per indicator,
/// `indicator,parent,name_zh,name_en,category,kind,unit,direction,headline_rule,headline_goal,`
/// then `target_<year>` for each plan year, then `observations,first_year,last_year`.
public enum IndicatorTable {
    public static func header(years: ClosedRange<Int>) -> [String] {
        [
            "indicator", "parent", "name_zh", "name_en", "category", "kind", "unit", "direction", "headline_rule",
            "headline_goal",
        ]
            + years.map { "target_\($0)" } + ["observations", "first_year", "last_year"]
    }

    public static func csv(_ plan: Plan, asOf: Int? = nil) -> String {
        var out = CSVFormat.line(header(years: plan.metadata.years))
        for ind in plan.indicators {
            let h = plan.history(of: ind.id, asOf: asOf)
            var fields = [
                ind.id, ind.parent ?? "", ind.nameZh, ind.nameEn, ind.category, ind.kind.rawValue, ind.unit,
                ind.direction.rawValue, ind.headline?.ruleText ?? "",
                ind.headline.map { CSVFormat.short($0.value) } ?? "",
            ]
            fields += plan.metadata.years.map { y in ind.targets[y].map(CSVFormat.short) ?? "" }
            fields += [String(h.count), h.firstYear.map(String.init) ?? "", h.lastYear.map(String.init) ?? ""]
            out += CSVFormat.line(fields)
        }
        return out
    }
}
