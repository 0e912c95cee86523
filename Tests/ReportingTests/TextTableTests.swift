import Simulation
import Testing

@testable import Reporting

/// Terminal tables: Chinese characters take two columns; a table wider than the terminal is split.
struct TextTableTests {
    @Test func chineseTakesTwoColumns() {
        #expect(TextTable.width("高新技术企业") == 12 && TextTable.width("abc") == 3)
        #expect(TextTable.truncate("高新技术企业", to: 7) == "高新技…")
    }

    /// The first column gives way only as far as it must: a name of 50 columns beside one column
    /// of 11 in a terminal of 40 is cut to 27 (40 less the other column and the gap of 2), not to
    /// the floor of 8 (mutation round seed 92). Each line then fills the terminal.
    @Test func theFirstColumnIsCutToTheRoomLeft() {
        var t = TextTable(header: ["indicator", "p_met"], rightAligned: [1])
        t.append([String(repeating: "x", count: 50), "0.86 likely"])
        let lines = t.render(maxWidth: 40, keep: 1).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { TextTable.width($0) <= 40 }, "\(lines)")
        let row = try? #require(lines.first { $0.hasPrefix("xxx") })
        #expect(
            row.map(TextTable.width) == 40 && row?.contains(String(repeating: "x", count: 26) + "…") == true, "\(lines)"
        )
    }

    /// A first column that fits beside the widest other column is kept whole when the table is
    /// split, even when it is wider than the floor of 8 it is never cut below. Here 16 beside
    /// columns of 20 in 50 (three parts, one column each): room 28. (Round 218's mutant `min(room, 8)` cut it to 8.)
    @Test func aFirstColumnThatFitsIsNotCut() {
        var t = TextTable(header: ["indicator", "a", "b", "c"], rightAligned: [1, 2, 3])
        let name = "sixteen-columns!"
        t.append([name] + Array(repeating: String(repeating: "9", count: 20), count: 3))
        let split = t.render(maxWidth: 50, keep: 1)
        #expect(split.contains("──"), "split")
        #expect(split.split(separator: "\n").filter { $0.hasPrefix(name + " ") }.count == 3, "\(split)")
    }

    /// A table exactly as wide as the terminal is printed whole, as it is; one column narrower
    /// and it is split. (Mutation round 142's `>` as `>=` sends the first through the splitting,
    /// which prints it the same: equivalent, as this test shows.)
    @Test func aTableThatFitsExactlyIsNotSplit() {
        var t = TextTable(header: ["indicator", "baseline", "rd-push"], rightAligned: [1, 2])
        t.append(["有效高新技术企业", "0.80 可能", "0.89 可能"])
        let natural = t.widths.reduce(0, +) + 2 * (t.widths.count - 1)
        #expect(t.render().split(separator: "\n").map { TextTable.width(String($0)) }.max() == natural)
        #expect(t.render(maxWidth: natural, keep: 1) == t.render())
        #expect(t.render(maxWidth: natural - 1, keep: 1) != t.render())
    }

    /// A row shorter than the header (its last cells left out) is cut like the others when a
    /// column it lacks is cut: the missing cell stays empty. (Mutation round 142: `j < count` as
    /// `<=` read past the short row's end.)
    @Test func aShortRowSurvivesACutColumn() {
        var t = TextTable(header: ["indicator", "p", "note"])
        t.append(["firms", "0.8", String(repeating: "long note ", count: 8)])
        t.append(["gdp", "0.4"])
        let cut = t.cutting(column: 2, to: 10)
        #expect(cut.rows[1] == ["gdp", "0.4"] && cut.rows[0][2] == "long note…", "\(cut.rows)")
        let text = t.render(maxWidth: 30, keep: 1)
        #expect(
            text.split(separator: "\n").allSatisfy { TextTable.width(String($0)) <= 30 } && text.contains("gdp"),
            "\(text)")
    }

    /// Columns are packed into parts as long as a line stays within the terminal, each column
    /// with its gap of 2: a name of 10 and three columns of 3 in a terminal of 20 make two parts,
    /// "name + a + b" (10 + 2 + 3 + 2 + 3 = 20) and "name + c". (Mutation round 142: counting
    /// each column 2 narrower packed all three into a part of 25, and the table fell back to one
    /// record per row.)
    @Test func columnsArePackedWhileALineFits() throws {
        var t = TextTable(header: ["name", "a", "b", "c"], rightAligned: [1, 2, 3])
        t.append(["0123456789", "0.1", "0.2", "0.3"])
        let text = try #require(t.split(maxWidth: 20, keep: 1))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("name") }.count == 2, "\(text)")
        #expect(lines.contains("0123456789  0.1  0.2") && lines.contains("0123456789  0.3"), "\(text)")
    }

    @Test func aWideTableIsSplitToFitEveryLine() {
        var t = TextTable(
            header: ["总体目标", "目标值", "baseline", "downturn-2023", "rd-push", "slower-gdp"],
            rightAligned: [1, 2, 3, 4, 5])
        t.append(["新增主导或参与国际、国家、行业标准制(修)订数", "120", "0.31 不太可能", "数据不足", "0.47 可能性相当", "数据不足"])
        t.append(["有效高新技术企业", "3500", "0.86 可能", "0.68 可能", "0.94 很可能", "0.86 可能"])
        for width in [40, 60, 80] {
            let text = t.render(maxWidth: width, keep: 2)
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { TextTable.width($0) <= width }, "width \(width):\n\(text)")
            for s in ["baseline", "downturn-2023", "rd-push", "slower-gdp"] {
                #expect(text.contains(s), "\(s) shown at width \(width)")
            }
        }
        #expect(t.render(maxWidth: 500, keep: 2) == t.render(), "a table that fits is not split")
    }

    /// At 48 columns the English summary's header ("headline goal") was wider than the cut of its
    /// column, and the split called itself until the stack overflowed (SIGSEGV, found with
    /// `script -c "stty cols 48; plancast run … --lang en"`). Every width from 1 to 160 renders
    /// and every line fits (from 40 on until 2026-12-06, when tables too wide for any split were
    /// left to wrap); a cell too wide for the room beside the kept columns is cut.
    @Test func everyWidthRendersWithoutOverflowingTheStack() {
        var t = TextTable(
            header: ["headline goal", "goal", "baseline", "downturn-2023", "a-scenario-with-a-long-name"],
            rightAligned: [1, 2, 3, 4])
        t.append([
            "New international, national and industry standards led or co-drafted", "120",
            "0.42 about as likely as not", "insufficient data", "0.04 very unlikely",
        ])
        t.append(["High-level talents in total", "6.2", "0.44 about as likely as not", "0.70 likely", "0.71 likely"])
        var indicators = TextTable(
            header: ["row", "indicator", "name", "kind", "unit", "2025 goal"], rightAligned: [5])
        indicators.append([
            "11", "new_standards", "New international, national and industry standards led or co-drafted",
            "flow", "项", "120",
        ])
        for table in [t, indicators] {
            for width in 1...160 {
                let text = table.render(maxWidth: width, keep: 2)
                // A character two columns wide (项) cannot fit a terminal of one.
                #expect(
                    width == 1 || text.split(separator: "\n").allSatisfy { TextTable.width(String($0)) <= width },
                    "width \(width):\n\(text)")
            }
        }
        #expect(
            indicators.render(maxWidth: 60, keep: 2).contains(
                "11   new_standards  New international, national and industr…\n"))
    }

    /// Narrower than the table's narrowest split (here 26 columns: names cut to 8, the goal, one
    /// scenario cut to 8), one record per row: the name whole, wrapped at spaces, then each cell
    /// beside its header, headers padded alike. Until 2026-12-06 the split was printed anyway and
    /// each of its rows wrapped on a 24-column terminal.
    @Test func aTerminalTooNarrowForAnyTableGetsOneRecordPerRow() {
        var t = TextTable(header: ["总体目标", "目标值", "baseline", "downturn-2023"], rightAligned: [1, 2, 3])
        t.append(["有效高新技术企业", "3500", "0.86", "无数据"])
        t.append(["R&D expenditure as a share of GDP", "4.5", "0.05", "0.07"])
        #expect(t.render(maxWidth: 26, keep: 2).contains("──"), "26 columns still take the split table")
        let expected = """

            有效高新技术企业
              目标值         3500
              baseline       0.86
              downturn-2023  无数据

            R&D expenditure as a
            share of GDP
              目标值         4.5
              baseline       0.05
              downturn-2023  0.07

            """
        #expect(t.render(maxWidth: 24, keep: 2) == expected)
        // A table of its kept columns alone has nothing to split: too wide, it is given as records.
        var kept = TextTable(header: ["总体目标", "目标值"], rightAligned: [1])
        kept.append(["有效高新技术企业", "3500"])
        #expect(kept.render(maxWidth: 20, keep: 2) == "\n有效高新技术企业\n  目标值  3500\n")
        #expect(kept.render(maxWidth: 40, keep: 2) == kept.render())
        // A value too long to sit beside its header goes under it, indented; the others stay.
        let under = t.render(maxWidth: 22, keep: 2)
        #expect(
            under.hasPrefix("\n有效高新技术企业\n  目标值         3500\n  baseline       0.86\n  downturn-2023\n    无数据\n"),
            "\(under)")
        // At every width narrower than the split each line fits (from 2 columns: a Chinese
        // character takes two) and no cell is lost: read without its line breaks and spaces,
        // the output holds every cell in order.
        for width in 2...25 {
            let text = t.render(maxWidth: width, keep: 2)
            #expect(text.split(separator: "\n").allSatisfy { TextTable.width(String($0)) <= width }, "\(width)")
            var rest = Substring(text.filter { !$0.isWhitespace })
            for cell in t.rows.joined() {
                let squeezed = cell.filter { !$0.isWhitespace }
                guard let found = rest.range(of: squeezed) else {
                    Issue.record("width \(width) lost \(cell):\n\(text)")
                    break
                }
                rest = rest[found.upperBound...]
            }
        }
    }

    /// With no column kept, no first column needs room beside the others: a cell as wide as
    /// the terminal but for its margin stays whole in its own part (mutation round seed 105:
    /// `keep > 0` as `>= 0` cut it to leave room for a first column of 12).
    @Test func withNoColumnKeptEachPartHasTheWholeWidth() {
        var t = TextTable(header: ["a", "b"])
        t.append([String(repeating: "x", count: 25), String(repeating: "y", count: 25)])
        let text = t.render(maxWidth: 30, keep: 0)
        #expect(text.contains(String(repeating: "x", count: 25)) && text.contains(String(repeating: "y", count: 25)))
        #expect(!text.contains("…"), "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { TextTable.width(String($0)) <= 30 }, "\(text)")
    }

    /// Random tables (1–6 columns of mixed Chinese, Latin and empty cells, 0–2 kept) at every
    /// width from 2 to 70: no trap and no line wider than the width. The first version of the
    /// records trapped ("Negative count") when the first header was the widest, as "总体目标"
    /// beside "目标值" and a scenario named "a" is; found by the test of a table of its kept
    /// columns alone before it was released.
    @Test func randomTablesFitEveryWidth() {
        var rng = Xoshiro256PlusPlus(seed: 6805)
        func below(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        let pieces = ["高新", "技术企业", "R&D", " ", "share of GDP", "0.42", "很可能", "a", "", "x-y_z", "３５"]
        func cell() -> String { (0..<below(5)).map { _ in pieces[below(pieces.count)] }.joined() }
        for _ in 0..<200 {
            let n = 1 + below(6)
            var t = TextTable(header: (0..<n).map { _ in cell() }, rightAligned: Set((0..<n).filter { $0 > 0 }))
            for _ in 0..<(1 + below(4)) { t.append((0..<n).map { _ in cell() }) }
            let keep = min(below(3), n)
            for width in 2...70 {
                let text = t.render(maxWidth: width, keep: keep)
                let over = text.split(separator: "\n").filter { TextTable.width(String($0)) > width }
                if !over.isEmpty {
                    Issue.record("width \(width), keep \(keep), \(t.header) \(t.rows):\n\(text)")
                    return
                }
            }
        }
    }

    /// At 30 columns the names of two goals were cut to the same "新增省级及…"; cut alike, names
    /// skip what they share and show what tells them apart, within the width, while a name cut
    /// to nothing like another keeps the plain cut.
    @Test func namesCutAlikeShowWhatTellsThemApart() {
        let cells = [
            "总体目标", "新增省级及以上工程技术研究中心", "新增省级及以上企业技术中心", "新增苏州市级及以上新型研发机构",
            "新增苏州市级及以上孵化器和众创空间数", "有效高新技术企业", "新增省级及以上", "瞪羚企业",
        ]
        let cuts = TextTable.distinctCuts(cells, to: 12)
        #expect(
            cuts == [
                "总体目标", "新增…工程技…", "新增…企业技…", "新增…新型研…", "新增…孵化器…", "有效高新技…", "新增…", "瞪羚企业",
            ], "\(cuts)")
        #expect(cuts.allSatisfy { TextTable.width($0) <= 12 })
        #expect(Set(cuts).count == cells.count)
        // Two cells that are the same stay the same; a width too small to tell them apart keeps
        // the plain cut rather than two unreadable ones.
        #expect(TextTable.distinctCuts(["高新技术企业", "高新技术企业"], to: 7) == ["高新技…", "高新技…"])
        #expect(TextTable.distinctCuts(["新增甲", "新增乙"], to: 2) == ["…", "…"])
        // English names skip whole words.
        #expect(
            TextTable.distinctCuts(
                [
                    "New provincial-or-higher engineering technology research centres",
                    "New provincial-or-higher enterprise technology centres",
                ], to: 26) == ["New …engineering technolo…", "New …enterprise technolog…"])
        #expect(TextTable.distinctCuts(["ab1", "ab2"], to: 2) == ["…1", "…2"])
    }

    /// A newline or an escape sequence inside a name (an indicators.csv cell) broke the summary
    /// table over two lines and would reach the terminal as a command.
    @Test func cellsStayOnOneLine() {
        var t = TextTable(header: ["名称", "P"])
        t.append(["名,\"称\"\n第二行", "0.28"])
        t.append(["\u{1b}[31mred", "0.5"])
        let lines = t.render().split(separator: "\n")
        #expect(lines.count == 4, "\(t.render())")
        #expect(!t.render().contains("\u{1b}"))
    }

    /// A title longer than the terminal breaks at spaces, not inside a word; wide characters
    /// count two columns; without a width it stays one line.
    @Test func titlesWrapAtSpaces() {
        let title =
            "Kunshan Talent and Sci-Tech Innovation Action Plan (2022–2025): probability of meeting each headline goal"
        let wrapped = TextTable.wrap(title, width: 70)
        let lines = wrapped.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "Kunshan Talent and Sci-Tech Innovation Action Plan (2022–2025):",
                "probability of meeting each headline goal",
            ])
        #expect(TextTable.wrap(title, width: nil) == title)
        // A line that fills the width exactly is kept whole.
        #expect(TextTable.wrap("ab cd ef", width: 5) == "ab cd\nef")
        let zh = TextTable.wrap("昆山市人才科创行动计划总体目标实现概率", width: 10)
        #expect(zh.split(separator: "\n").allSatisfy { TextTable.width(String($0)) <= 10 }, "\(zh)")
        #expect(zh.replacingOccurrences(of: "\n", with: "") == "昆山市人才科创行动计划总体目标实现概率")
    }

    /// A message on a narrow terminal's stderr breaks at spaces, each continuation two spaces
    /// beyond its own line's indent, and a line that fits is left alone.
    @Test func messagesWrapWithAHangingIndent() {
        let message = """
            plan/observations.csv:3:9: error: 'abc' is not a number
              hint: write the figure alone, like 3500
            """
        let wrapped = TextTable.wrapMessage(message, width: 26)
        #expect(
            wrapped.split(separator: "\n", omittingEmptySubsequences: false) == [
                "plan/observations.csv:3:9:",
                "  error: 'abc' is not a",
                "  number",
                "  hint: write the figure",
                "    alone, like 3500",
            ], "\(wrapped)")
        #expect(TextTable.wrapMessage(message, width: nil) == message)
        #expect(TextTable.wrapMessage(message, width: 80) == message)
        // A line of exactly the width stays whole; a trailing newline stays.
        #expect(TextTable.wrapMessage("ab cd\n", width: 5) == "ab cd\n")
        // Chinese has no spaces: it breaks between characters, and loses none.
        let zh = "警告：第2行的数值“abc”不是数字，请只写数字"
        let lines = TextTable.wrapMessage(zh, width: 12).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { TextTable.width($0) <= 12 }, "\(lines)")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }, "\(lines)")
        #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined() == zh)
        // A path longer than the line stays whole on a line of its own, to be copied.
        let path = "error: /tmp/a-rather-long-folder/observations.csv:66:8: row has 7 fields"
        #expect(
            TextTable.wrapMessage(path, width: 20)
                == "error:\n  /tmp/a-rather-long-folder/observations.csv:66:8:\n  row has 7 fields")
        // Also where the line starts with the path, as a finding does.
        #expect(
            TextTable.wrapMessage("/tmp/a-rather-long-folder/observations.csv:66:8: error: x", width: 20)
                == "/tmp/a-rather-long-folder/observations.csv:66:8:\n  error: x")
        // Too narrow for an indent: wrapped flush.
        #expect(TextTable.wrapMessage("aaaa bbbb cccc", width: 9) == "aaaa bbbb\ncccc")
        // Every width, down to one column, keeps every character and adds no line that need not be.
        let mixed = message + "\n" + zh + " " + path + "\n  hint: 请检查 /tmp/x.csv 第 3 行\n"
        for width in 1...60 {
            let w = TextTable.wrapMessage(mixed, width: width)
            #expect(w.filter { !$0.isWhitespace } == mixed.filter { !$0.isWhitespace }, "width \(width)")
            let over = w.split(separator: "\n").filter {
                TextTable.width(String($0)) > max(width, 2) && $0.trimmingCharacters(in: .whitespaces).contains(" ")
            }
            #expect(over.isEmpty, "width \(width): \(over)")
        }
    }
}
