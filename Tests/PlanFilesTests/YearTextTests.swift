import Testing

@testable import PlanFiles

/// Year cells as people write them, and what a refused one is told.
struct YearTextTests {
    @Test func yearsAsWrittenInSpreadsheetsAreRead() {
        for text in ["2023", "2023年", "2023 年", "2023年度", "2023年末", "FY2023", "2023.0", "２０２３"] {
            #expect(YearText.year(text) == 2023, "\(text)")
        }
        for text in ["23", "2023H1", "2023-06", "2023/24", "2022-2024", "abc", "1899"] {
            #expect(YearText.year(text) == nil, "\(text)")
        }
    }

    /// A part of a year and a span of years are told apart: 2023-06 is June (06 would be a year
    /// before 2023), 2023/24 a span; a cell without a year gets the general hint (nil here).
    @Test func aRefusedYearSaysWhetherItIsAPartOrASpan() {
        let part = ["2023年上半年", "2023H1", "2023-06", "2023年1-6月", "2023 Q2"]
        // Each mark of a span with a two-digit end (mutation round 115: "–" and "至" with a
        // short end were read as parts of a year when one `||` became `&&`).
        let span = ["2023/24", "2022-2024", "2022至2024年", "2022–2025", "2023-24", "2023–24", "2023至24"]
        for text in part { #expect(YearText.hint(for: text)?.hasPrefix("a part of a year") == true, "\(text)") }
        for text in span { #expect(YearText.hint(for: text)?.hasPrefix("a span of years") == true, "\(text)") }
        #expect(YearText.hint(for: "abc") == nil)
        #expect(YearText.hint(for: "23") == nil)
        // A two-digit end counts as a span's last year from one to ten years on: "2023/23" and
        // "2023/34" are not spans.
        for text in ["2023/23", "2023/34"] {
            #expect(YearText.hint(for: text)?.hasPrefix("a part of a year") == true, "\(text)")
        }
        #expect(YearText.hint(for: "2023/33")?.hasPrefix("a span of years") == true)
    }
}
