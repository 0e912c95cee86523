import IO
import Indicators

/// A `%` on a number that is not a percentage. `parseNumber` drops a trailing % because shares
/// are written "4.5%"; on a count or an amount it is a rate typed where a level belongs ("9.3%"
/// read as 9.3 firms). One rule for every place a level is read: observation values and bounds,
/// plan targets and headline goals, scenario assumptions.
enum MisplacedPercent {
    /// The refusal for `written` (the cell as the message names it: "target '20%' for 2024"),
    /// when `text` ends in % and `kind` is known and not a share; nil otherwise.
    /// In Chinese when `chinese` (then `written` is in Chinese too: "2024年目标“20%”").
    static func message(
        _ written: String, text: String, id: String, kind: IndicatorKind?, chinese: Bool = false
    ) -> String? {
        guard let kind, kind != .share, endsInPercentSign(text) else { return nil }
        return chinese
            ? "\(written)是百分数，但“\(id)”是\(kind.zh)（\(kind.rawValue)），不是比重"
            : "\(written) is a percentage, but '\(id)' is a \(kind.rawValue), not a share"
    }
}
