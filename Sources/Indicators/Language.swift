/// The language of names, tables and reports: the plan's names exist in Chinese and English.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

extension Indicator {
    /// The indicator's name in `language`.
    public func name(in language: Language) -> String { language == .en ? nameEn : nameZh }
}
