/// One column of a regression design.
public enum Term: Sendable, Equatable, CustomStringConvertible {
    /// The constant column of ones.
    case intercept
    /// A data column as it is.
    case column(String)
    /// A data column raised to a power (power 1 is the column itself).
    case power(String, Int)

    /// The name used in output: `intercept`, `x`, `x^2`, …
    public var description: String {
        switch self {
        case .intercept: return "intercept"
        case .column(let name): return name
        case .power(let name, let k): return k == 1 ? name : "\(name)^\(k)"
        }
    }
}
