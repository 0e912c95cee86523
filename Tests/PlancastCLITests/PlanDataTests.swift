import Foundation
import Testing

/// The bundled Kunshan plan against the seed document, and `plancast check`/`indicators`
/// through the built binary.
struct PlanDataTests {
    static let fixtures = Binary.packageRoot.appendingPathComponent("Tests/PlancastCLITests/Fixtures")
    static let seedPath = fixtures.appendingPathComponent("seed-kunshan-2022-2025.txt").path

    /// Rows of the seed's indicator table (附件), parsed from the document text alone:
    /// (name as printed, unit, targets 2022–2025), in table order. A data row is a line whose
    /// tab-separated fields contain four consecutive numbers preceded by a unit and a name;
    /// this also reads the two rows whose category cell was lost ("独角兽"培育企业, 新增上市企业).
    static func seedTable() throws -> [(name: String, unit: String, targets: [Double])] {
        let text = try String(contentsOfFile: seedPath, encoding: .utf8)
        guard let start = text.range(of: "指标体系\n", options: .backwards) else { return [] }
        var rows = [(name: String, unit: String, targets: [Double])]()
        for line in text[start.upperBound...].split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard f.count >= 6 else { continue }
            for i in 2..<(f.count - 3) {
                let nums = f[i..<(i + 4)].compactMap { Double($0) }
                if nums.count == 4 {
                    rows.append((f[i - 2], f[i - 1], nums))
                    break
                }
            }
        }
        return rows
    }

    static func csvRows(_ text: String) -> [[String]] {
        // The indicators CSV quotes fields with commas; a small RFC 4180 splitter suffices here.
        text.split(separator: "\n").map { line in
            var fields = [String](), cur = "", quoted = false
            let it = Array(line)
            var k = 0
            while k < it.count {
                let c = it[k]
                if quoted {
                    if c == "\"" {
                        if k + 1 < it.count && it[k + 1] == "\"" { cur.append("\""); k += 1 } else { quoted = false }
                    } else {
                        cur.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    fields.append(cur); cur = ""
                } else {
                    cur.append(c)
                }
                k += 1
            }
            fields.append(cur)
            return fields
        }
    }

    @Test func bundledPlanEqualsTheSeedTableValueByValue() throws {
        let seed = try Self.seedTable()
        #expect(seed.count == 32, "the seed table has 28 numbered rows and 4 其中 rows")
        let run = try Binary.run(["indicators", "--format", "csv"], in: Binary.packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Self.csvRows(run.stdout)
        let header = rows[0]
        #expect(
            header == [
                "indicator", "parent", "name_zh", "name_en", "category", "kind", "unit", "direction", "headline_rule",
                "headline_goal", "target_2022", "target_2023", "target_2024", "target_2025", "observations",
                "first_year", "last_year",
            ])
        let data = Array(rows.dropFirst())
        #expect(data.count == 32)
        for (k, (s, r)) in zip(seed, data).enumerated() {
            #expect(r[2] == s.name, "row \(k + 1): name")
            #expect(r[6] == s.unit, "row \(k + 1): unit")
            let targets = r[10...13].map { Double($0)! }
            #expect(targets == s.targets, "row \(k + 1) \(r[0]): targets \(targets) vs seed \(s.targets)")
            // A 其中 row belongs to the row above it that is not itself a 其中 row.
            if s.name.hasPrefix("其中") {
                let parent = data[..<k].last { !$0[2].hasPrefix("其中") }!
                #expect(r[1] == parent[0])
            } else {
                #expect(r[1].isEmpty)
            }
        }
    }

    /// The 2025 goals of section 二, read by hand from the seed: (id, rule, goal, phrase that
    /// states it in the seed — the test checks the phrase is really there).
    static let headlineGoals: [(String, String, Double, String)] = [
        ("national_major_talent_experts", "final", 200, "全市国家重大人才工程专家达200"),
        ("self_cultivated_national_experts", "final", 65, "其中自主培育国家重大人才工程专家达 65 名"),
        ("innovation_talents_total", "final", 1700, "各级双创人才(团队)总量达 1700 个"),
        ("new_provincial_innovation_talents", "cumulative", 100, "其中新增省级以上双创人才(团队) 100 个"),
        ("new_masters_phds", "cumulative", 2000, "新增创新创业硕博士 2000 名"),
        ("new_high_skilled_workers", "cumulative", 40000, "高技能人才 4 万人"),
        ("high_level_talent_total", "final", 6.2, "高层次人才总量达 6.2 万人"),
        ("talent_resource_total", "final", 60, "人才资源总量达 60 万人"),
        ("new_postdoc_workstations", "cumulative", 20, "新增博士后工作站 20 个"),
        ("new_engineering_research_centers", "cumulative", 60, "省级及以上工程技术研究中心、企业技术中心各 60 家"),
        ("new_enterprise_technology_centers", "cumulative", 60, "省级及以上工程技术研究中心、企业技术中心各 60 家"),
        ("new_rd_institutions", "cumulative", 5, "苏州市级及以上新型研发机构 5 个"),
        ("new_challenge_projects", "cumulative", 500, "新增“揭榜挂帅”攻关项目 500 项"),
        ("high_tech_enterprises", "final", 3500, "有效高新技术企业达 3500 家"),
        ("net_new_high_tech_enterprises", "cumulative", 1300, "净增高新技术企业 1300 家"),
        ("specialized_sme_enterprises", "final", 550, "“专精特新”企业达 550 家"),
        ("new_national_specialized_smes", "cumulative", 20, "新增国家级“专精特新”企业 20 家"),
        ("gazelle_enterprises", "final", 200, "瞪羚企业达 200 家"),
        ("unicorn_candidates", "final", 50, "“独角兽”培育企业达 50 家"),
        ("new_listed_companies", "cumulative", 40, "新增上市企业 40 家"),
        ("new_high_value_invention_patents", "cumulative", 2600, "新增高价值发明专利数 2600 件"),
        ("new_standards", "cumulative", 120, "行业标准制(修)订数达 120 项"),
        ("rd_intensity", "final", 4.5, "全社会研发支出占地区生产总值比重达 4.5%"),
        ("industrial_rd_intensity", "final", 2.0, "规上工业企业研发投入强度达 2.0%"),
        ("strategic_emerging_share", "final", 56, "战略性新兴产业产值占规上工业总产值比重达 56%"),
        ("high_tech_industry_share", "final", 54, "高新技术产业产值占规上工业总产值比重达 54%"),
        ("new_innovation_space_area", "cumulative", 500, "新增科创载体面积 500 万平方米"),
        ("new_incubators", "cumulative", 36, "孵化器和众创空间 36 个"),
        ("new_offshore_enclaves", "cumulative", 10, "新增离岸创新飞地 10 家"),
        ("new_sci_tech_projects", "every_year", 1000, "每年新引进科创项目 1000 个"),
        ("sci_tech_service_revenue", "final", 290, "科技服务业收入达 290 亿元"),
        ("new_talent_apartments", "cumulative", 10000, "新增人才公寓 1 万套"),
    ]

    @Test func headlineGoalsAndRulesEqualSectionTwo() throws {
        let seed = try String(contentsOfFile: Self.seedPath, encoding: .utf8)
        let run = try Binary.run(["indicators", "--format", "csv"], in: Binary.packageRoot)
        let data = Dictionary(uniqueKeysWithValues: Self.csvRows(run.stdout).dropFirst().map { ($0[0], $0) })
        #expect(data.count == 32)
        for (id, rule, goal, phrase) in Self.headlineGoals {
            #expect(seed.contains(phrase), "phrase for \(id) not in the seed: \(phrase)")
            let row = try #require(data[id], "missing \(id)")
            #expect(row[8] == rule, "\(id) rule")
            #expect(Double(row[9]) == goal, "\(id) goal")
        }
    }

    @Test func kindsAndParents() throws {
        let run = try Binary.run(["indicators", "--format", "csv"], in: Binary.packageRoot)
        let data = Dictionary(uniqueKeysWithValues: Self.csvRows(run.stdout).dropFirst().map { ($0[0], $0) })
        #expect(data["net_new_high_tech_enterprises"]?[5] == "net_change")
        #expect(data["net_new_high_tech_enterprises"]?[1] == "high_tech_enterprises")
        #expect(data["rd_intensity"]?[5] == "share")
        #expect(data["sci_tech_service_revenue"]?[5] == "level")
        #expect(data["high_tech_enterprises"]?[5] == "stock")
        #expect(data["new_sci_tech_projects"]?[5] == "flow")
        // Cumulative goals belong to flows and net changes only.
        for (_, row) in data where row[8] == "cumulative" { #expect(row[5] == "flow" || row[5] == "net_change") }
    }

    /// A new folder with the own-plan fixture's indicators and plan.yaml and `observations`
    /// as its observations.csv; the caller removes it.
    static func ownPlan(observations: String) throws -> URL {
        let dir = try Binary.temporaryDirectory()
        let plan = Binary.packageRoot.appendingPathComponent("Tests/PlancastCLITests/Fixtures/own-plan")
        for file in ["indicators.csv", "plan.yaml"] {
            try FileManager.default.copyItem(
                at: plan.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        try observations.write(to: dir.appendingPathComponent("observations.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func checkPassesOnTheBundledPlan() throws {
        let run = try Binary.run(["check"], in: Binary.packageRoot)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("0 errors, 0 warnings"))
        #expect(run.stdout.contains("stood at 2200 at the end of 2021"))
        // Counts agree with their nouns (one backcast indicator, several without data).
        #expect(
            run.stdout.contains(
                "info: 1 indicator is first known after 2022; its earlier plan years are drawn backwards from its first figure"
            ))
        #expect(run.stdout.contains("19 of 32 indicators have no exact observation"))
        #expect(!run.stdout.contains(" 1 indicators "))
        // Findings of one severity keep the order they were found in: the years with several
        // reports, found row by row, are listed by line (mutation round seed 106: sorting by
        // `>=` instead of `>` shuffled findings of equal severity).
        let reportLines = run.stdout.split(separator: "\n").filter { $0.contains(" reports: ") }.compactMap {
            line -> Int? in
            guard let at = line.range(of: "observations.csv:") else { return nil }
            return Int(line[at.upperBound...].prefix { $0.isNumber })
        }
        #expect(reportLines.count >= 5 && reportLines == reportLines.sorted(), "\(reportLines)")
        // The last line too: "1 drivers" until 2026-12-05.
        let dir = try Self.ownPlan(observations: "indicator,year,value\nfirms,2023,1130\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "indicator,kind\ngdp,level\n".write(
            to: dir.appendingPathComponent("drivers.csv"), atomically: true, encoding: .utf8)
        let one = try Binary.run(["check", "--plan", dir.path, "--lang", "en"], in: Binary.packageRoot)
        #expect(one.stdout.contains(": 2 indicators, 1 driver, 1 observation; 0 errors"), "\(one.stdout)\(one.stderr)")
    }

    /// `check -q` keeps the warnings and the summary and drops the notes (mutation round 207:
    /// the reverse, notes only, passed every test). A first figure of 10 against targets of
    /// 1,200–1,500 firms, after 1,000 the year before, gives two warnings; `new_firms` without
    /// data a note.
    @Test func aQuietCheckKeepsWarningsAndDropsNotes() throws {
        let dir = try Self.ownPlan(
            observations: "indicator,year,value\nfirms,2021,1000\nfirms,2022,10\nfirms,2023,1130\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = try Binary.run(["check", "--plan", dir.path], in: Binary.packageRoot)
        let quiet = try Binary.run(["check", "--plan", dir.path, "-q"], in: Binary.packageRoot)
        #expect(full.status == 0 && quiet.status == 0, "\(full.stderr)\(quiet.stderr)")
        let lines = { (s: String) in s.split(separator: "\n").map(String.init) }
        #expect(
            lines(full.stdout).filter { $0.contains(": info: ") || $0.hasPrefix("info: ") }.count == 1, "\(full.stdout)"
        )
        #expect(lines(quiet.stdout).filter { $0.contains("info: ") }.isEmpty, "\(quiet.stdout)")
        #expect(lines(quiet.stdout).filter { $0.contains(": warning: ") }.count == 2, "\(quiet.stdout)")
        #expect(lines(quiet.stdout).last?.hasSuffix("3 observations; 0 errors, 2 warnings, 1 note") == true)
        #expect(quiet.stdout.contains("times the plan's targets (1200–1500); check the unit and the digits"))
    }

    /// `check --lang zh`: the same findings at the same places, in Chinese, with the same counts;
    /// no line keeps an English severity, and the bundled plan's findings all have Chinese text.
    @Test func checkSpeaksChineseWithTheSameFindings() throws {
        let scenarios = [
            "Scenarios/baseline.yaml", "Scenarios/downturn-2023.yaml", "Scenarios/rd-push.yaml",
            "Scenarios/slower-gdp.yaml", "Scenarios/talent-surge.yaml",
        ]
        let en = try Binary.run(["check"] + scenarios, in: Binary.packageRoot)
        let zh = try Binary.run(["check", "--lang", "zh"] + scenarios, in: Binary.packageRoot)
        #expect(en.status == 0 && zh.status == 0, "\(zh.stderr)")
        let enLines = en.stdout.split(separator: "\n"), zhLines = zh.stdout.split(separator: "\n")
        #expect(enLines.count == zhLines.count)
        // Each line's place (file:line:column) is the English line's.
        for (e, z) in zip(enLines, zhLines) where e.contains(": info: ") || e.contains(": warning: ") {
            let place = e.components(separatedBy: ": info: ")[0].components(separatedBy: ": warning: ")[0]
            #expect(z.hasPrefix(place), "\(z)")
        }
        #expect(!zh.stdout.contains(": info: ") && !zh.stdout.contains(": warning: "))
        // Indicators by their Chinese names (ids until 2026-12-05), in the tag and in the
        // message, lists apart by "；" (a name may hold "、"), without the plan's "其中：".
        #expect(zh.stdout.contains("【净增高新技术企业】由年度目标推算，“有效高新技术企业”2021年末为 2200"))
        #expect(zh.stdout.contains(": 提示: 【有效高新技术企业】2024年有 2 条报告"), "\(zh.stdout)")
        #expect(zh.stdout.contains("只有 1 个确切观测值（参考类预测）：新增省级以上双创人才（团队）；新增高技能人才数；"))
        #expect(zh.stdout.contains("；新增主导或参与国际、国家、行业标准制(修)订数；"))
        #expect(zh.stdout.contains("有效高新技术企业 2023年 ≤ 3072.5") && !zh.stdout.contains("【其中："))
        #expect(zh.stdout.contains("情景“slower-gdp”：杠杆“gdp-slowdown”不改变任何结果"))
        // 22 notes: a lever's series without data come as one note per lever since 2026-12-04
        // (27 before, one per series).
        #expect(zh.stdout.contains("kunshan-2022-2025：32 个指标、3 个驱动因素、64 条观测值；0 个错误、2 个警告、22 条提示"))
        #expect(en.stdout.contains("0 errors, 2 warnings, 22 notes"))
        // Series by their Chinese names since 2026-12-05 (ids before).
        #expect(
            zh.stdout.contains(
                "情景“talent-surge”：杠杆“talent-recruitment”不改变它所列的 3 个没有数据（数据不足）的序列（自主培育国家重大工程专家；各级双创人才（团队）总量；新增创新创业硕博）：请给出观测值或情景假设"
            ), "\(zh.stdout)")
        // No English message is left in the Chinese output (only ids, file names and values).
        #expect(!zh.stdout.contains(" is ") && !zh.stdout.contains(" the "), "\(zh.stdout)")
    }

    /// The indicators table names kinds and rules in the table's language; the CSV keeps the
    /// ids indicators.csv is written with.
    @Test func indicatorsTableSpeaksItsLanguage() throws {
        let zh = try Binary.run(["indicators"], in: Binary.packageRoot)
        let row = zh.stdout.split(separator: "\n").first { $0.contains("national_major_talent_experts") } ?? ""
        #expect(row.contains("存量") && row.contains("末年值") && !row.contains("stock"), "\(row)")
        let flow = zh.stdout.split(separator: "\n").first { $0.contains("new_high_skilled_workers") } ?? ""
        #expect(flow.contains("新增量") && flow.contains("累计"), "\(flow)")
        let en = try Binary.run(["indicators", "--lang", "en"], in: Binary.packageRoot)
        #expect(en.stdout.contains("stock") && en.stdout.contains("cumulative"))
    }

    static let badFiles: [(String, Int?)] = [
        ("empty.csv", 1), ("header-only.csv", 1), ("duplicate-indicator-year.csv", 4), ("unknown-id.csv", 3),
        ("share-above-100.csv", 3), ("negative-count.csv", 3), ("text-in-number-column.csv", 3),
        ("truncated-row.csv", 3), ("invalid-encoding.csv", 3), ("bad-year.csv", 2), ("unknown-quality.csv", 2),
        ("wide-text-in-number.csv", 2), ("semicolon-separated.csv", 1),
        ("bound-upper-below-its-value.csv", 3), ("bound-lower-above-its-value.csv", 3),
    ]

    @Test("check exits 65 on each bad observations file, naming file and line", arguments: badFiles)
    func badObservations(file: String, line: Int?) throws {
        let path = Self.fixtures.appendingPathComponent("bad-observations/\(file)").path
        let run = try Binary.run(["check", "--observations", path], in: Binary.packageRoot)
        #expect(run.status == 65, "\(file): status \(run.status)")
        #expect(run.stdout.isEmpty)
        if let line {
            #expect(run.stderr.contains("\(path):\(line)"), "\(file): \(run.stderr)")
        }
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count <= 2, "one or two lines: \(run.stderr)")
    }

    @Test func unknownIDSuggestsTheNearest() throws {
        let path = Self.fixtures.appendingPathComponent("bad-observations/unknown-id.csv").path
        let run = try Binary.run(["check", "--observations", path], in: Binary.packageRoot)
        #expect(run.stderr.contains("\(path):3:1:"))
        #expect(run.stderr.contains("did you mean 'rd_intensity'"))
    }

    /// The fixture is the bundled observations.csv converted by `iconv -f utf-8 -t gb18030`
    /// (remade whenever the bundled file changes).
    @Test func gbkCopyLoadsToTheSameValues() throws {
        let utf8 = try Binary.run(["indicators", "--format", "csv"], in: Binary.packageRoot)
        let gbkPath = Self.fixtures.appendingPathComponent("good-observations/observations-gbk.csv").path
        let gbk = try Binary.run(["indicators", "--format", "csv", "--observations", gbkPath], in: Binary.packageRoot)
        #expect(gbk.status == 0, "\(gbk.stderr)")
        #expect(gbk.stdout == utf8.stdout)
        let forced = try Binary.run(
            ["check", "--observations", gbkPath, "--encoding", "gb18030"], in: Binary.packageRoot)
        #expect(forced.status == 0)
        let wrong = try Binary.run(["check", "--observations", gbkPath, "--encoding", "utf-8"], in: Binary.packageRoot)
        #expect(wrong.status == 65)
    }

    /// Excel's "Unicode Text" (UTF-16 little-endian with a byte-order mark, tabs, Windows line
    /// ends): the fixture is the bundled observations.csv written so by Python's csv module
    /// (`excel-tab` dialect, `\r\n`, encoded `utf-16-le` after the mark FF FE), remade whenever
    /// the bundled file changes. Before, UTF-16 was refused, and tabs with Windows line ends
    /// were misread as commas wherever a later cell held one.
    @Test func excelUnicodeTextLoadsToTheSameValues() throws {
        let utf8 = try Binary.run(["indicators", "--format", "csv"], in: Binary.packageRoot)
        let path = Self.fixtures.appendingPathComponent("good-observations/excel-unicode-text.txt").path
        let text = try Binary.run(["indicators", "--format", "csv", "--observations", path], in: Binary.packageRoot)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == utf8.stdout)
        #expect(text.stdout.contains("rd_intensity,,全社会研发支出占地区生产总值比重"))
    }

    @Test func wideAndLongLayoutsAgree() throws {
        let wide = Self.fixtures.appendingPathComponent("good-observations/wide.csv").path
        let long = Self.fixtures.appendingPathComponent("good-observations/long.csv").path
        let a = try Binary.run(["indicators", "--format", "csv", "--observations", wide], in: Binary.packageRoot)
        let b = try Binary.run(["indicators", "--format", "csv", "--observations", long], in: Binary.packageRoot)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("rd_intensity,,全社会研发支出占地区生产总值比重"))
        // The long layout with tabs (a table copied out of a spreadsheet) reads the same.
        let tabs = Self.fixtures.appendingPathComponent("good-observations/tab-separated.csv").path
        let c = try Binary.run(["indicators", "--format", "csv", "--observations", tabs], in: Binary.packageRoot)
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout == b.stdout)
        // forecast reads both layouts of the figures alone (indicator,year,value), to the same forecasts.
        let fl = try Binary.run(["forecast", "--input", long, "--horizon", "2"], in: Binary.packageRoot)
        let fw = try Binary.run(["forecast", "--input", wide, "--horizon", "2"], in: Binary.packageRoot)
        #expect(fl.status == 0 && fw.status == 0, "\(fl.stderr)\(fw.stderr)")
        #expect(fl.stdout == fw.stdout && fl.stdout.contains("\nrd_intensity,2023,1,"))
    }

    /// Growth rates in an observations file (`measure` growth): a real growth beside current-price
    /// values is a warning at its line, and a rate after an exact year bounds the next one in the
    /// run: 2,744 × (1 + [9.45%, 9.55%]) = [3,003.3, 3,006.1] for high-tech enterprises in 2023
    /// (its mean in forecasts.csv lies within).
    @Test func growthRatesAreCheckedAndBoundTheYearAfter() throws {
        let path = Self.fixtures.appendingPathComponent("good-observations/growth-rates.csv").path
        let check = try Binary.run(["check", "--observations", path], in: Binary.packageRoot)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stdout.contains("growth-rates.csv:4:3: warning: [gdp] growth rate 6.1% for 2024"), "\(check.stdout)")
        #expect(check.stdout.contains("bounds 2023 within [3003.3, 3006.1]"), "\(check.stdout)")
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run").path
        let run = try Binary.run(
            ["run", "--observations", path, "--paths", "1000", "--no-sensitivity", "--out", out], in: Binary.packageRoot
        )
        #expect(run.status == 0, "\(run.stderr)")
        let forecasts = try String(contentsOfFile: out + "/forecasts.csv", encoding: .utf8)
        let row = try #require(
            forecasts.split(separator: "\n").first { $0.hasPrefix("baseline,high_tech_enterprises,2023,") })
        let cells = row.split(separator: ",", omittingEmptySubsequences: false)
        let mean = try #require(Double(cells[4]))
        #expect(mean >= 3003 && mean <= 3007 && row.hasSuffix(",bounded"), "\(row)")
    }

    @Test func badPlanFilesExit65() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = Binary.packageRoot.appendingPathComponent("Notebooks-data/kunshan-2022-2025")
        func variant(_ name: String, _ edit: (String) -> String) throws -> String {
            let d = dir.appendingPathComponent(name)
            try FileManager.default.copyItem(at: source, to: d)
            let f = d.appendingPathComponent("indicators.csv")
            try edit(try String(contentsOf: f, encoding: .utf8)).write(to: f, atomically: true, encoding: .utf8)
            return d.path
        }
        // A share target above 100: a consistency error (exit 65), reported at its line.
        let share = try variant("share") {
            $0.replacingOccurrences(
                of: "%,increase,final,4.5,4.0,4.1,4.3,4.5", with: "%,increase,final,4.5,4.0,4.1,104.3,4.5")
        }
        var run = try Binary.run(["check", "--plan", share])
        #expect(run.status == 65)
        #expect(run.stdout.contains("indicators.csv:24:14: error: [rd_intensity]"))
        // A misspelt kind: a load error with line, column and the nearest kind.
        let kind = try variant("kind") {
            $0.replacingOccurrences(
                of: ",科技服务业收入,Revenue of the sci-tech service industry,创新生态,level,",
                with: ",科技服务业收入,Revenue of the sci-tech service industry,创新生态,levle,")
        }
        run = try Binary.run(["check", "--plan", kind])
        #expect(run.status == 65)
        #expect(run.stderr.contains("indicators.csv:32:7:"))
        #expect(run.stderr.contains("did you mean 'level'"))
        // A child above its parent.
        let child = try variant("child") {
            $0.replacingOccurrences(of: "名,increase,final,65,50,55,60,65", with: "名,increase,final,65,50,55,260,65")
        }
        run = try Binary.run(["check", "--plan", child])
        #expect(run.status == 65)
        #expect(run.stdout.contains("exceeds its parent"))
        // Milestones that do not add up to the cumulative goal: a warning, exit 0.
        let sum = try variant("sum") {
            $0.replacingOccurrences(of: "cumulative,20,4,5,5,6", with: "cumulative,20,4,5,5,7")
        }
        run = try Binary.run(["check", "--plan", sum])
        #expect(run.status == 0)
        #expect(run.stdout.contains("yearly milestones sum to 21, the cumulative goal is 20"))
        // A cumulative goal on a stock: the targets of a flow read as a stock.
        let rule = try variant("rule") {
            $0.replacingOccurrences(
                of: "瞪羚企业,Gazelle enterprises,科创企业,stock,家,increase,final",
                with: "瞪羚企业,Gazelle enterprises,科创企业,stock,家,increase,cumulative")
        }
        run = try Binary.run(["check", "--plan", rule])
        #expect(run.status == 65)
        #expect(run.stdout.contains("[gazelle_enterprises] a cumulative goal sums yearly amounts"))
    }
}

extension PlanDataTests {
    @Test func checkValidatesScenarioFiles() throws {
        let ok = try Binary.run(["check", "Scenarios/baseline.yaml", "Scenarios/rd-push.yaml"], in: Binary.packageRoot)
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("scenario 'rd-push' is valid"))
        // An assumption for an observed year is ignored: check warns as run does (2026-12-04;
        // check said "0 warnings").
        let assumed = try Binary.run(
            ["check", "Tests/PlancastCLITests/Fixtures/warned-scenarios/assumes-observed.yaml"], in: Binary.packageRoot)
        #expect(assumed.status == 0)
        #expect(
            assumed.stdout.contains(
                "assumes-observed.yaml: warning: scenario 'assumes-observed' assumes high_tech_enterprises in 2022 (100), which is observed (2744, actual); the observation is used"
            ), "\(assumed.stdout)")
        #expect(assumed.stdout.contains("0 errors, 1 warning, "))
        // A lever named as an inherited one replaces it, and check says so (2026-12-04).
        let restated = try Binary.run(
            [
                "check", "Scenarios/baseline.yaml", "Scenarios/rd-push.yaml",
                "Notebooks-data/scenario-examples/rd-push-stronger.yaml",
            ], in: Binary.packageRoot)
        #expect(restated.status == 0, "\(restated.stderr)")
        #expect(
            restated.stdout.contains(
                "scenario 'rd-push-stronger' is valid (2 levers, inherits rd-push; replaces the inherited lever 'rd-push')"
            ),
            "\(restated.stdout)")
        let bad = try Binary.run(
            ["check", "Tests/PlancastCLITests/Fixtures/bad-scenarios/misspelt-id.yaml"], in: Binary.packageRoot)
        #expect(bad.status == 65)
        #expect(
            bad.stderr.contains("misspelt-id.yaml:3:32:") && bad.stderr.contains("did you mean 'high_tech_enterprises'")
        )
    }
}
