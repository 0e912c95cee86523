import Testing

@testable import Regression

/// Bad designs are typed errors that say what to do, never silent numbers.
struct OLSErrorTests {
    /// A polynomial's terms are named as output shows them: the first power is the column's own
    /// name, the others carry their power. (Round 217's mutant `k == 1` as `!=` named them "x^1",
    /// "x", "x", and only the CLI's test saw it.)
    @Test func polynomialTermsAreNamedByTheirPower() throws {
        let design = try Design(intercept: true, columns: [("a", [1, 2, 3])], polynomial: ("x", [1, 2, 3], 3))
        #expect(design.terms.map(\.description) == ["intercept", "a", "x", "x^2", "x^3"])
    }

    @Test func rankDeficientDesignNamesTheTerm() throws {
        let x = [1.0, 2, 3, 4, 5]
        let design = try Design(intercept: true, columns: [("x", x), ("twice", x.map { 2 * $0 })])
        var caught: RegressionError?
        do {
            _ = try ordinaryLeastSquares(y: [1, 2, 2, 4, 5], design: design)
        } catch {
            caught = error
        }
        let ok: Bool
        if case .rankDeficient(let rank, let parameters, let term)? = caught {
            ok = rank == 2 && parameters == 3 && (term == "x" || term == "twice")
        } else {
            ok = false
        }
        #expect(ok, "\(String(describing: caught))")
    }

    /// A column of zeros is rank deficient, and named: its scale stays 1 (mutation round seed
    /// 186: `norm > 0` as `>= 0` scaled it by 2^exponent(0) = 0, and the column became 0 · (1/0)
    /// = NaN: "too ill-conditioned (scaled condition number inf)", which names no term).
    @Test func aColumnOfZerosIsRankDeficient() throws {
        let design = try Design(intercept: true, columns: [("x", [1, 2, 3, 4, 5]), ("zeros", [0, 0, 0, 0, 0])])
        var caught: RegressionError?
        do {
            _ = try ordinaryLeastSquares(y: [1, 2, 2, 4, 5], design: design)
        } catch {
            caught = error
        }
        #expect(caught == .rankDeficient(rank: 2, parameters: 3, term: "zeros"), "\(String(describing: caught))")
    }

    /// The messages read as English: one observation, and a design of zeros has no "others".
    @Test func messagesForOneObservationAndAllZeros() {
        #expect(
            RegressionError.tooFewObservations(observations: 1, parameters: 2).description.hasPrefix(
                "1 observation cannot estimate 2 parameters"))
        #expect(
            RegressionError.tooFewObservations(observations: 2, parameters: 2).description.hasPrefix(
                "2 observations cannot"))
        // How many rows would do: one more than the parameters (a mutant asked for one fewer).
        #expect(
            RegressionError.tooFewObservations(observations: 2, parameters: 3).description.hasSuffix(
                "give at least 4 rows or fewer terms"))
        #expect(
            RegressionError.rankDeficient(rank: 0, parameters: 1, term: "x").description.contains(
                "'x' is zero in every row"))
        #expect(
            RegressionError.rankDeficient(rank: 1, parameters: 2, term: "x").description.contains(
                "'x' is a linear combination of the others"))
    }

    @Test func tooFewObservationsAndNonFiniteValues() throws {
        let d = try Design(intercept: true, columns: [("x", [1, 2])])
        #expect(throws: RegressionError.tooFewObservations(observations: 2, parameters: 2)) {
            try ordinaryLeastSquares(y: [1, 2], design: d)
        }
        let d3 = try Design(intercept: true, columns: [("x", [1, 2, 3])])
        #expect(throws: RegressionError.nonFinite(term: "response", row: 1)) {
            try ordinaryLeastSquares(y: [1, .nan, 3], design: d3)
        }
        let dinf = try Design(intercept: true, columns: [("x", [1, .infinity, 3])])
        #expect(throws: RegressionError.nonFinite(term: "x", row: 1)) {
            try ordinaryLeastSquares(y: [1, 2, 3], design: dinf)
        }
        #expect(throws: RegressionError.invalidDegree(0)) {
            try Design(intercept: true, columns: [], polynomial: ("x", [1, 2], 0))
        }
        #expect(throws: RegressionError.lengthMismatch(term: "z", count: 2, expected: 3)) {
            try Design(intercept: true, columns: [("x", [1, 2, 3]), ("z", [1, 2])])
        }
        #expect(throws: RegressionError.noObservations) {
            try ordinaryLeastSquares(y: [], design: try Design(intercept: true, columns: []))
        }
    }

    @Test func simpleLineInClosedForm() throws {
        // y = 1, 3, 2, 5 on x = 0…3: slope 1.1, intercept 1.1 (x̄ = 1.5, ȳ = 2.75), RSS = 2.7,
        // σ̂ = √(2.7/2), SE(slope) = σ̂/√5, R² = 1 − 2.7/8.75.
        let r = try ordinaryLeastSquares(
            y: [1, 3, 2, 5], design: try Design(intercept: true, columns: [("x", [0, 1, 2, 3])]))
        #expect(abs(r.estimates[0] - 1.1) < 1e-14 && abs(r.estimates[1] - 1.1) < 1e-14)
        #expect(abs(r.residualSD - (2.7 / 2).squareRoot()) < 1e-14)
        #expect(abs(r.standardErrors[1] - (2.7 / 2).squareRoot() / 5.0.squareRoot()) < 1e-14)
        #expect(abs(r.rSquared - (1 - 2.7 / 8.75)) < 1e-14)
        #expect(!r.rSquaredIsUncentred && r.rank == 2 && r.degreesOfFreedom == 2)
    }

    /// The intercept alone is the mean: ȳ = 2.75, SE = s/√n with s² = Σ(y − ȳ)²/(n − 1) = 8.75/3,
    /// R² = 0. Without `rows` the design had 0 rows ("term 'intercept' has 0 values").
    @Test func theInterceptAloneIsTheMean() throws {
        let r = try ordinaryLeastSquares(y: [1, 3, 2, 5], design: try Design(intercept: true, columns: [], rows: 4))
        #expect(abs(r.estimates[0] - 2.75) < 1e-14)
        #expect(abs(r.standardErrors[0] - (8.75 / 3).squareRoot() / 2) < 1e-14)
        #expect(abs(r.rSquared) < 1e-14 && r.degreesOfFreedom == 3)
    }
}
