import Forecasting
import Indicators
import LinearAlgebra

extension PlanModel {
    /// Correlation of yearly innovations across series: Pearson correlation of the transformed
    /// one-year changes (minus each series' mean change) over the years both series have, shrunk
    /// towards zero by `m / (m + 10)` for `m` common changes (few common years, little trust), then
    /// repaired to the nearest positive definite correlation matrix (Higham 2002).
    static func innovationCorrelation(_ histories: [History], transforms: [Transform]) throws(LinearAlgebraError)
        -> Matrix
    {
        let count = histories.count
        if count == 0 { return Matrix(rows: 0, columns: 0) }
        // One-year changes by year.
        let changes: [[Int: Double]] = zip(histories, transforms).map { h, t in
            var d = [Int: Double]()
            for (a, b) in zip(h.points, h.points.dropFirst())
            where b.year - a.year == 1 && t.admits(a.value) && t.admits(b.value) {
                d[b.year] = t.forward(b.value) - t.forward(a.value)
            }
            return d
        }
        var r = Matrix.identity(count)
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) {
                let common = Set(changes[i].keys).intersection(changes[j].keys).sorted()
                let m = common.count
                guard m >= 3 else { continue }
                let a = common.map { changes[i][$0]! }, b = common.map { changes[j][$0]! }
                let ma = a.reduce(0, +) / Double(m), mb = b.reduce(0, +) / Double(m)
                var sab = 0.0, saa = 0.0, sbb = 0.0
                for k in 0..<m {
                    sab += (a[k] - ma) * (b[k] - mb)
                    saa += (a[k] - ma) * (a[k] - ma)
                    sbb += (b[k] - mb) * (b[k] - mb)
                }
                guard saa > 0, sbb > 0 else { continue }
                let rho = sab / (saa * sbb).squareRoot() * Double(m) / Double(m + 10)
                r[i, j] = rho
                r[j, i] = rho
            }
        }
        return try r.nearestCorrelation(minimumEigenvalue: 1e-6)
    }
}
