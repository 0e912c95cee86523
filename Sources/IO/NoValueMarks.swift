/// Whether a table cell says "no value for this period" rather than giving one: a blank cell,
/// or one or two dashes (`-`, `--`, `–`, `—`, `——`, `－`), the "no figure" of printed and Chinese
/// tables, after trimming and reading full-width forms as ASCII (`halfWidth`). Every reader of
/// yearly values takes these alike (the wide observations table, its `lower` and `upper`
/// columns, an outcome's value, the forecast input in either layout).
public func isNoValueMark(_ text: String) -> Bool {
    let s = halfWidth(text).trimmingWhitespace()
    return s.isEmpty || (s.count <= 2 && s.allSatisfy { "-–—‒―".contains($0) })
}

/// Whether a cell holds a word that analysts' tools write for a missing value: `NA` (R),
/// `N/A`, `#N/A`, `NaN`, `null` (the words of pandas' `read_csv` default `na_values`; `#N/A` is
/// also Excel's error value), `..` (World Bank and UN tables) and `:` (Eurostat), in any case.
///
/// The forecast input, an analyst's export, reads them as missing periods, as R and pandas do.
/// A planner's files (observations, outcomes) do not: there every figure is cited evidence, and
/// `#N/A` is more often a spreadsheet's failed lookup than a year without a figure, so the
/// cell is refused with a hint (`ValueWording.cellHint` in PlanFiles).
public func isMissingValueWord(_ text: String) -> Bool {
    missingValueWords.contains(halfWidth(text).trimmingWhitespace().lowercased())
}

/// The words of `isMissingValueWord`, lower-cased.
private let missingValueWords: Set<String> = ["na", "n/a", "#n/a", "nan", "null", "..", ":"]
