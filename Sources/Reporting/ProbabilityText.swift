import Foundation
import Indicators

/// A probability as tables and the report print it beside its verbal label.
enum ProbabilityText {
    /// `p` with two decimals, or with as many more (up to six) as keep the printed figure on the
    /// same side of the label's thresholds as `p` itself: 0.6589 is "about as likely as not"
    /// (below 0.66), and printed as "0.66" it contradicted the scale printed under the table
    /// (≥ 0.66 likely); it prints "0.659". The same for 0.1, 0.33 and 0.9.
    ///
    /// A simulated probability that two decimals would print as a certainty is printed as a
    /// bound: p ≥ 0.995 as ">0.99" and p < 0.005 as "<0.01". Every path meeting a goal (p = 1,
    /// SE 0) says the model gives it more than 1 − 3/N (the rule of three, Hanley & Lippman-Hand
    /// 1983), not that the evidence settles it: "1.00 very likely" read as a fact (new
    /// engineering research centres, 38 in 2022 against 60 over four years). Verdicts the
    /// evidence settles are printed as met / not met by the callers, never through here.
    static func format(_ p: Double) -> String {
        guard p.isFinite else { return "?" }
        if p >= 0.995 { return ">0.99" }
        if p < 0.005 { return "<0.01" }
        let label = LikelihoodLabel(probability: p)
        for digits in 2...6 {
            let text = String(format: "%.\(digits)f", p)
            if let shown = Double(text), LikelihoodLabel(probability: shown) == label { return text }
        }
        return String(format: "%.6f", p)
    }
}
