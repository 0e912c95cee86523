import Foundation
import Testing

@testable import Regression

/// NIST StRD linear regression: every certified value must be reproduced with a log relative
/// error (LRE) of at least 13. Certified values: ../shared/data/nist-strd/certified.json (NIST's
/// published digits; see Fixtures/nist-strd/README.md), copied here as fixtures.
struct NISTStRDTests {
    struct Certified {
        let name: String
        let intercept: Bool
        let degree: Int?
        let predictors: [String]
        let params: [Double]
        let stdErrors: [Double]
        let residualSD: Double
        let rSquared: Double
    }

    static let names = [
        "Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
    ]

    static func fixtureURL(_ file: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/nist-strd/\(file)", withExtension: nil)!
    }

    static func certified(_ name: String) throws -> Certified {
        let data = try Data(contentsOf: fixtureURL("certified.json"))
        let all = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let d = all[name] as! [String: Any]
        func num(_ s: Any) -> Double { Double((s as! String).replacingOccurrences(of: "E", with: "e"))! }
        return Certified(
            name: name, intercept: d["intercept"] as! Bool, degree: d["degree"] as? Int,
            predictors: d["predictors"] as! [String],
            params: (d["params"] as! [Any]).map(num), stdErrors: (d["std_errors"] as! [Any]).map(num),
            residualSD: num(d["residual_sd"]!), rSquared: num(d["r_squared"]!))
    }

    /// Columns of a NIST CSV by header name (plain parser: the fixtures are simple numbers).
    static func columns(_ name: String) throws -> [String: [Double]] {
        let text = try String(contentsOf: fixtureURL("\(name).csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        var cols = [String: [Double]]()
        for line in lines.dropFirst() {
            for (h, cell) in zip(header, line.split(separator: ",")) {
                cols[h, default: []].append(Double(cell)!)
            }
        }
        return cols
    }

    /// LRE = −log10(|est − cert| / |cert|), capped at 15; absolute error when cert = 0.
    static func lre(_ estimate: Double, _ certified: Double) -> Double {
        let err = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
        return err == 0 ? 15 : min(15, -log10(err))
    }

    static func fit(_ c: Certified) throws -> OLSResult {
        let cols = try columns(c.name)
        let design: Design
        if let degree = c.degree {
            let x = cols[c.predictors[0]]!
            design = try Design(intercept: c.intercept, columns: [], polynomial: ("x", x, degree))
        } else {
            design = try Design(intercept: c.intercept, columns: c.predictors.map { ($0, cols[$0]!) })
        }
        return try ordinaryLeastSquares(y: cols["y"]!, design: design)
    }

    @Test("certified values to LRE ≥ 13", arguments: names)
    func certifiedValues(name: String) throws {
        let c = try Self.certified(name)
        let r = try Self.fit(c)
        #expect(r.estimates.count == c.params.count)
        var lres = [Double]()
        for j in 0..<c.params.count {
            lres.append(Self.lre(r.estimates[j], c.params[j]))
            lres.append(Self.lre(r.standardErrors[j], c.stdErrors[j]))
        }
        lres.append(Self.lre(r.residualSD, c.residualSD))
        lres.append(Self.lre(r.rSquared, c.rSquared))
        let minimum = lres.min()!
        print(
            "NIST \(name): minimum LRE \(String(format: "%.2f", minimum)) over \(lres.count) certified values (scaled condition number \(String(format: "%.3g", r.conditionNumber)))"
        )
        #expect(minimum >= 13, "\(name): minimum LRE \(minimum); all: \(lres)")
    }
}
