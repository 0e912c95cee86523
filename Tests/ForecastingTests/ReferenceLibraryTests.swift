import Foundation
import Indicators
import Testing

@testable import Forecasting

/// The reference library and the calibration tables built on it.
struct ReferenceLibraryTests {
    static func normalLibrary(shift: Double = 0) -> ReferenceLibrary {
        ReferenceLibrary(
            s0: 0.1,
            quantiles: Array(
                repeating: Array(
                    repeating: ReferenceLibrary.levels.map { StudentT.normalQuantile($0) + shift },
                    count: ReferenceLibrary.maxStep),
                count: ErrorScale.strata),
            counts: Array(repeating: Array(repeating: 1, count: ReferenceLibrary.maxStep), count: ErrorScale.strata),
            source: "normal")
    }

    /// Beyond the library's last step (10) a table is the last one widened by √(h/10), as a
    /// random walk's spread grows; a stratum past the last is the last.
    @Test func stepsBeyondTheLibraryWidenLikeARandomWalk() {
        let lib = ReferenceLibrary.builtIn
        let last = lib.table(stratum: 1, step: ReferenceLibrary.maxStep)
        #expect(last == lib.quantiles[1][ReferenceLibrary.maxStep - 1])
        for h in [11, 15, 40] {
            let f = (Double(h) / Double(ReferenceLibrary.maxStep)).squareRoot()
            #expect(lib.table(stratum: 1, step: h) == last.map { $0 * f }, "step \(h)")
        }
        #expect(lib.table(stratum: ErrorScale.strata + 3, step: 2) == lib.quantiles[ErrorScale.strata - 1][1])
        #expect(lib.table(stratum: 2, step: 0) == lib.quantiles[2][0])
    }

    @Test func csvRoundTripsAndTheBuiltInLoads() {
        let lib = Self.normalLibrary()
        let back = ReferenceLibrary(csv: lib.csv)
        #expect(back != nil)
        for s in 0..<ErrorScale.strata {
            for h in 1...ReferenceLibrary.maxStep {
                #expect(
                    zip(back!.table(stratum: s, step: h), lib.table(stratum: s, step: h)).allSatisfy {
                        abs($0 - $1) < 1e-4
                    })
            }
        }
        #expect(ReferenceLibrary(csv: "not a library") == nil)
        // Windows line ends (a checkout with core.autocrlf, a file saved on Windows) read the
        // same: "\r\n" is one Character, so splitting on "\n" kept the whole file as one line.
        let crlf = ReferenceLibrary(csv: lib.csv.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(crlf?.s0 == back?.s0 && crlf?.table(stratum: 2, step: 3) == back?.table(stratum: 2, step: 3))
        // A damaged cell is named by line and field; a missing row by stratum and step.
        var lines = lib.csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[5].split(separator: ",").map(String.init)
        cells[10] = "nan"
        lines[5] = cells.joined(separator: ",")
        #expect(throws: ReferenceLibrary.ReadError(line: 6, column: 11, message: "a quantile must be a finite number"))
        {
            try ReferenceLibrary.read(csv: lines.joined(separator: "\n"))
        }
        // A quantile below the one before it is named at its own field (field 11 here; mutation
        // round seed 82 counted the fields backwards and passed).
        cells[10] = String(Double(cells[9])! - 1)
        lines[5] = cells.joined(separator: ",")
        #expect(throws: ReferenceLibrary.ReadError(line: 6, column: 11, message: "quantiles must not decrease")) {
            try ReferenceLibrary.read(csv: lines.joined(separator: "\n"))
        }
        // The row's first three fields: a stratum outside 0–7 (there are 8), a step outside
        // 1–maxStep, a negative count of errors, each named at its field. (Mutant of round 197:
        // the message said "0–9" of the strata.)
        cells = lib.csv.split(separator: "\n", omittingEmptySubsequences: false)[5].split(separator: ",").map(
            String.init)
        for (field, value, message) in [
            (0, "8", "stratum must be 0–7"), (0, "-1", "stratum must be 0–7"),
            (1, "0", "step must be 1–\(ReferenceLibrary.maxStep)"),
            (1, String(ReferenceLibrary.maxStep + 1), "step must be 1–\(ReferenceLibrary.maxStep)"),
            (2, "-3", "errors must be a count"),
        ] {
            var bad = cells, badLines = lines
            bad[field] = value
            badLines[5] = bad.joined(separator: ",")
            #expect(throws: ReferenceLibrary.ReadError(line: 6, column: field + 1, message: message)) {
                try ReferenceLibrary.read(csv: badLines.joined(separator: "\n"))
            }
        }
        #expect(ErrorScale.strata == 8)
        lines.remove(at: 5)
        #expect(throws: ReferenceLibrary.ReadError(line: nil, column: nil, message: "no row for stratum 0, step 3")) {
            try ReferenceLibrary.read(csv: lines.joined(separator: "\n"))
        }
        #expect(ReferenceLibrary.builtIn.s0 > 0 && ReferenceLibrary.builtIn.source.contains("Tourism"))
        // Wider with the step, every table increasing.
        let b = ReferenceLibrary.builtIn
        #expect(b.table(stratum: 3, step: 3)[90] > b.table(stratum: 3, step: 1)[90])
        #expect(b.quantiles.allSatisfy { $0.allSatisfy { t in zip(t, t.dropFirst()).allSatisfy { $0 <= $1 } } })
    }

    /// The reader's edges (mutation round seed 155): a blank line counts in the line numbers an
    /// error gives (the mutant skipped it and named line 6 for line 7); a row of zero errors is a
    /// count (a stratum no window reached; the mutant refused it); a file without its header row
    /// is read at the current levels, not converted from the earlier ones (the mutant did).
    @Test func theLibraryReaderCountsBlankLinesAndZerosAndNeedsNoHeader() throws {
        let lib = Self.normalLibrary()
        var lines = lib.csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[5].split(separator: ",").map(String.init)
        cells[10] = "nan"
        var damaged = lines
        damaged[5] = cells.joined(separator: ",")
        damaged.insert("", at: 2)
        #expect(throws: ReferenceLibrary.ReadError(line: 7, column: 11, message: "a quantile must be a finite number"))
        {
            try ReferenceLibrary.read(csv: damaged.joined(separator: "\n"))
        }
        cells = lines[5].split(separator: ",").map(String.init)
        cells[2] = "0"
        lines[5] = cells.joined(separator: ",")
        let zero = try ReferenceLibrary.read(csv: lines.joined(separator: "\n"))
        #expect(zero.table(stratum: 0, step: 3) == (try ReferenceLibrary.read(csv: lib.csv)).table(stratum: 0, step: 3))
        let headless = lines.filter { !$0.hasPrefix("stratum") }
        #expect(headless.count == lines.count - 1)
        let noHeader = try ReferenceLibrary.readNotingLevels(csv: headless.joined(separator: "\n"))
        #expect(!noHeader.earlierLevels)
        #expect(noHeader.library.table(stratum: 2, step: 2) == zero.table(stratum: 2, step: 2))
    }

    /// Standard normal own errors and library: the table is the standard normal; own errors
    /// shifted by +1 with a library shifted by +1 keep half the shift (`Calibration.keptBias`).
    @Test func calibrationKeepsHalfTheBiasAndIsNormalWhenBothAre() {
        let m = 20001
        let z = (0..<m).map { StudentT.normalQuantile((Double($0) + 0.5) / Double(m)) }
        let own = Array(repeating: [z], count: ErrorScale.strata)
        let c = Calibration(own: own, library: Self.normalLibrary(), horizon: 1)
        for tau in [0.025, 0.1, 0.5, 0.9, 0.975] {
            #expect(abs(c.quantile(stratum: 3, step: 1, tau) - StudentT.normalQuantile(tau)) < 0.01, "τ = \(tau)")
        }
        let shifted = Calibration(
            own: own.map { $0.map { $0.map { $0 + 1 } } }, library: Self.normalLibrary(shift: 1), horizon: 1)
        #expect(abs(shifted.quantile(stratum: 3, step: 1, 0.5) - 0.5) < 0.01)
        #expect(abs(shifted.quantile(stratum: 3, step: 1, 0.9) - (StudentT.normalQuantile(0.9) + 0.5)) < 0.01)
        // Stratum 0 (one observation) keeps three quarters of the median: the reference class's
        // growth, shrunk towards no change.
        #expect(abs(shifted.quantile(stratum: 0, step: 1, 0.5) - 0.75) < 0.01)
    }

    /// A stratum of up to 5–7 increments without own errors borrows those of shorter strata before
    /// leaning on the library; the 8–12 and 13+ strata borrow none (their windows are not like
    /// the shorter ones', and borrowing widened plan-sized batches of long series).
    @Test func strataBorrowFromShorterWindows() {
        var own = Array(repeating: [[Double]()], count: ErrorScale.strata)
        own[4] = [Array(repeating: 3.0, count: 1000)]
        own[6] = [Array(repeating: 3.0, count: 1000)]
        let c = Calibration(own: own, library: Self.normalLibrary(), horizon: 1)
        // Stratum 5: 1000 borrowed errors of 3 against 200 pseudo-errors of the library.
        #expect(c.quantile(stratum: 5, step: 1, 0.5) > 1)
        #expect(abs(c.quantile(stratum: 3, step: 1, 0.5)) < 0.05, "stratum 3 borrows from 2 and 1 only")
        #expect(abs(c.quantile(stratum: 7, step: 1, 0.5)) < 0.05, "stratum 7 borrows from none")
    }

    /// Borrowed errors are scaled by the ratio of the library's middle spreads of the two strata:
    /// with stratum 5's library twice as wide as stratum 4's, 1,000 errors of 3 borrowed from
    /// stratum 4 count as 6. Pooled with 200 pseudo-errors centred on 0 the median is 6, of which
    /// half is kept as bias: 3 (the errors divided by the ratio instead, mutation round 140,
    /// give 0.75; the library of `strataBorrowFromShorterWindows` has one spread everywhere, so
    /// the ratio was 1 and no test could tell).
    @Test func borrowedErrorsAreScaledByTheLibrarysRatioOfSpreads() {
        let normal = ReferenceLibrary.levels.map { StudentT.normalQuantile($0) }
        let lib = ReferenceLibrary(
            s0: 0.1,
            quantiles: (0..<ErrorScale.strata).map { s in
                Array(repeating: normal.map { $0 * (s == 5 ? 2 : 1) }, count: ReferenceLibrary.maxStep)
            },
            counts: Array(repeating: Array(repeating: 1, count: ReferenceLibrary.maxStep), count: ErrorScale.strata),
            source: "wider at stratum 5")
        var own = Array(repeating: [[Double]()], count: ErrorScale.strata)
        own[4] = [Array(repeating: 3.0, count: 1000)]
        let c = Calibration(own: own, library: lib, horizon: 1)
        #expect(abs(c.quantile(stratum: 5, step: 1, 0.5) - 3) < 0.05, "\(c.quantile(stratum: 5, step: 1, 0.5))")
        #expect(abs(c.quantile(stratum: 4, step: 1, 0.5) - 1.5) < 0.05, "its own errors, unscaled")
    }

    /// A library table without spread (a flat row, as a library built from constant series
    /// holds; a library file's quantiles must only not decrease) gives no ratio, and borrowed
    /// errors are taken as they are: 1,000 errors of 3 borrowed by stratum 5 from stratum 4,
    /// pooled with 200 pseudo-errors below 3, have the median 3, of which half is kept: 1.5 —
    /// whether stratum 5's table is flat (ratio 0; the mutant of round 212 made the errors 0) or
    /// stratum 4's is (ratio ∞; the other mutant made them ∞).
    @Test func aFlatLibraryTableGivesNoRatio() {
        let normal = ReferenceLibrary.levels.map { StudentT.normalQuantile($0) }
        func library(flat: Int) -> ReferenceLibrary {
            ReferenceLibrary(
                s0: 0.1,
                quantiles: (0..<ErrorScale.strata).map { s in
                    Array(repeating: s == flat ? normal.map { _ in 0 } : normal, count: ReferenceLibrary.maxStep)
                },
                counts: Array(
                    repeating: Array(repeating: 1, count: ReferenceLibrary.maxStep), count: ErrorScale.strata),
                source: "flat at stratum \(flat)")
        }
        var own = Array(repeating: [[Double]()], count: ErrorScale.strata)
        own[4] = [Array(repeating: 3.0, count: 1000)]
        for flat in [5, 4] {
            let c = Calibration(own: own, library: library(flat: flat), horizon: 1)
            let median = c.quantile(stratum: 5, step: 1, 0.5)
            #expect(abs(median - 1.5) < 1e-9, "stratum \(flat) flat: \(median)")
        }
    }

    /// A library file written before the levels became (i + ½)/99 (header ending `q0.985`) is
    /// read at the current levels: standard-normal quantiles at 0.005 + i/100 come back as
    /// Φ⁻¹((i + ½)/99) up to linear interpolation (0.01), the top one extrapolated (Φ⁻¹(0.99495)
    /// = 2.572 from 1.960 and 2.170: 2.379). A current file is read as written.
    @Test func aLibraryFileOfTheEarlierLevelsIsReadAtTheCurrentOnes() throws {
        let earlier = (0..<99).map { 0.005 + Double($0) / 100 }
        var text = "# plancast reference library: earlier\n# s0,0.1\nstratum,step,errors,"
        text += earlier.map { String(format: "q%.3f", $0) }.joined(separator: ",") + "\n"
        for s in 0..<ErrorScale.strata {
            for h in 1...ReferenceLibrary.maxStep {
                text +=
                    "\(s),\(h),10," + earlier.map { String(StudentT.normalQuantile($0)) }.joined(separator: ",") + "\n"
            }
        }
        let lib = try ReferenceLibrary.read(csv: text)
        let t = lib.table(stratum: 3, step: 2)
        for (j, level) in ReferenceLibrary.levels.enumerated() where j < 98 {
            #expect(abs(t[j] - StudentT.normalQuantile(level)) < 0.01, "level \(level): \(t[j])")
        }
        #expect(abs(t[98] - 2.379) < 0.01, "\(t[98])")
        #expect(abs(t[49]) < 1e-12, "the median")
        // Written now, the header ends in q0.995 and nothing is converted.
        let current = Self.normalLibrary()
        #expect(current.csv.contains(",q0.500,") && current.csv.contains(",q0.995\n"))
        let back = try ReferenceLibrary.read(csv: current.csv)
        #expect(
            zip(back.table(stratum: 3, step: 2), current.table(stratum: 3, step: 2)).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    /// A calibration of the library alone (no own errors) gives back the library's quantiles:
    /// a table of standard-normal quantiles at `ReferenceLibrary.levels` yields Φ⁻¹(τ), up to
    /// linear interpolation between neighbouring levels (at most 0.006 at 0.9 and 0.1, where
    /// Φ⁻¹ bends little), and exactly 0 at the median. With the earlier levels 0.005 + i/100
    /// the 0.9 quantile came out as Φ⁻¹(0.891) = 1.232, the median as Φ⁻¹(0.495) = −0.0125,
    /// and the 0.975 one as Φ⁻¹(0.965) = 1.81 instead of 1.96.
    @Test func theLibraryAloneReproducesItsQuantiles() {
        let c = Calibration(own: [], library: Self.normalLibrary(), horizon: 2)
        for stratum in [1, 4, 7] {
            #expect(abs(c.quantile(stratum: stratum, step: 1, 0.5)) < 1e-12)
            for tau in [0.1, 0.9] {
                let q = c.quantile(stratum: stratum, step: 2, tau)
                #expect(abs(q - StudentT.normalQuantile(tau)) < 0.006, "stratum \(stratum), τ = \(tau): \(q)")
            }
            for tau in [0.025, 0.975] {
                let q = c.quantile(stratum: stratum, step: 1, tau)
                #expect(abs(q - StudentT.normalQuantile(tau)) < 0.02, "stratum \(stratum), τ = \(tau): \(q)")
            }
        }
        // Stratum 0 keeps three quarters of the median: 0 for a symmetric table.
        #expect(abs(c.quantile(stratum: 0, step: 1, 0.5)) < 1e-12)
    }

    /// A stratum with `borrowUpTo` (200) own errors at a step has enough: it borrows nothing from
    /// shorter strata, however many errors they hold. Here 200 standard-normal errors in stratum
    /// 2 beside 2,001 errors three times as wide in stratum 1: stratum 2's 90% quantile stays
    /// near z₀.₉ = 1.28 (pooled with the normal library), where borrowing would take it near 3.
    @Test func aStratumWithEnoughErrorsBorrowsNone() {
        let n = Calibration.borrowUpTo
        let own200 = (0..<n).map { StudentT.normalQuantile((Double($0) + 0.5) / Double(n)) }
        let wide = (0..<2001).map { 3 * StudentT.normalQuantile((Double($0) + 0.5) / 2001) }
        var own = Array(repeating: [[Double]()], count: ErrorScale.strata)
        own[1][0] = wide
        own[2][0] = own200
        let c = Calibration(own: own, library: Self.normalLibrary(), horizon: 1)
        let q90 = c.quantile(stratum: 2, step: 1, 0.9)
        #expect(abs(q90 - StudentT.normalQuantile(0.9)) < 0.05, "\(q90)")
        #expect(c.counts[2][0] == n)
        // One error fewer, and it borrows the wide ones.
        own[2][0].removeLast()
        let borrowing = Calibration(own: own, library: Self.normalLibrary(), horizon: 1)
        #expect(borrowing.quantile(stratum: 2, step: 1, 0.9) > 2, "\(borrowing.quantile(stratum: 2, step: 1, 0.9))")
    }

    /// A step without own errors borrows the previous step's, widened as the library widens:
    /// own one-step errors of ±3 (three times the library's spread) and a library twice as wide at
    /// step 2 give step-2 quantiles near ±6 in the own-dominated pool.
    @Test func stepsBorrowThePreviousStepWidenedLikeTheLibrary() {
        let oneStep = ReferenceLibrary.levels.map { StudentT.normalQuantile($0) }
        var quantiles = Array(
            repeating: Array(repeating: oneStep, count: ReferenceLibrary.maxStep), count: ErrorScale.strata)
        for s in 0..<ErrorScale.strata { quantiles[s][1] = oneStep.map { 2 * $0 } }
        let library = ReferenceLibrary(
            s0: 0.1, quantiles: quantiles,
            counts: Array(repeating: Array(repeating: 1, count: ReferenceLibrary.maxStep), count: ErrorScale.strata),
            source: "test")
        let m = 2001
        let wide = (0..<m).map { 3 * StudentT.normalQuantile((Double($0) + 0.5) / Double(m)) }
        var own = Array(repeating: [[Double](), [Double]()], count: ErrorScale.strata)
        own[1][0] = wide
        let c = Calibration(own: own, library: library, horizon: 2)
        let q90 = c.quantile(stratum: 2, step: 2, 0.9)
        // 2001 own errors (× 2) against 200 library pseudo-errors: close to 6 · z₀.₉ = 7.69.
        #expect(abs(q90 - 6 * StudentT.normalQuantile(0.9)) < 0.5, "\(q90)")
        #expect(abs(c.quantile(stratum: 2, step: 1, 0.9) - 3 * StudentT.normalQuantile(0.9)) < 0.3)
    }

    /// A library built from simulated Gaussian random walks (no drift, σ = 0.05 on logs) has
    /// one-step errors of about σ/σ_window: the median is near 0 and the 90% range symmetric.
    @Test func libraryFromRandomWalksIsCentred() throws {
        var g = ContractTests.SplitMix(state: 11)
        let series = try (0..<300).map { i -> YearlySeries in
            var z = 0.0
            let v = (0..<20).map { _ -> Double in
                z += 0.05 * Sampling.normal(using: &g)
                return 100 * exp(z)
            }
            return try YearlySeries(periods: Array(2000..<2020), values: v)
        }
        let lib = ReferenceLibrary.build(series, source: "simulated (seed 11)")
        let t = lib.table(stratum: 7, step: 1)
        #expect(abs(t[49]) < 0.1, "median \(t[49])")
        #expect(abs(t[94] + t[4]) < 0.25, "5%/95%: \(t[4]) / \(t[94])")
        #expect(
            abs(lib.s0 - 0.05 * StudentT.normalQuantile(0.75)) < 0.003, "s₀ \(lib.s0): median |N(0, 0.05²)| = 0.0337")
        // Every one-point window ending at year e is scored at e + h for h = 1…10 within the
        // series: 300 series × (20 − h) errors at step h (the tables fall back to N(0, 1)
        // without errors, which a centred library could not tell apart).
        #expect(lib.counts[0][0] == 300 * 19 && lib.counts[0][9] == 300 * 10, "\(lib.counts[0])")
        #expect(lib.counts[7][0] == 300 * 4, "windows of 15 increments end in 2015–2018: \(lib.counts[7][0])")
    }

    /// Walks with a drift of 0.1 a year on logs (σ = 0.05): the reference growth is 3/4 of the
    /// median one-step change, 0.075, and windows of one increment, shrunk towards it while the
    /// library is built, have one-step errors near 0 (their own drift estimate is noisy, the
    /// reference is not).
    @Test func driftedWalksCentreShortWindowsOnTheReferenceGrowth() throws {
        var g = ContractTests.SplitMix(state: 12)
        let series = try (0..<300).map { i -> YearlySeries in
            var z = 0.0
            let v = (0..<20).map { _ -> Double in
                z += 0.1 + 0.05 * Sampling.normal(using: &g)
                return 100 * exp(z)
            }
            return try YearlySeries(periods: Array(2000..<2020), values: v)
        }
        let lib = ReferenceLibrary.build(series, source: "drifted walks (seed 12)")
        let growth = try #require(lib.referenceGrowth)
        #expect(abs(growth - 0.075) < 0.005, "\(growth)")
        // Seed 12: 0.27 standard units; shrunk towards no growth instead, 0.75.
        let median = lib.table(stratum: 1, step: 1)[49]
        #expect(abs(median) < 0.45, "median one-step error of one-increment windows: \(median)")
    }

    /// A library of shares is built on the logit scale: nine shares whose logit moves by
    /// 0.01·i a year (i = 1…9) have per-year sizes 0.01…0.09, and s₀, the median with each
    /// series weighing one, is the fifth, 0.05. Read as levels (the log scale) the same series
    /// give another s₀: the share library would describe the wrong scale.
    @Test func aShareLibraryIsBuiltOnTheLogitScale() throws {
        let series = try (1...9).map { i -> YearlySeries in
            let v = (0..<12).map { t in 100 / (1 + exp(-(-1.0 + 0.01 * Double(i) * Double(t)))) }
            return try YearlySeries(periods: Array(2000..<2012), values: v)
        }
        let shares = ReferenceLibrary.build(series, kind: .share, source: "logit lines")
        #expect(abs(shares.s0 - 0.05) < 1e-9, "\(shares.s0)")
        let levels = ReferenceLibrary.build(series, source: "the same as levels")
        #expect(abs(levels.s0 - 0.05) > 0.005, "\(levels.s0)")
    }
}
