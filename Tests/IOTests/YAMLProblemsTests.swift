import Foundation
import Testing

@testable import IO

/// A hand-written scenario's YAML slips, in the planner's language: libyaml's phrase in Chinese
/// (the English kept after it) and what most often causes it. Before 2026-12-06 a Chinese error
/// quoted the English phrase with one general hint for every problem.
@Suite struct YAMLProblemsTests {
    static func error(_ text: String) -> InputError? {
        do {
            _ = try YAMLDocument(text: text, file: "s.yaml")
            return nil
        } catch {
            return error
        }
    }

    /// The size limit: at most 8 MB (less where the machine has less to spare), and a file one
    /// line over it is refused by its size before Yams reads it. (Mutant of round 137: `min` as
    /// `max` lifted the limit to a hundredth of the spare memory, 190 MB on a 24 GB machine.)
    @Test func aYAMLFileOverTheLimitIsRefusedBeforeParsing() throws {
        let limit = YAMLDocument.maximumBytes
        #expect(limit > 0 && limit <= 8_000_000, "\(limit)")
        let line = "# a comment of thirty-two bytes\n"
        #expect(line.utf8.count == 32)
        let text = String(repeating: line, count: limit / 32 + 1)
        let refused = try #require(Self.error(text))
        #expect(refused.message.hasPrefix("the YAML file is "), "\(refused.message)")
        #expect(refused.messageZh?.hasPrefix("YAML 文件有 ") == true)
    }

    /// Each slip at its place, with its phrase and hint in both languages.
    @Test(arguments: [
        // A key indented under a plain value.
        ("name: a\n  levers: 1\n", 2, 9, "此处不能出现“键: 值”", "上一行的键缺少“:”", "the line above lacks its ':'"),
        // A key with no colon before a mapping goes on.
        ("name\nlevers: 1\n", 2, 7, "此处不能出现“键: 值”", "缩进不对", "indented wrongly"),
        // A list item after a key's value on the same line.
        ("name: a\nlevers: - 1\n", 2, 9, "此处不能出现“-”列表项", "另起一行", "on a line of its own"),
        // A key of a list item out of line with the keys above it.
        ("name: a\nlevers:\n  - id: x\n   series: gdp\n", 4, 4, "缺少预期的“-”列表项标记", "与上一项的键对齐", "keys of the item above"),
        ("name: a\nlevers: [1, 2\n", 3, 1, "缺少预期的“,”或“]”", "方括号列表没有闭合", "list is left open"),
        ("name: a\nlevers: {a: 1\n", 3, 1, "缺少预期的“,”或“}”", "花括号映射没有闭合", "mapping is left open"),
        ("name: \"a\n", 2, 1, "文件意外结束", "引号或括号没有闭合", "never closed"),
        ("name: @home\n", 1, 7, "出现了不能开始任何内容的字符", "“@”", "'@'"),
        ("name: a\nb: *nope\n", 2, 4, "别名引用了未定义的锚点", "“&名称”", "'&name'"),
        ("name: \"a\\qb\"\n", 1, 9, "双引号字符串中有未知的转义字符", "单引号", "single quotes"),
        ("name: a\n---\nname: b\n", 2, 1, "文件中有不止一个 YAML 文档", "“---”", "'---'"),
    ])
    func aSlipIsToldInBothLanguages(
        _ text: String, _ line: Int, _ column: Int, _ phrase: String, _ hintZh: String, _ hint: String
    ) throws {
        let e = try #require(Self.error(text), "\(text) parsed")
        #expect(e.line == line && e.column == column, "\(e)")
        let english = try #require(e.message.split(separator: ": ", maxSplits: 1).last.map(String.init))
        // The Chinese phrase, then libyaml's own words in parentheses (to look it up by).
        #expect(e.messageZh == "YAML 格式有误：\(phrase)（\(english)）", "\(e.messageZh ?? "")")
        #expect(e.message == "invalid YAML: \(english)")
        #expect(e.hintZh?.contains(hintZh) == true, "\(e.hintZh ?? "")")
        #expect(e.hint?.contains(hint) == true, "\(e.hint ?? "")")
    }

    /// A tab or a full-width colon is named on its line before any phrase's hint.
    @Test func aTypingSlipComesFirst() throws {
        let e = try #require(Self.error("name: a\n\tlevers: []\n"))
        #expect(e.hintZh == "第 2 行用制表符缩进：YAML 只能用空格缩进", "\(e.hintZh ?? "")")
        #expect(e.messageZh?.hasPrefix("YAML 格式有误：") == true && e.messageZh?.hasSuffix("）") == true)
    }

    /// A document that should be a mapping and is one line of text: when a full-width colon is
    /// why ("name：x"), the hint says so in both languages; other text gets no such hint
    /// (mutation round seed 184: `== true` as `== false` gave the hint to the wrong one).
    @Test func aMappingTypedWithAFullWidthColonIsToldWhy() throws {
        func refusal(_ text: String) throws -> InputError? {
            let doc = try YAMLDocument(text: text, file: "s.yaml")
            do {
                _ = try doc.mapping(doc.root, allowed: ["name"], what: "the scenario")
                return nil
            } catch {
                return error
            }
        }
        let colon = try #require(try refusal("name：x\n"))
        #expect(colon.message == "the scenario must be a mapping of key: value", "\(colon.message)")
        #expect(colon.hint?.hasPrefix("a full-width colon (：) is not a key's colon") == true)
        #expect(colon.hintZh?.hasPrefix("全角冒号（：）不是键的冒号") == true)
        let plain = try #require(try refusal("just text\n"))
        #expect(plain.hint == nil && plain.hintZh == nil, "\(plain.hint ?? "")")
    }

    /// Every phrase listed is one that libyaml (as vendored by Yams) or Yams' composer can
    /// report, so no translation waits for a phrase that never comes (a typo in a key would).
    /// Reads the package's checkout of Yams (`.build/checkouts`, there after any `swift build`
    /// in the package folder); without it the test fails, saying so, rather than being skipped.
    @Test func everyPhraseIsLibyamls() throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.sources.path),
            "no checkout of Yams at \(Self.sources.path): build in the package folder (swift build)")
        var text = ""
        for name in ["scanner.c", "parser.c", "reader.c"] {
            text += try String(contentsOf: Self.sources.appendingPathComponent("CYaml/src/\(name)"), encoding: .utf8)
        }
        text += try String(contentsOf: Self.sources.appendingPathComponent("Yams/Parser.swift"), encoding: .utf8)
        for phrase in YAMLProblems.table.keys.sorted() {
            #expect(text.contains("\"\(phrase)\""), "\(phrase)")
        }
        // And the other way: every phrase of the scanner and parser that begins as libyaml's
        // problems do is listed (the "while …" phrases are contexts, not problems).
        let pattern =
            #/"((?:found|did not find|could not find|mapping values|block sequence|invalid|control characters|input is|unexpected low|expected low)[^"]*)"/#
        let problems = Set(text.matches(of: pattern).map { String($0.output.1) })
        #expect(problems.count > 40)
        for problem in problems.sorted() { #expect(YAMLProblems.table[problem] != nil, "\(problem)") }
    }

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/checkouts/Yams/Sources")
}
