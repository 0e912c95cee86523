import Testing

@testable import LinearAlgebra

/// Every routine against closed-form answers; tolerances are a few ulps times the size.
struct MatrixTests {
    func close(_ a: Double, _ b: Double, tol: Double = 1e-12) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    @Test func productMatchesHandComputation() throws {
        let a = try Matrix([[1, 2, 3], [4, 5, 6]])
        let b = try Matrix([[7, 8], [9, 10], [11, 12]])
        let c = a * b
        #expect(c.rows == 2 && c.columns == 2)
        #expect(c.row(0) == [58, 64])
        #expect(c.row(1) == [139, 154])
        let ata = try Matrix.product(a, transposed: true, a)
        #expect(ata.row(0) == [17, 22, 27])
        #expect(ata.row(2) == [27, 36, 45])
    }

    /// The block product of the simulation, `c = a · op(b)` into a reused buffer: from an empty
    /// buffer it grows to rows × n; a larger one keeps its size and gets the product in front.
    /// a = [[1, 2, 3], [4, 5, 6]] (column-major), b = [[7, 8], [9, 10], [11, 12]] or its
    /// transpose: [[58, 64], [139, 154]] as in `productMatchesHandComputation`. Also 1 × 3 by
    /// 3 × 4 (rows < n). (Mutant of round 171: the buffer grown only to rows / n.)
    @Test func blockProductFillsAReusedBuffer() throws {
        let a: [Double] = [1, 4, 2, 5, 3, 6]
        let b = try Matrix([[7, 8], [9, 10], [11, 12]])
        let bt = try Matrix([[7, 9, 11], [8, 10, 12]])
        var c = [Double]()
        Matrix.multiply(a, rows: 2, by: b, transposed: false, into: &c)
        #expect(c == [58, 139, 64, 154])
        var big = [Double](repeating: -1, count: 10)
        Matrix.multiply(a, rows: 2, by: bt, transposed: true, into: &big)
        #expect(big == [58, 139, 64, 154] + [Double](repeating: -1, count: 6))
        var wide = [Double]()
        let d = try Matrix([[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 1]])
        Matrix.multiply([2, 3, 4], rows: 1, by: d, transposed: false, into: &wide)
        #expect(wide == [2, 3, 4, 9])
    }

    @Test func productRejectsMismatchedShapes() throws {
        let a = try Matrix([[1, 2]])
        #expect(throws: LinearAlgebraError.self) { try Matrix.product(a, a) }
    }

    @Test func blasRunsOnOneThreadByDefault() {
        #expect(BLASThreads.current == 1)
    }

    @Test func leastSquaresFitsALineExactly() throws {
        // y = 2 + 3t on t = 0…4: the solution is exactly (2, 3).
        let t: [Double] = [0, 1, 2, 3, 4]
        let a = try Matrix(columns: [[1, 1, 1, 1, 1], t])
        let x = try a.leastSquares(t.map { 2 + 3 * $0 })
        #expect(close(x[0], 2) && close(x[1], 3))
    }

    @Test func leastSquaresClosedFormWithResiduals() throws {
        // Mean of y is the LS solution of a column of ones.
        let y: [Double] = [1, 4, 2, 9]
        let x = try Matrix(columns: [[1, 1, 1, 1]]).leastSquares(y)
        #expect(close(x[0], 4))
    }

    @Test func rankDeficientDesignIsReportedWithColumn() throws {
        let a = try Matrix(columns: [[1, 2, 3, 4], [2, 4, 6, 8], [1, 0, 1, 0]])
        let qr = try a.pivotedQR()
        #expect(qr.rank == 2)
        #expect(throws: LinearAlgebraError.self) { try a.leastSquares([1, 2, 3, 4]) }
        do {
            _ = try a.leastSquares([1, 2, 3, 4])
        } catch let LinearAlgebraError.rankDeficient(rank, cols, col) {
            #expect(rank == 2 && cols == 3)
            #expect(col == 0 || col == 1)  // one of the two proportional columns
        }
    }

    @Test func moreColumnsThanRowsIsUnderdetermined() throws {
        let a = try Matrix([[1, 2, 3], [4, 5, 7]])
        #expect(throws: LinearAlgebraError.underdetermined(rows: 2, columns: 3)) { try a.leastSquares([1, 2]) }
    }

    @Test func emptyAndNonFiniteInputsAreErrors() throws {
        let empty = Matrix(rows: 0, columns: 0)
        #expect(throws: LinearAlgebraError.self) { try empty.pivotedQR() }
        #expect(throws: LinearAlgebraError.self) { try empty.choleskyLower() }
        var m = Matrix.identity(2)
        m[1, 0] = .nan
        #expect {
            try m.choleskyLower()
        } throws: { error in
            guard case .nonFinite(1, 0, let v)? = error as? LinearAlgebraError else { return false }
            return v.isNaN
        }
        m[1, 0] = .infinity
        #expect(throws: LinearAlgebraError.nonFinite(row: 1, column: 0, value: .infinity)) { try m.pivotedQR() }
        #expect(throws: LinearAlgebraError.self) { try Matrix.identity(2).leastSquares([1, .nan]) }
    }

    @Test func choleskyOfKnownMatrix() throws {
        // A = L Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]] (Golub & Van Loan style example).
        let a = try Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let l = try a.choleskyLower()
        #expect(l.row(0) == [2, 0, 0])
        #expect(l.row(1).enumerated().allSatisfy { close($0.element, [6, 1, 0][$0.offset]) })
        #expect(l.row(2).enumerated().allSatisfy { close($0.element, [-8, 5, 3][$0.offset]) })
    }

    @Test func choleskyNamesTheFailingMinor() throws {
        // Leading 1×1 minor is 1 > 0; the 2×2 minor has determinant 1 − 4 < 0.
        let a = try Matrix([[1, 2, 0], [2, 1, 0], [0, 0, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) { try a.choleskyLower() }
        let asym = try Matrix([[1, 2], [0, 1]])
        #expect(throws: LinearAlgebraError.notSymmetric(row: 1, column: 0)) { try asym.choleskyLower() }
        #expect(throws: LinearAlgebraError.notSquare(rows: 1, columns: 2)) { try Matrix([[1, 2]]).choleskyLower() }
    }

    @Test func symmetricEigenOfKnownMatrix() throws {
        // [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,−1)/√2 and (1,1)/√2.
        let e = try Matrix([[2, 1], [1, 2]]).symmetricEigen()
        #expect(close(e.values[0], 1) && close(e.values[1], 3))
        #expect(close(abs(e.vectors[0, 1]), 1 / 2.0.squareRoot()))
        #expect(close(e.vectors[0, 1], e.vectors[1, 1]))
        let back = e.reconstruct()
        #expect(close(back[0, 1], 1) && close(back[1, 1], 2))
    }

    @Test func singularValuesAndCondition() throws {
        let s = try Matrix.diagonal([3, -4, 0.5]).singularValues()
        #expect(close(s[0], 4) && close(s[1], 3) && close(s[2], 0.5))
        #expect(close(try Matrix.diagonal([3, -4, 0.5]).conditionNumber(), 8))
    }

    /// Rows and columns of a 3×2 matrix stored column by column: column 1 is (2, 4, 6), row 2
    /// is (5, 6). (Mutant of round 188: column j read from j / rows.)
    @Test func columnsAndRowsAreReadInColumnMajorOrder() throws {
        let a = try Matrix([[1, 2], [3, 4], [5, 6]])
        #expect(a.column(0) == [1, 3, 5] && a.column(1) == [2, 4, 6])
        #expect(a.row(0) == [1, 2] && a.row(2) == [5, 6])
    }

    /// A tall matrix has min(rows, columns) singular values: diag(1, 2) over a row of zeros has
    /// σ = (2, 1) and condition number 2, as a regression design's is taken. (Mutant of round
    /// 188: max(rows, columns) values, the third left 0, made every tall design's condition
    /// number infinite.)
    @Test func aTallMatrixHasAsManySingularValuesAsColumns() throws {
        let a = try Matrix([[1, 0], [0, 2], [0, 0]])
        let s = try a.singularValues()
        #expect(s.count == 2 && close(s[0], 2) && close(s[1], 1), "\(s)")
        #expect(close(try a.conditionNumber(), 2))
    }

    /// The zero matrix is symmetric (no difference exceeds the tolerance 0): its eigenvalues are
    /// 0 and 0. The rank-deficiency message counts columns from 1. (Mutants of round 188: an
    /// asymmetry of 0 judged `>=` the tolerance; column `col − 1`.)
    @Test func theZeroMatrixIsSymmetricAndColumnsAreCountedFromOne() throws {
        let e = try Matrix(rows: 2, columns: 2).symmetricEigen()
        #expect(e.values == [0, 0])
        let message = LinearAlgebraError.rankDeficient(rank: 2, columns: 3, column: 1).description
        #expect(message.contains("numerical rank 2 of 3 columns; column 2 is a linear combination"), "\(message)")
    }

    /// Symmetry is judged relative to the largest entry: |a_ij − a_ji| ≤ 10⁻¹⁰ · max|a|. At a
    /// scale of 10⁶ an asymmetry of 10⁻⁵ (10⁻¹¹ relative) passes and 10⁻³ (10⁻⁹) does not; at a
    /// scale of 10⁻⁶, 10⁻¹⁵ (10⁻⁹ relative) does not. (Round 216's mutant `tolerance / scale`
    /// passed every other test.)
    @Test func symmetryIsJudgedRelativeToTheLargestEntry() throws {
        func matrix(_ scale: Double, _ asymmetry: Double) throws -> Matrix {
            try Matrix([[2 * scale, scale], [scale + asymmetry, 2 * scale]])
        }
        _ = try matrix(1e6, 1e-5).symmetricEigen()
        #expect(throws: LinearAlgebraError.notSymmetric(row: 1, column: 0)) { try matrix(1e6, 1e-3).symmetricEigen() }
        _ = try matrix(1e-6, 1e-17).symmetricEigen()
        #expect(throws: LinearAlgebraError.notSymmetric(row: 1, column: 0)) {
            try matrix(1e-6, 1e-15).symmetricEigen()
        }
    }

    @Test func nearestCorrelationRepairsAnInvalidMatrix() throws {
        // Higham (2002), §4 example: this "correlation" matrix is indefinite (eigenvalue −0.2361);
        // its nearest correlation matrix has off-diagonals 0.7607, 0.1573, 0.7607 (to 4 decimals).
        let a = try Matrix([[1, 1, 0], [1, 1, 1], [0, 1, 1]])
        let c = try a.nearestCorrelation(tolerance: 1e-14, minimumEigenvalue: 0)
        #expect(abs(c[0, 1] - 0.7607) < 1e-4)
        #expect(abs(c[0, 2] - 0.1573) < 1e-4)
        #expect(abs(c[1, 2] - 0.7607) < 1e-4)
        #expect((0..<3).allSatisfy { close(c[$0, $0], 1) })
        // With a positive floor the result factors.
        let pd = try a.nearestCorrelation()
        _ = try pd.choleskyLower()
        #expect(try pd.symmetricEigen().values[0] > 0)
    }

    /// Higham's iteration stops at the first k whose iterate differs from the one before by at
    /// most tolerance · max(1, ‖Y_k‖_F), judged here from outside: the iterates Y_1, Y_2, … are
    /// the results capped at 1, 2, … iterations. On Higham's §4 matrix it stops long before the
    /// cap of 500 (a criterion that never holds, e.g. a NaN distance, would run all 500).
    @Test func nearestCorrelationStopsWhenTheIteratesSettle() throws {
        let a = try Matrix([[1, 1, 0], [1, 1, 1], [0, 1, 1]])
        let tolerance = 1e-10
        let stopped = try a.alternatingProjections(tolerance: tolerance, maxIterations: 500)
        #expect(stopped.iterations > 1 && stopped.iterations < 200, "\(stopped.iterations) iterations")
        func frobenius(_ m: Matrix) -> Double { m.storage.map { $0 * $0 }.reduce(0, +).squareRoot() }
        var previous = a
        for k in 1...stopped.iterations {
            let y = try a.alternatingProjections(tolerance: 0, maxIterations: k).matrix
            let step = zip(y.storage, previous.storage).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            let settled = step <= tolerance * max(1, frobenius(y))
            #expect(settled == (k == stopped.iterations), "iteration \(k): step \(step)")
            previous = y
        }
        #expect(previous.storage == stopped.matrix.storage)
    }

    @Test func nearestCorrelationKeepsAValidMatrix() throws {
        let a = try Matrix([[1, 0.5], [0.5, 1]])
        let c = try a.nearestCorrelation()
        #expect(close(c[0, 1], 0.5, tol: 1e-9))
    }
}
