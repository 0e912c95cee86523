import Foundation
import Indicators

/// The scale a series is modelled on, chosen by its kind (DESIGN.md §2), and its inverse.
///
/// Every back-transformed value respects the kind's bounds by construction: `exp` is positive,
/// the inverse logit lies in (0, 100), a squared square root is ≥ 0.
public enum Transform: String, Sendable, Equatable, CaseIterable {
    /// No transform (net changes, series with negative values).
    case identity
    /// Natural log (stocks, flows and levels that are always positive).
    case log
    /// Square root (counts with zeros: small flows such as 1–2 new institutions a year).
    case squareRoot = "sqrt"
    /// `log(p / (100 − p))` for a percentage share `p ∈ (0, 100)`.
    case logit

    @inlinable
    public func forward(_ x: Double) -> Double {
        switch self {
        case .identity: return x
        case .log: return Foundation.log(x)
        case .squareRoot: return x.squareRoot()
        case .logit: return Foundation.log(x / (100 - x))
        }
    }

    @inlinable
    public func inverse(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .log: return exp(z)
        case .squareRoot: return z > 0 ? z * z : 0
        case .logit: return 100 / (1 + exp(-z))
        }
    }

    /// Whether `x` can be transformed to a finite value: inside the domain, and not so close to
    /// its edge that the result overflows (logit of 5e-324 is log(0) = −∞ in double precision).
    public func admits(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        let inside: Bool
        switch self {
        case .identity: inside = true
        case .log: inside = x > 0
        case .squareRoot: inside = x >= 0
        case .logit: inside = x > 0 && x < 100
        }
        return inside && forward(x).isFinite
    }

    /// The natural scale of an indicator kind given its values: log for positive stocks,
    /// flows and levels (square root when zeros occur), logit for shares, identity for net
    /// changes.
    /// Whether differences on this scale are unit-free (relative changes): log and logit.
    public var isUnitFree: Bool { self == .log || self == .logit }

    public static func natural(for kind: IndicatorKind, values: [Double]) -> Transform {
        switch kind {
        case .share: return values.allSatisfy(Transform.logit.admits) ? .logit : .identity
        case .netChange: return .identity
        case .stock, .flow, .level:
            return automatic(values: values)
        }
    }

    /// For series of unknown kind: log when all positive, square root when non-negative with
    /// zeros, identity otherwise.
    public static func automatic(values: [Double]) -> Transform {
        if values.allSatisfy(Transform.log.admits) { return .log }
        if values.allSatisfy(Transform.squareRoot.admits) { return .squareRoot }
        return .identity
    }
}
