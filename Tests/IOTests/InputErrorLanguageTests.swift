import Testing

@testable import IO

/// An input error in the language of the command (`--lang`): Chinese words where it has them,
/// the same place and keywords in both languages, English where it has no Chinese yet.
@Suite struct InputErrorLanguageTests {
    let both = InputError(
        file: "obs.csv", line: 3, column: 2, "'abc' is not a number", hint: "write a number", zh: "“abc”不是数字",
        hintZh: "请写一个数字")

    @Test func chineseWordsAtTheSamePlaceWithTheSameKeywords() {
        #expect(both.text(chinese: false) == "obs.csv:3:2: 'abc' is not a number\n  hint: write a number")
        #expect(both.text(chinese: true) == "obs.csv:3:2: “abc”不是数字\n  hint: 请写一个数字")
        #expect(both.description == both.text(chinese: false))
    }

    @Test func withoutChineseWordsTheEnglishIsShown() {
        let english = InputError(file: "a.yaml", line: 1, "unknown key", hint: "valid keys: x")
        #expect(english.text(chinese: true) == english.text(chinese: false))
        // A Chinese message whose hint has no Chinese keeps the English hint rather than none.
        let half = InputError(file: "a.csv", "bad", hint: "do this", zh: "有误")
        #expect(half.text(chinese: true) == "a.csv: 有误\n  hint: do this")
    }

    /// A 10 MB cell is not echoed whole in Chinese either: a quoted text over 60 characters is
    /// cut to its first 40, with its length.
    @Test func aLongQuotedTextIsCutInChinese() {
        let cell = String(repeating: "数", count: 100)
        let e = InputError(file: "a.csv", line: 2, column: 3, "x", zh: "“\(cell)”不是数字，“短”也不是")
        #expect(e.messageZh == "“\(String(repeating: "数", count: 40))…（共 100 个字符）”不是数字，“短”也不是")
        // A quote that never closes is left as it is.
        #expect(InputError.shortenChineseQuotes("“" + cell) == "“" + cell)
    }

    /// The English twin (mutation round seed 150): a message with one quoted text of 61
    /// characters or more is cut to its first 40 with its length; 60 are kept whole. (The
    /// mutants left a message of exactly one quoted text whole, and cut one of exactly 60.)
    @Test func aLongQuotedTextIsCutInEnglish() {
        let long = String(repeating: "x", count: 61), sixty = String(repeating: "y", count: 60)
        let cut = InputError(file: "a.csv", "'\(long)' is not a number")
        #expect(cut.message == "'\(String(repeating: "x", count: 40))… (61 characters)' is not a number")
        #expect(InputError(file: "a.csv", "'\(sixty)' is not a number").message == "'\(sixty)' is not a number")
        // An apostrophe with no partner closes nothing.
        #expect(InputError(file: "a.csv", "it's \(long)").message == "it's \(long)")
    }

    /// A stream is read to at most 256 MB, at least 16 MB, whatever the machine's memory
    /// (mutation round seed 150: `min` as `max` raised it to a sixtieth of the spare memory, 400
    /// MB on a machine of 24 GB).
    @Test func theStreamLimitStaysWithin16And256MB() {
        #expect((16 << 20...256 << 20).contains(StreamedInputs.limit), "\(StreamedInputs.limit)")
    }

    /// The reasons a file cannot be opened, in Chinese as in English.
    @Test func unreadableReasonsInChinese() throws {
        var caught: InputError?
        do { _ = try readInputBytes(path: "/nonexistent/plancast-obs.csv") } catch { caught = error }
        let missing = try #require(caught)
        #expect(missing.text(chinese: false).contains("cannot read the file: it does not exist"))
        #expect(missing.text(chinese: true).contains("无法读取文件：文件不存在\n  hint: 请检查路径"))
    }
}
