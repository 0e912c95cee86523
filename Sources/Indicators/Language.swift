import Foundation

/// The language of names, tables and reports: the plan's names exist in Chinese and English.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// What a page in this language shows of a name given in both: the name in this language,
    /// else the other's (a plan may give only name_zh), else `fallback` (the id), so that no
    /// row or heading is left without a name.
    public func pick(zh: String, en: String, fallback: String) -> String {
        let (first, second) = self == .en ? (en, zh) : (zh, en)
        if !first.trimmingCharacters(in: .whitespaces).isEmpty { return first }
        if !second.trimmingCharacters(in: .whitespaces).isEmpty { return second }
        return fallback
    }
}

extension Indicator {
    /// The indicator's name in `language` (`Language.pick`: the other language's, or the id,
    /// where the plan leaves it blank).
    public func name(in language: Language) -> String { language.pick(zh: nameZh, en: nameEn, fallback: id) }
}

extension Indicator {
    /// `name(in:)` as a label standing alone (a finding's 【…】, an item of a list, a parent named
    /// in a message, a chart ordered by effect): without the plan's leading "其中：" or "of
    /// which:", which ties a sub-item to the line above it in the plan's table and means nothing
    /// out of it.
    public func label(in language: Language) -> String {
        let name = self.name(in: language)
        for lead in ["其中：", "其中:", "of which:"] {
            guard let r = name.range(of: lead, options: [.anchored, .caseInsensitive]) else { continue }
            let rest = name[r.upperBound...].trimmingCharacters(in: .whitespaces)
            // An English name went on in lower case after its lead: a label begins a sentence.
            return rest.isEmpty ? name : rest.prefix(1).uppercased() + rest.dropFirst()
        }
        return name
    }
}

extension Driver {
    /// The driver's name in `language`, as `Indicator.name(in:)`.
    public func name(in language: Language) -> String { language.pick(zh: nameZh, en: nameEn, fallback: id) }
}

extension PlanMetadata {
    /// The plan's title in `language` (title_en is optional: the Chinese title, or the id,
    /// where it is blank).
    public func title(in language: Language) -> String { language.pick(zh: titleZh, en: titleEn, fallback: id) }
}

extension Plan {
    /// An indicator's or driver's name in `language`, or the id itself for an unknown id.
    public func name(of id: String, in language: Language) -> String {
        indicator(id)?.name(in: language) ?? drivers.first { $0.id == id }?.name(in: language) ?? id
    }

    /// An indicator's `Indicator.label(in:)`; a driver's name; the id itself for an unknown id.
    public func label(of id: String, in language: Language) -> String {
        indicator(id)?.label(in: language) ?? drivers.first { $0.id == id }?.name(in: language) ?? id
    }
}
