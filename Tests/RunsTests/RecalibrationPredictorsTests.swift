import Foundation
import IO
import Indicators
import Testing

@testable import Runs

/// The recalibration's predictors (`GoalRecalibration.predictors`): an intercept, the model's
/// logit P (P clipped to [0.01, 0.99]), a binding commitment, the trend rule's verdict centred on
/// ½ (0 when the rule has no verdict), and a goal that asks for a fall. Values by hand.
struct RecalibrationPredictorsTests {
    @Test func predictorsAreTheDocumentedFeatures() {
        let x = GoalRecalibration.predictors(pModel: 0.8, commitment: .binding, trend: 1, direction: .decrease)
        #expect(x.count == 5)
        #expect(x[0] == 1 && x[2] == 1 && x[3] == 0.5 && x[4] == 1)
        #expect(abs(x[1] - log(4.0)) < 1e-12)
        let y = GoalRecalibration.predictors(pModel: 0.2, commitment: .expected, trend: 0, direction: .increase)
        #expect(y[2] == 0 && y[3] == -0.5 && y[4] == 0)
        #expect(abs(y[1] + log(4.0)) < 1e-12)
        // No verdict from the trend rule (fewer than two points) is neutral, not a half-vote.
        let none = GoalRecalibration.predictors(pModel: 0.5, commitment: nil, trend: nil, direction: nil)
        #expect(none == [1, 0, 0, 0, 0])
        // P of 0 and 1 are clipped to 0.01 and 0.99: logit ∓4.595.
        let clipped = GoalRecalibration.predictors(pModel: 1, commitment: nil, trend: nil, direction: nil)
        #expect(abs(clipped[1] - log(99.0)) < 1e-12)
        #expect(
            abs(GoalRecalibration.predictors(pModel: 0, commitment: nil, trend: nil, direction: nil)[1] + log(99.0))
                < 1e-12)
    }

    /// A coefficient of ±1000 is the largest a recalibration file may hold; beyond it the file is
    /// refused at the coefficient's place (mutation round seed 99: the edge itself was unpinned).
    @Test func aCoefficientOfAThousandIsTheEdge() throws {
        func file(_ intercept: String) -> Data {
            Data(
                ("{\"coefficients\": {\"intercept\": \(intercept), \"logit_p_model\": 1, \"binding\": 0, "
                    + "\"trend_rule\": 0}}").utf8)
        }
        for edge in ["1000", "-1000"] {
            let fit = try GoalRecalibration.decode(file(edge), file: "r.json")
            #expect(fit.coefficients == [Double(edge)!, 1, 0, 0, 0])
        }
        #expect {
            _ = try GoalRecalibration.decode(file("-1000.5"), file: "r.json")
        } throws: { e in
            let e = e as! InputError
            return e.message == "coefficient \"intercept\" is -1000.5, beyond ±1000" && e.line == 1 && e.column == 19
        }
        // true is not 1 (Linux's JSON reader gives it as a number; it was read as 1 until 2026-12-07).
        #expect {
            _ = try GoalRecalibration.decode(file("true"), file: "r.json")
        } throws: { e in
            let e = e as! InputError
            return e.message == "coefficient \"intercept\" is not a finite number" && e.column == 19
                && e.messageZh == "系数“intercept”不是有限的数"
        }
        // A coefficient left out (but the optional "decrease") is missing, in both languages.
        #expect {
            _ = try GoalRecalibration.decode(
                Data(#"{"coefficients": {"intercept": 0, "logit_p_model": 1, "trend_rule": 0}}"#.utf8), file: "r.json")
        } throws: { e in
            let e = e as! InputError
            return e.message == "coefficient \"binding\" is missing" && e.messageZh == "系数“binding”缺失"
                && e.line == nil
        }
        #expect(try GoalRecalibration.decode(file("0"), file: "r.json").coefficients == [0, 1, 0, 0, 0])
    }
}
