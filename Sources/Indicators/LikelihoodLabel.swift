/// The verbal scale printed beside a probability (DESIGN.md §3.8), after the calibrated
/// language of the IPCC guidance notes (Mastrandrea et al. 2010) with the thresholds of the
/// design: ≥ 0.9 very likely, ≥ 0.66 likely, ≤ 0.1 very unlikely, ≤ 0.33 unlikely, else about as
/// likely as not.
public enum LikelihoodLabel: String, Sendable, CaseIterable {
    case veryLikely = "very_likely"
    case likely
    case asLikelyAsNot = "about_as_likely_as_not"
    case unlikely
    case veryUnlikely = "very_unlikely"

    public init(probability p: Double) {
        switch p {
        case 0.9...: self = .veryLikely
        case 0.66..<0.9: self = .likely
        case ...0.1: self = .veryUnlikely
        case ...0.33: self = .unlikely
        default: self = .asLikelyAsNot
        }
    }

    public var zh: String {
        switch self {
        case .veryLikely: return "很可能"
        case .likely: return "可能"
        case .asLikelyAsNot: return "可能性相当"
        case .unlikely: return "不太可能"
        case .veryUnlikely: return "很不可能"
        }
    }

    public var en: String {
        switch self {
        case .veryLikely: return "very likely"
        case .likely: return "likely"
        case .asLikelyAsNot: return "about as likely as not"
        case .unlikely: return "unlikely"
        case .veryUnlikely: return "very unlikely"
        }
    }
}
