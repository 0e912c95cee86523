import Testing

@testable import Indicators

/// Which units count whole items (`isCountUnit`): a plan's values in them are whole numbers, and
/// its yearly flows in them are drawn as counts.
struct CountUnitTests {
    /// The Kunshan plan's measure words and the other ones plans count in (户 households, 所
    /// schools, 人次 visits…) are counts, written with spaces around or, in English, in any case;
    /// a unit with a magnitude (万人, 亿元) or a rate (个百分点, %) is not. Until 2026-12-05 only
    /// 名/个/家/人/项/件/套 counted, so a plan's "户" or "firms" was read as a continuous amount.
    @Test func measureWordsOfWholeItemsCount() {
        for unit in ["家", "个", "名", "人", "项", "件", "套", "户", "所", "座", "台", "人次", " 篇 ", "firms", "Firms", "PEOPLE"] {
            #expect(isCountUnit(unit), "\(unit)")
        }
        for unit in ["万人", "亿元", "%", "个百分点", "万平方米", "元", "", "thousand people", "km"] {
            #expect(!isCountUnit(unit), "\(unit)")
        }
        let households = Indicator(
            id: "h", row: "1", nameZh: "新增户数", nameEn: "new households", category: "c", kind: .flow, unit: "户",
            targets: [2025: 100], headline: nil)
        #expect(households.isCount)
    }
}
