import ArgumentParser
import Foundation
import IO
import Indicators
import Regression

/// `plancast ols`: ordinary least squares on a CSV file, accurate to NIST StRD standards.
struct OLS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ols",
        abstract: "Fit an ordinary least-squares regression and print estimates as CSV.",
        discussion: """
            Prints term,estimate,std_error: one row per parameter in design order (intercept, \
            the --x columns, then powers 1..DEGREE of the --poly column), then residual_sd and \
            r_squared (uncentred without an intercept), all with 17 significant digits.
            Example: plancast ols Filip.csv --y y --poly x:10
            """)

    @Argument(help: "CSV file with a header row (- for standard input).", transform: standardInput)
    var data: String

    @Option(help: "Response column.")
    var y: String

    @Option(help: "Comma-separated predictor columns, used as they are.")
    var x: String?

    @Option(help: "Polynomial term COLUMN:DEGREE (adds COLUMN, COLUMN^2, …, COLUMN^DEGREE).")
    var poly: String?

    @Flag(help: "Fit without the intercept (R² is then uncentred).")
    var noIntercept = false

    @Flag(help: "Append rows observations, df_residual, rank and condition_number.")
    var diagnostics = false

    @OptionGroup var encoding: EncodingOptions

    @Option(help: "Language of errors: en or zh (the table does not change).")
    var lang: Language = .en

    var predictorNames: [String] {
        (x ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var polynomial: (column: String, degree: Int)? {
        guard let poly else { return nil }
        let parts = poly.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let d = Int(parts[1]), !parts[0].isEmpty else { return nil }
        return (String(parts[0]), d)
    }

    func validate() throws {
        if let poly {
            guard let p = polynomial else {
                throw ValidationError(
                    OptionLanguage.pick(
                        "--poly must be COLUMN:DEGREE, e.g. --poly x:3 (got '\(poly)')",
                        "--poly 的写法是 列名:次数，例如 --poly x:3（给出的是“\(poly)”）"))
            }
            guard (1...30).contains(p.degree) else {
                throw ValidationError(
                    OptionLanguage.pick(
                        "--poly degree must be between 1 and 30 (got \(p.degree))",
                        "--poly 的次数必须在 1 到 30 之间（给出的是 \(p.degree)）"))
            }
        }
        // A column named twice (`--x a,a`, or in --x and --poly) was reported as "rank deficient".
        let named = predictorNames + (polynomial.map { [$0.column] } ?? [])
        if let twice = named.first(where: { n in named.filter { $0 == n }.count > 1 }) {
            throw ValidationError(
                OptionLanguage.pick(
                    "'\(twice)' is named twice in --x and --poly: give each column once",
                    "“\(twice)”在 --x 和 --poly 中出现了两次：每列只写一次"))
        }
        if predictorNames.contains(y) || polynomial?.column == y {
            throw ValidationError(
                OptionLanguage.pick(
                    "'\(y)' is the response (--y): it cannot also be a predictor", "“\(y)”是因变量（--y），不能同时作自变量"))
        }
        if predictorNames.isEmpty && poly == nil && noIntercept {
            throw ValidationError(
                OptionLanguage.pick(
                    "nothing to fit: give --x, --poly, or keep the intercept", "没有可拟合的项：请给出 --x 或 --poly，或保留截距"))
        }
        try requireReadable(data)
    }

    func run() throws {
        let table = try CSVTable(path: data, encoding: encoding.encoding)
        let response = try table.numericColumn(y)
        let columns = try predictorNames.map { (name: $0, values: try table.numericColumn($0)) }
        let polyTerm = try polynomial.map {
            (name: $0.column, values: try table.numericColumn($0.column), degree: $0.degree)
        }
        let design: Design
        do {
            design = try Design(
                intercept: !noIntercept, columns: columns, polynomial: polyTerm, rows: response.count)
        } catch {
            throw located(error, in: table)
        }
        // The fit is refined in double-double arithmetic (NIST accuracy), which costs rows ×
        // parameters per step: 3,000 rows × 400 parameters took 42 s, 1,500 parameters minutes.
        guard design.terms.count <= 200, response.count * design.terms.count <= 3_000_000 else {
            throw TooLargeError(
                "\(data): \(response.count) rows × \(design.terms.count) parameters; ols fits at most 200 parameters "
                    + "and 3,000,000 cells (rows × parameters) with its refined accuracy. Nothing was written.",
                zh: "\(data)：\(response.count) 行 × \(design.terms.count) 个参数；为保证精修后的精度，ols 最多拟合 200 个参数、"
                    + "3,000,000 个单元（行数 × 参数个数）。未写出任何内容。")
        }
        let result: OLSResult
        do {
            result = try ordinaryLeastSquares(y: response, design: design)
        } catch {
            throw located(error, in: table)
        }
        var out = "term,estimate,std_error\n"
        for (j, term) in result.terms.enumerated() {
            out += CSVFormat.line([
                term.description, CSVFormat.full(result.estimates[j]), CSVFormat.full(result.standardErrors[j]),
            ])
        }
        out += CSVFormat.line(["residual_sd", CSVFormat.full(result.residualSD), ""])
        out += CSVFormat.line(["r_squared", CSVFormat.full(result.rSquared), ""])
        if diagnostics {
            out += CSVFormat.line(["observations", String(result.observations), ""])
            out += CSVFormat.line(["df_residual", String(result.degreesOfFreedom), ""])
            out += CSVFormat.line(["rank", String(result.rank), ""])
            out += CSVFormat.line(["condition_number", CSVFormat.full(result.conditionNumber), ""])
        }
        writeStdout(out)
    }

    /// A fit's error at the cell it concerns: a term that depends on the others at its column's
    /// header (line 1), a power that overflows at its row; the others name the file only.
    func located(_ error: Error, in table: CSVTable) -> Error {
        guard let e = error as? RegressionError else { return DataError("\(data): \(error)") }
        let unplaced = InputError(file: data, e.description, zh: e.chineseDescription)
        func column(_ term: String) -> Int? {
            let name = table.header.contains(term) ? term : String(term.split(separator: "^").first ?? "")
            return table.header.firstIndex(of: name).map { $0 + 1 }
        }
        switch e {
        case .rankDeficient(_, _, let term):
            guard let c = column(term) else { return unplaced }
            return InputError(file: data, line: 1, column: c, e.description, zh: e.chineseDescription)
        case .nonFinite(let term, let row) where row >= 0 && row < table.lines.count:
            return InputError(
                file: data, line: table.lines[row], column: column(term), e.description,
                hint: term.contains("^")
                    ? "the power overflows a double: rescale the column (divide it by a power of ten)" : nil,
                zh: e.chineseDescription,
                hintZh: term.contains("^") ? "乘方超出了双精度浮点数的范围：请缩放该列（除以 10 的若干次方）" : nil)
        default:
            return unplaced
        }
    }
}
