import Foundation
import Testing

/// `plancast forecast` and `plancast backtest` through the built binary.
struct ForecastCommandTests {
    static let input = """
        series_id,period,value
        a,2015,100
        a,2016,104
        a,2017,110
        a,2018,113
        a,2019,120
        a,2020,118
        b,2019,5
        b,2021,7
        c,2020,42
        """

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let f = dir.appendingPathComponent(name)
        try text.write(to: f, atomically: true, encoding: .utf8)
        return f.path
    }

    @Test func columnsAndRowsAsTheContractSays() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(Self.input, "in.csv", in: dir)
        let run = try Binary.run([
            "forecast", "--input", path, "--horizon", "3", "--levels", "80,95", "--quantiles", "0.05,0.5,0.95",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(
            lines[0] == [
                "series_id", "period", "step", "mean", "lo80", "hi80", "lo95", "hi95", "q0.05", "q0.5", "q0.95",
            ])
        #expect(lines.count == 1 + 3 * 3)
        #expect(lines[1][0] == "a" && lines[1][1] == "2021" && lines[1][2] == "1")
        #expect(lines[4][0] == "b" && lines[4][1] == "2022")
        for l in lines.dropFirst() {
            let v = l[3...].map { Double($0)! }
            #expect(v.allSatisfy { $0.isFinite && $0 > 0 })
            // lo95 ≤ lo80 ≤ median ≤ hi80 ≤ hi95, and q0.05 ≤ q0.5 ≤ q0.95.
            #expect(v[3] <= v[1] && v[1] <= v[6] && v[6] <= v[2] && v[2] <= v[4])
            #expect(v[5] <= v[6] && v[6] <= v[7])
        }
        // Short series are warned about, not dropped.
        #expect(run.stderr.contains("'b': 2 observations"))
        #expect(run.stderr.contains("'c': 1 observation"))
    }

    /// `--kind share` forecasts with the shares' model and library unless told otherwise: its
    /// output equals the one with them named, and differs from the one with the levels' (the
    /// library files are the built-in ones, `scripts/build-reference-library`).
    @Test func aShareBatchUsesTheSharesModelAndLibrary() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shares =
            "series_id,period,value\na,2016,40\na,2017,42\na,2018,45\na,2019,47\na,2020,50\nb,2019,5\nb,2021,7\nc,2020,42\n"
        let path = try write(shares, "in.csv", in: dir)
        let data = Binary.packageRoot.appendingPathComponent("Notebooks-data").path
        let base = ["forecast", "--input", path, "--horizon", "3", "--kind", "share", "--quantiles", "0.1,0.5,0.9"]
        let plain = try Binary.run(base)
        let named = try Binary.run(
            base + ["--models", "naive,drift", "--library", data + "/reference-library-shares.csv"])
        let asLevels = try Binary.run(base + ["--models", "drift", "--library", data + "/reference-library.csv"])
        #expect(plain.status == 0 && named.status == 0 && asLevels.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == named.stdout)
        #expect(plain.stdout != asLevels.stdout)
    }

    /// A library needs ten series of two values or more: ten are enough, nine are refused with
    /// the count and the rule, and nothing is written (mutation round seed 104: `>= 10` as `> 10`
    /// refused ten unseen).
    @Test func aLibraryNeedsTenSeriesAndTenAreEnough() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for count in [10, 9] {
            var rows = "series_id,period,value\n"
            for i in 0..<count { rows += "s\(i),2000,\(100 + i)\ns\(i),2001,\(100 + 3 * i)\n" }
            let input = try write(rows, "in\(count).csv", in: dir)
            let library = dir.appendingPathComponent("lib\(count).csv").path
            let r = try Binary.run(["library", "--input", input, "--output", library])
            if count == 10 {
                #expect(r.status == 0 && r.stdout.hasPrefix("library: 10 series, "), "\(r.stderr)")
                #expect(FileManager.default.fileExists(atPath: library))
            } else {
                #expect(r.status == 65, "\(r.stderr)")
                #expect(
                    r.stderr.contains("9 series with at least 2 values; a library needs at least 10"), "\(r.stderr)")
                #expect(!FileManager.default.fileExists(atPath: library))
            }
        }
    }

    /// `library --lang zh` and `merge --lang zh` (stop 71; before, neither had `--lang`): the
    /// refusal, the summary and a wrong folder speak Chinese; the library written is the same.
    @Test func libraryAndMergeSpeakChineseUnderLangZh() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = "series_id,period,value\n"
        for i in 0..<10 { rows += "s\(i),2000,\(100 + i)\ns\(i),2001,\(100 + 3 * i)\n" }
        let input = try write(rows, "in.csv", in: dir)
        let nine = try write(rows.components(separatedBy: "s9,")[0], "nine.csv", in: dir)
        let (en, zh) = (dir.appendingPathComponent("en.csv").path, dir.appendingPathComponent("zh.csv").path)
        let built = try Binary.run(["library", "--input", input, "--output", zh, "--lang", "zh"])
        #expect(built.status == 0 && built.stdout.hasPrefix("参考库：10 个序列，s0 = "), "\(built.stdout)\(built.stderr)")
        _ = try Binary.run(["library", "--input", input, "--output", en])
        #expect(try Data(contentsOf: URL(fileURLWithPath: en)) == Data(contentsOf: URL(fileURLWithPath: zh)))
        let refused = try Binary.run(["library", "--input", nine, "--output", zh + "2", "--lang", "zh"])
        #expect(refused.status == 65 && refused.stderr.contains("至少有 2 个值的序列只有 9 个；参考库至少需要 10 个"))
        let twice = try Binary.run([
            "library", "--input", input, "--input", input, "--output", zh + "3", "--lang", "zh",
        ])
        #expect(twice.status == 64 && twice.stderr.contains("每个序列集只给一次"), "\(twice.stderr)")
        let merge = try Binary.run(["merge", dir.path, "--out", dir.path + "/m", "--lang", "zh"])
        #expect(merge.status == 65 && merge.stderr.contains("其中既没有 part.json，也没有 part-K-of-N 目录"))
        #expect(merge.stderr.contains("请给出 --shard 写出的目录"), "\(merge.stderr)")
    }

    /// `plancast library` builds from every series of two values or more (one window each:
    /// the first value forecasts the second, one step-1 error a series), leaves one-value series
    /// out, and `forecast --library` uses what it wrote.
    @Test func aLibraryIsBuiltFromSeriesOfTwoValuesAndFeedsForecast() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = "series_id,period,value\n"
        for i in 0..<12 { rows += "s\(i),2000,\(100 + i)\ns\(i),2001,\(100 + 3 * i)\n" }
        for i in 0..<3 { rows += "one\(i),2000,\(50 + i)\n" }
        let input = try write(rows, "in.csv", in: dir)
        let library = dir.appendingPathComponent("lib.csv").path
        let built = try Binary.run(["library", "--input", input, "--output", library])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.hasPrefix("library: 12 series, s0 = "), "\(built.stdout)")
        #expect(built.stdout.hasSuffix("; 3 series with fewer than two values left out\n"), "\(built.stdout)")
        // A split's test rows are used, and said to be.
        var split = "series_id,period,value,split\n"
        for i in 0..<12 { split += "s\(i),2000,\(100 + i),train\ns\(i),2001,\(100 + 3 * i),test\n" }
        let withSplit = try Binary.run([
            "library", "--input", try write(split, "split.csv", in: dir), "--output", library + ".split",
        ])
        #expect(
            withSplit.stdout.hasPrefix("library: 12 series")
                && withSplit.stdout.hasSuffix("; rows marked split=test used (a library is built from whole series)\n"),
            "\(withSplit.stdout)")
        #expect(!withSplit.stdout.contains("left out"), "no series is short: nothing said of it")
        let table = try String(contentsOfFile: library, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let columns = try #require(table.first)
        let step = try #require(columns.firstIndex(of: "step")), errors = try #require(columns.firstIndex(of: "errors"))
        #expect(table.dropFirst().filter { $0[step] == "1" }.compactMap { Int($0[errors]) }.reduce(0, +) == 12)
        let base = ["forecast", "--input", input, "--horizon", "2"]
        let own = try Binary.run(base + ["--library", library]), builtIn = try Binary.run(base)
        #expect(own.status == 0 && builtIn.status == 0, "\(own.stderr)")
        #expect(own.stdout != builtIn.stdout)
        #expect(!own.stderr.contains("was written by a plancast before"), "\(own.stderr)")
        // The same library with the header of the levels used before 2026-12-03 (ending
        // q0.985): read by interpolation, with a warning that says to rebuild it.
        let text = try String(contentsOfFile: library, encoding: .utf8)
        let earlierHeader =
            "stratum,step,errors,"
            + (0..<99).map { String(format: "q%.3f", 0.005 + Double($0) / 100) }.joined(separator: ",")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix("stratum") ? Substring(earlierHeader) : $0
        }
        let earlier = try write(lines.joined(separator: "\n"), "earlier.csv", in: dir)
        let converted = try Binary.run(base + ["--library", earlier])
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(
            converted.stderr.contains("earlier.csv was written by a plancast before 2026-12-03"), "\(converted.stderr)")
        #expect(converted.stdout != own.stdout)
    }

    /// A wide table with Chinese series ids, forecast with --excel: the file starts with a UTF-8
    /// byte-order mark and is otherwise the plain forecast; --excel with --shard is a usage error.
    @Test func excelMarksTheForecastsOfAWideChineseTable() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("indicator,2019,2020,2021\n有效高新技术企业,2116,2308,2744\n", "wide.csv", in: dir)
        let marked = dir.appendingPathComponent("marked.csv").path, plain = dir.appendingPathComponent("plain.csv").path
        #expect(
            try Binary.run(["forecast", "--input", path, "--horizon", "2", "--excel", "--output", marked]).status == 0)
        #expect(try Binary.run(["forecast", "--input", path, "--horizon", "2", "--output", plain]).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: marked)),
            b = try Data(contentsOf: URL(fileURLWithPath: plain))
        #expect(a.starts(with: [0xEF, 0xBB, 0xBF]) && a.dropFirst(3) == b)
        #expect(String(decoding: b, as: UTF8.self).contains("有效高新技术企业,2022,1,"))
        let sharded = try Binary.run([
            "forecast", "--input", path, "--horizon", "2", "--excel", "--shard", "1/2", "--out", dir.path + "/p",
        ])
        #expect(sharded.status == 64 && sharded.stderr.contains("--excel goes with a whole batch"))
    }

    /// A forecast shard's part folder that holds someone else's files is refused (exit 73) and
    /// the files stay, as a run's part is (mutation round seed 162: `force: false` as `true`
    /// replaced the folder, and the file was lost). A part folder of plancast's own is replaced.
    @Test func aForecastPartNeverReplacesForeignFiles() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(Self.input, "in.csv", in: dir)
        let part = dir.appendingPathComponent("p/part-1-of-1")
        try FileManager.default.createDirectory(at: part, withIntermediateDirectories: true)
        let notes = part.appendingPathComponent("notes.txt")
        try "mine".write(to: notes, atomically: true, encoding: .utf8)
        let shard = ["forecast", "--input", path, "--horizon", "2", "--shard", "1/1", "--out", dir.path + "/p"]
        let refused = try Binary.run(shard)
        #expect(refused.status == 73, "\(refused.stderr)")
        #expect(try String(contentsOf: notes, encoding: .utf8) == "mine")
        try FileManager.default.removeItem(at: notes)
        #expect(try Binary.run(shard).status == 0)
        let again = try Binary.run(shard)
        #expect(
            again.status == 0 && FileManager.default.fileExists(atPath: part.path + "/part.json"), "\(again.stderr)")
    }

    @Test func sameInputSameOutputWhateverTheThreads() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(Self.input, "in.csv", in: dir)
        let one = try Binary.run(["forecast", "--input", path, "--horizon", "2", "--threads", "1"])
        let two = try Binary.run(["forecast", "--input", path, "--horizon", "2", "--threads", "2"])
        #expect(one.stdout == two.stdout)
    }

    @Test func badInputExits65AndWritesNothing() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.csv").path
        let cases: [(String, String)] = [
            ("series_id,period,value\na,2020,1\na,2021,x\n", ":3:3:"),
            ("series_id,period,value\na,20x0,1\n", ":2:2:"),
            ("series_id,period,value\na,2020,1\na,2020,2\n", ":3:2:"),
            ("series_id,period\na,2020\n", ":1:"),
            ("series_id,period,value\n", ":1:"),
        ]
        for (k, (text, loc)) in cases.enumerated() {
            let path = try write(text, "bad\(k).csv", in: dir)
            let run = try Binary.run(["forecast", "--input", path, "--horizon", "2", "--output", out])
            #expect(run.status == 65, "case \(k): \(run.stderr)")
            #expect(run.stderr.contains("bad\(k).csv\(loc)"), "case \(k): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        // Values outside the range of the --kind given, at their cell, for each command that reads
        // series (they were forecast clamped to the range, 0.0 on every row); 0 and 100 are shares.
        let negative = try write("series_id,period,value\na,2020,3\na,2021,-5\n", "negative.csv", in: dir)
        let shares = try write("series_id,2020,2021\na,0,100\nb,50,1e12\n", "shares.csv", in: dir)
        for (command, path, kind, place, ok) in [
            ("forecast", negative, "stock", "negative.csv:3:3:", false), ("forecast", negative, "flow", "", false),
            ("forecast", negative, "level", "", false), ("forecast", negative, "net_change", "", true),
            ("forecast", negative, "auto", "", true), ("forecast", shares, "share", "shares.csv:3:3:", false),
            ("backtest", negative, "stock", "negative.csv:3:3:", false), ("library", negative, "flow", "", false),
        ] {
            let target = command == "library" ? ["--output", out] : command == "forecast" ? ["--output", out] : []
            let r = try Binary.run(
                [command, "--input", path, "--kind", kind] + (command == "library" ? [] : ["--horizon", "2"]) + target)
            #expect((r.status == 0) == ok, "\(command) \(kind): \(r.stderr)")
            if !ok {
                #expect(
                    r.status == 65 && (place.isEmpty || r.stderr.contains(place))
                        && r.stderr.contains("out of range for --kind \(kind)"))
                #expect(!FileManager.default.fileExists(atPath: out), "\(command) \(kind)")
            }
            try? FileManager.default.removeItem(atPath: out)
        }
        let onlyShares = try write("series_id,2020,2021\na,0,100\nb,50,60\n", "shares-ok.csv", in: dir)
        let zeroAndHundred = try Binary.run(["forecast", "--input", onlyShares, "--kind", "share", "--horizon", "2"])
        #expect(zeroAndHundred.status == 0, "\(zeroAndHundred.stderr)")
        let usage = try Binary.run(["forecast", "--input", try write(Self.input, "ok.csv", in: dir), "--horizon", "0"])
        #expect(usage.status == 64)
        // A level is a percentage strictly between 0 and 100: 0 and 100 are not intervals.
        for levels in ["80,150", "0", "100", "80,-5"] {
            let level = try Binary.run([
                "forecast", "--input", try write(Self.input, "ok2.csv", in: dir), "--horizon", "2", "--levels", levels,
            ])
            #expect(level.status == 64, "\(levels)")
            #expect(level.stderr.contains("is not a level in percent between 0 and 100"), "\(levels): \(level.stderr)")
        }
        // A quantile is a probability strictly between 0 and 1.
        for quantiles in ["0", "1", "1.5", "0.5,-0.1"] {
            let q = try Binary.run([
                "forecast", "--input", try write(Self.input, "ok3.csv", in: dir), "--horizon", "2", "--quantiles",
                quantiles,
            ])
            #expect(q.status == 64, "\(quantiles)")
            #expect(q.stderr.contains("is not a probability strictly between 0 and 1"), "\(quantiles): \(q.stderr)")
        }
    }

    @Test func backtestWithSplitReportsTheScorersMetrics() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "series_id,period,value,split\n"
        for s in 0..<6 {
            for t in 0..<12 {
                text +=
                    "s\(s),\(t),\(100 + Double(s * 7 + t * (3 + s)) + Double((t * 37 + s * 11) % 9)),\(t < 9 ? "train" : "test")\n"
            }
        }
        let path = try write(text, "split.csv", in: dir)
        let run = try Binary.run(["backtest", "--input", path, "--horizon", "3", "--quantiles", "0.1,0.5,0.9"])
        #expect(run.status == 0, "\(run.stderr)")
        let metrics = Dictionary(
            uniqueKeysWithValues: run.stdout.split(separator: "\n").dropFirst().map { l -> (String, Double) in
                let p = l.split(separator: ","); return (String(p[0]), Double(p[1]) ?? .nan)
            })
        for k in ["sMAPE", "MASE", "cov80", "cov95", "MSIS95", "SQL", "brier", "ECE"] {
            #expect(metrics[k]?.isFinite == true, "\(k)")
        }
        #expect(metrics["n_series"] == 6)
        // --excel starts both CSVs with a byte-order mark, for Chinese series ids in Excel.
        let fc = dir.appendingPathComponent("f.csv").path
        let excel = try Binary.run([
            "backtest", "--input", path, "--horizon", "3", "--excel", "--forecasts", fc,
        ])
        #expect(excel.status == 0, "\(excel.stderr)")
        #expect(excel.stdout.hasPrefix("\u{FEFF}metric,value\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fc)).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
    }
}

extension ForecastCommandTests {
    @Test func testRowsOfASplitAreHeldOut() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(
            "series_id,period,value,split\na,1,10,train\na,2,11,train\na,3,13,train\na,4,12,train\na,5,99,test\n",
            "s.csv", in: dir)
        let run = try Binary.run(["forecast", "--input", path, "--horizon", "1"])
        #expect(run.status == 0)
        let row = run.stdout.split(separator: "\n")[1].split(separator: ",")
        #expect(row[1] == "5", "forecasts the first held-out period")
        #expect(Double(row[3])! < 20, "the test value 99 is not used as history")
        #expect(run.stderr.contains("held out"))
        // A backtest says which held-out values it cannot score (they were dropped unseen).
        let two = try write(
            "series_id,period,value,split\na,1,10,train\na,2,11,train\na,3,13,train\na,4,12,train\na,5,14,test\n"
                + "a,6,15,test\na,7,16,test\nb,1,5,train\nb,2,6,test\nb,3,7,train\nb,4,8,test\n", "two.csv", in: dir)
        let back = try Binary.run(["backtest", "--input", two, "--horizon", "2"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(
            back.stderr.contains(
                "warning: 1 held-out value of 1 series lies beyond --horizon 2 after its series' last training period and is not scored (first: 'a' 7)"
            ), "\(back.stderr)")
        #expect(
            back.stderr.contains(
                "1 held-out value of 1 series lies at or before its series' last training period and is not scored"))
        #expect(back.stderr.contains("(first: 'b' 2, trained to 3)"), "\(back.stderr)")
        // A series id with a carriage return (legal in a quoted cell) is escaped in warnings.
        let cr = try write("series_id,period,value\n\"cr\rx\",1,5\ny,1,1\ny,2,2\ny,3,3\n", "cr.csv", in: dir)
        let crRun = try Binary.run(["forecast", "--input", cr, "--horizon", "1"])
        #expect(crRun.status == 0 && crRun.stderr.contains("series 'cr\\u{d}x': 1 observation"), "\(crRun.stderr)")
        #expect(!crRun.stderr.contains("\r"))
        let all = try Binary.run(["backtest", "--input", two, "--horizon", "3"])
        #expect(!all.stderr.contains("beyond --horizon"), "\(all.stderr)")
    }
}

extension ForecastCommandTests {
    @Test func forecastsBeyondDoubleRangeAreDroppedWithAWarning() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(
            "series_id,period,value\nx,2020,1e306\nx,2021,1e307\nx,2022,1e308\ny,1,1\ny,2,2\ny,3,3\n", "h.csv", in: dir)
        let run = try Binary.run(["forecast", "--input", path, "--horizon", "2"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("inf") && !run.stdout.contains("nan"))
        #expect(!run.stdout.contains("\nx,"))
        #expect(run.stdout.contains("\ny,4,1,"))
        #expect(run.stderr.contains("'x': the forecast leaves the range"))
    }
}

extension ForecastCommandTests {
    /// Every series read is accounted for: a long-layout series whose cells are all blank was
    /// left out of forecasts and status without a word (the wide layout listed it), and a batch
    /// in which nothing could be forecast wrote a bare header with exit 0 (found 2026-12-04).
    @Test func aSeriesWithoutValuesIsReportedAndAnEmptyBatchIsAnError() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mixed = try write(
            "series_id,period,value\na,2000,\na,2001,NA\nb,2000,1\nb,2001,2\nb,2002,3\n", "m.csv", in: dir)
        let status = dir.appendingPathComponent("status.csv").path
        let run = try Binary.run(["forecast", "--input", mixed, "--horizon", "1", "--status", status])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains("warning: series 'a' has no values (every cell blank); no forecast"), "\(run.stderr)")
        let rows = try String(contentsOfFile: status, encoding: .utf8).split(separator: "\n")
        #expect(rows.contains("a,no_data,0,,insufficient_data,,"), "\(rows)")
        #expect(rows.contains { $0.hasPrefix("b,") })
        // The wide layout says the same of an empty row.
        let wide = try write("series_id,2000,2001,2002\na,,-,\nb,1,2,3\n", "w.csv", in: dir)
        let wideRun = try Binary.run(["forecast", "--input", wide, "--horizon", "1"])
        #expect(wideRun.status == 0 && wideRun.stderr.contains("series 'a' has no values"), "\(wideRun.stderr)")
        // Nothing to forecast (every series blank, or beyond double range): exit 65, no file.
        let output = dir.appendingPathComponent("f.csv").path
        for (name, text) in [
            ("blank.csv", "series_id,period,value\na,2000,\na,2001,\n"),
            ("huge.csv", "series_id,period,value\nx,2020,1e306\nx,2021,1e307\nx,2022,1e308\n"),
        ] {
            let bad = try Binary.run([
                "forecast", "--input", try write(text, name, in: dir), "--horizon", "2", "--output", output,
            ])
            #expect(bad.status == 65, "\(name): \(bad.stderr)")
            #expect(
                bad.stderr.contains("error: \(dir.path)/\(name):2: no series could be forecast (1 read"),
                "\(bad.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output), "\(name): nothing written")
        }
        // Sharded, the same batch merges to the same error (it merged to a bare header).
        let blank = try write("series_id,period,value\na,2000,\na,2001,\n", "blank-sharded.csv", in: dir)
        let (cal, calParts, parts) = (
            dir.appendingPathComponent("cal.bin").path, dir.appendingPathComponent("cal-parts").path,
            dir.appendingPathComponent("parts").path
        )
        let shard = ["forecast", "--input", blank, "--horizon", "2", "--shard", "1/1", "--out"]
        #expect(try Binary.run(shard + [calParts]).status == 0)
        #expect(try Binary.run(["merge", calParts, "--out", cal]).status == 0)
        #expect(try Binary.run(shard + [parts, "--calibrated-by", cal]).status == 0)
        let merged = dir.appendingPathComponent("merged").path
        let merge = try Binary.run(["merge", parts, "--out", merged])
        #expect(merge.status == 65 && merge.stderr.contains("no series could be forecast"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: merged))
        // A split backtest that can score nothing (its one test value blank): exit 65, not zeros.
        let split = try write(
            "series_id,period,value,split\na,1,1,train\na,2,2,train\na,3,3,train\na,4,,test\n", "s.csv", in: dir)
        let back = try Binary.run(["backtest", "--input", split, "--horizon", "1"])
        #expect(back.status == 65 && back.stderr.contains("no held-out value could be scored"), "\(back.stderr)")
        #expect(back.stdout.isEmpty)
    }
}
