/// The whole numbers an interval holds, as a count drawn within it can take them: the least and
/// the greatest, ⌈lower⌉ and ⌊upper⌋; nil when none lies within (2.58–2.68). One rule for every
/// place a count meets an interval: a rounded figure ("271" 家 is 271), a bound ("近14.65" is
/// 14), a year drawn within its evidence, an outcome's recorded value.
public func wholeNumbers(from lower: Double, to upper: Double) -> (least: Double, most: Double)? {
    let (least, most) = (lower.rounded(.up), upper.rounded(.down))
    return least <= most ? (least, most) : nil
}
