import Foundation
import Indicators

/// A probability as tables and the report print it beside its verbal label.
enum ProbabilityText {
    /// `p` with two decimals, or with as many more (up to six) as keep the printed figure on the
    /// same side of the label's thresholds as `p` itself: 0.6589 is "about as likely as not"
    /// (below 0.66), and printed as "0.66" it contradicted the scale printed under the table
    /// (≥ 0.66 likely); it prints "0.659". The same for 0.1, 0.33 and 0.9.
    static func format(_ p: Double) -> String {
        guard p.isFinite else { return "?" }
        let label = LikelihoodLabel(probability: p)
        for digits in 2...6 {
            let text = String(format: "%.\(digits)f", p)
            if let shown = Double(text), LikelihoodLabel(probability: shown) == label { return text }
        }
        return String(format: "%.6f", p)
    }
}
