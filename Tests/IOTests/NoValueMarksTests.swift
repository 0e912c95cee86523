import Testing

@testable import IO

/// The marks of no value and the words for a missing value, against the conventions they come
/// from: printed and Chinese tables print a dash; R writes `NA`, pandas' `read_csv` reads `N/A`,
/// `#N/A`, `NaN`, `null` as missing by default, Excel shows `#N/A`, the World Bank's and the UN's
/// tables print `..`, Eurostat's `:`.
struct NoValueMarksTests {
    @Test func blanksAndDashesAreMarks() {
        for m in ["", "  ", "-", "--", "–", "—", "——", "－", "\u{200B}-"] {
            #expect(isNoValueMark(m) && !isMissingValueWord(m), "\(m.debugDescription)")
        }
    }

    @Test func theWordsOfAnalystsToolsAreWordsForAMissingValue() {
        for w in ["NA", "na", " N/A ", "n/a", "#N/A", "NaN", "nan", "NULL", "null", "..", ":"] {
            #expect(isMissingValueWord(w) && !isNoValueMark(w), "\(w.debugDescription)")
        }
    }

    /// Numbers, words that may mean zero, a yearbook's "below the smallest unit" and longer runs
    /// of punctuation are neither: every reader refuses them at their cell.
    @Test func numbersAndAmbiguousWordsAreNeither() {
        for o in ["0", "-0", "-5", "—5", "1,234", "…", "……", "...", ".", "none", "无", "---", "NAN5", "n a", "N/A/"] {
            #expect(!isNoValueMark(o) && !isMissingValueWord(o), "\(o.debugDescription)")
        }
    }
}
