/// Why a regression could not be fitted, with what a user needs to fix it.
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    case noObservations
    case lengthMismatch(term: String, count: Int, expected: Int)
    /// A NaN or ±∞ in a term (row is 0-based).
    case nonFinite(term: String, row: Int)
    /// Fewer observations than parameters + 1 (no degrees of freedom left for σ).
    case tooFewObservations(observations: Int, parameters: Int)
    /// The design's numerical rank is below its column count; `term` is the first dependent column.
    case rankDeficient(rank: Int, parameters: Int, term: String)
    case invalidDegree(Int)
    /// Iterative refinement stalled: the design is too ill-conditioned to give trustworthy digits.
    case illConditioned(conditionNumber: Double)
    /// A logistic regression's coefficients diverge: the outcomes are separated by the predictors
    /// and some coefficient has no prior to hold it.
    case separated

    public var description: String {
        switch self {
        case .noObservations: return "no observations to fit"
        case .lengthMismatch(let t, let c, let e):
            return "term '\(t)' has \(c) values, the response has \(e)"
        case .nonFinite(let t, let r): return "term '\(t)' is not finite in observation \(r + 1)"
        case .tooFewObservations(let n, let p):
            return
                "\(n) observation\(n == 1 ? "" : "s") cannot estimate \(p) parameters with a residual variance; give at least \(p + 1) rows or fewer terms"
        case .rankDeficient(0, let p, let t):
            // Rank 0: every column is zero (no intercept), so there are no "others" to combine.
            return
                "the design is rank deficient: numerical rank 0 of \(p) parameters; term '\(t)' is zero in every row (as is every term) — give predictors that vary, or fit an intercept"
        case .rankDeficient(let rank, let p, let t):
            return
                "the design is rank deficient: numerical rank \(rank) of \(p) parameters; term '\(t)' is a linear combination of the others — drop it or one of the terms it depends on"
        case .invalidDegree(let d): return "polynomial degree must be at least 1 (got \(d))"
        case .separated:
            return
                "the outcomes are perfectly separated by the predictors, so some coefficient grows without bound; give it a prior or add observations"
        case .illConditioned(let c):
            return
                "the design is too ill-conditioned for reliable estimates (scaled condition number \(c)); centre or rescale the columns, or drop terms"
        }
    }

    /// `description` in Chinese, for `plancast ols --lang zh`.
    public var chineseDescription: String {
        switch self {
        case .noObservations: return "没有可拟合的观测值"
        case .lengthMismatch(let t, let c, let e): return "项“\(t)”有 \(c) 个值，而因变量有 \(e) 个"
        case .nonFinite(let t, let r): return "项“\(t)”在第 \(r + 1) 个观测值处不是有限数"
        case .tooFewObservations(let n, let p):
            return "\(n) 个观测值无法在估计残差方差的同时估计 \(p) 个参数；请至少给出 \(p + 1) 行，或减少项数"
        case .rankDeficient(0, let p, let t):
            return "设计矩阵秩亏：\(p) 个参数的数值秩为 0；项“\(t)”在每一行都为零（其他各项也是）——请给出有变化的自变量，或保留截距"
        case .rankDeficient(let rank, let p, let t):
            return "设计矩阵秩亏：\(p) 个参数的数值秩为 \(rank)；项“\(t)”是其他项的线性组合——请去掉它或它所依赖的某一项"
        case .invalidDegree(let d): return "多项式次数至少为 1（给出的是 \(d)）"
        case .separated: return "结果被自变量完全分开，某个系数会无限增大；请给它一个先验，或增加观测值"
        case .illConditioned(let c):
            return "设计矩阵条件数过大，估计不可靠（缩放后的条件数为 \(c)）；请对各列中心化或缩放，或去掉一些项"
        }
    }
}
