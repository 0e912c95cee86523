import Foundation
import Testing

@testable import IO
@testable import Runs

/// The run folder's guarantees: whole or absent, never written into someone else's folder,
/// one writer at a time, leftovers of killed runs removed, and edits detected by the manifest.
struct RunFolderTests {
    static func write(_ folder: RunFolder, _ text: String) throws {
        try folder.write(
            RunFolder.outputNames.map { ($0, text) }, manifest: ["tool": "plancast"], byteOrderMark: false)
    }

    @Test func newFolderThenRerunReplacesItWhole() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run").path
        try Self.write(try RunFolder.prepare(path, force: false), "old\n")
        #expect(RunFolder.verify(path).isEmpty)
        try Self.write(try RunFolder.prepare(path, force: false), "new\n")
        #expect(try String(contentsOfFile: path + "/attainment.csv", encoding: .utf8) == "new\n")
        #expect(RunFolder.verify(path).isEmpty)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(siblings.filter { $0.contains("partial") || $0.contains(".old-") }.isEmpty, "\(siblings)")
    }

    @Test func foreignFolderIsRefusedUnlessForced() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("mine").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "my own report\n".write(toFile: path + "/report.html", atomically: true, encoding: .utf8)
        #expect(throws: RunFolderError.self) { try RunFolder.prepare(path, force: false) }
        #expect(try String(contentsOfFile: path + "/report.html", encoding: .utf8) == "my own report\n")
        try Self.write(try RunFolder.prepare(path, force: true), "run\n")
        #expect(RunFolder.verify(path).isEmpty)
        #expect(throws: RunFolderError.self) { try RunFolder.prepare("/", force: true) }
        #expect(throws: RunFolderError.self) { try RunFolder.prepare("  ", force: false) }
    }

    /// A symbolic link to a folder is followed: the run replaces the folder it points to, the
    /// link stays, and the lock and staging sit beside the folder itself. A link to a foreign
    /// folder is refused as that folder is; a link to nothing is refused and nothing is created.
    /// (Until stop 70 the swap replaced the link with the run and left its folder as it was.)
    @Test func aLinkToAFolderIsFollowed() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        let real = dir.appendingPathComponent("real").path, link = dir.appendingPathComponent("latest").path
        try fm.createDirectory(atPath: real, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: link, withDestinationPath: "real")
        for text in ["first\n", "second\n"] {
            let folder = try RunFolder.prepare(link, force: false)
            #expect(folder.path == canonicalPath(real) && folder.lockPath == canonicalPath(dir.path) + "/.real.lock")
            try Self.write(folder, text)
            #expect(try fm.destinationOfSymbolicLink(atPath: link) == "real")
            #expect(try String(contentsOfFile: real + "/attainment.csv", encoding: .utf8) == text)
            #expect(RunFolder.verify(link).isEmpty)
        }
        #expect(try fm.contentsOfDirectory(atPath: dir.path).sorted() == ["latest", "real"])

        try "mine\n".write(toFile: real + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: RunFolderError.self) { try RunFolder.prepare(link, force: false) }
        #expect(fm.fileExists(atPath: real + "/notes.txt"))

        let dangling = dir.appendingPathComponent("dangling").path
        try fm.createSymbolicLink(atPath: dangling, withDestinationPath: "nowhere")
        do {
            _ = try RunFolder.prepare(dangling, force: true)
            Issue.record("a link to nothing was accepted")
        } catch {
            #expect("\(error)".contains("symbolic link to nowhere, which does not exist"), "\(error)")
        }
        #expect(try fm.contentsOfDirectory(atPath: dir.path).sorted() == ["dangling", "latest", "real"])
        // Two links to each other: a loop, said as such.
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("x").path, withDestinationPath: "y")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("y").path, withDestinationPath: "x")
        do {
            _ = try RunFolder.prepare(dir.appendingPathComponent("x").path, force: true)
            Issue.record("a loop of links was accepted")
        } catch {
            #expect("\(error)".contains("a loop of links (to y)"), "\(error)")
        }
    }

    /// The account's home folder is never replaced, whatever `--force` says (mutation round seed
    /// 77 dropped the home from the list with every RunsTests test passing); a folder beneath it
    /// may be, unless it is under version control. The folders above the home are checked by
    /// `HostileInputTests` with a `HOME` stand-in two levels deep (here the home may be `/root`,
    /// whose parent `/` is refused apart).
    @Test func theHomeFolderIsIrreplaceable() {
        let home = canonicalPath(NSHomeDirectory())
        #expect(home != "/", "the test needs a home folder other than /")
        #expect(RunFolder.irreplaceable(home, entries: []) != nil)
        #expect(RunFolder.irreplaceable(home + "/plancast-run", entries: []) == nil)
        #expect(RunFolder.irreplaceable(home + "/plancast-run", entries: [".git"]) != nil)
    }

    /// Even with `--force`, a folder that is or holds an input of the command is refused (mutation
    /// round 107: `||` for `&&` in `holds` passed every test of this target; only the slow
    /// command-line tests saw it). The current folder is checked the same way.
    @Test func aFolderHoldingAnInputIsNeverReplaced() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("plan").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "x".write(toFile: out + "/plan.yaml", atomically: true, encoding: .utf8)
        for input in [out, out + "/plan.yaml", out + "/./plan.yaml"] {
            do {
                _ = try RunFolder.prepare(out, force: true, inputs: [input])
                Issue.record("\(input): replaced")
            } catch {
                guard case .unusable(_, let why, _) = error else {
                    Issue.record("\(input): \(error)")
                    continue
                }
                #expect(why.contains("which this command reads"), "\(why)")
            }
        }
        // A sibling whose name begins with the folder's is not inside it.
        let folder = try RunFolder.prepare(out, force: true, inputs: [out + "-other/plan.yaml"])
        folder.unlock()
    }

    @Test func oneWriterAtATime() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run").path
        let first = try RunFolder.prepare(path, force: false)
        #expect(throws: RunFolderError.self) { try RunFolder.prepare(path, force: false) }
        try Self.write(first, "a\n")
        _ = try RunFolder.prepare(path, force: false)  // free again once the first has written
    }

    /// The lock file lives only while its run writes; a run that opened it just before it was
    /// removed and then locked it holds a file no name leads to, and must lock again.
    @Test func theLockFileGoesWithItsRun() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run").path
        let lockPath = dir.appendingPathComponent(".run.lock").path
        let first = try RunFolder.prepare(path, force: false)
        #expect(FileManager.default.fileExists(atPath: lockPath))
        let late = open(lockPath, O_RDWR)  // a second run, between its open and its flock
        defer { close(late) }
        #expect(RunFolder.names(lockPath, late))
        try Self.write(first, "a\n")
        #expect(!FileManager.default.fileExists(atPath: lockPath))
        #expect(flock(late, LOCK_EX | LOCK_NB) == 0)  // the lock of a removed file...
        #expect(!RunFolder.names(lockPath, late))  // ...which it sees, and so locks again:
        let second = try RunFolder.prepare(path, force: false)
        #expect(RunFolder.names(lockPath, second.lockDescriptor))
        // A new file at the old name is not the one the late run locked: same device, another
        // inode (the late run holds the old one open, so its inode is not reused). Mutation
        // round 139: with the device alone deciding, the late run took its lock as good.
        #expect(!RunFolder.names(lockPath, late))
        #expect(throws: RunFolderError.self) { try RunFolder.prepare(path, force: false) }
        second.unlock()
        #expect(!FileManager.default.fileExists(atPath: lockPath))
        // A refused folder lets go of its lock file too.
        try "x\n".write(toFile: dir.appendingPathComponent("file").path, atomically: true, encoding: .utf8)
        #expect(throws: RunFolderError.self) {
            try RunFolder.prepare(dir.appendingPathComponent("file").path, force: false)
        }
        let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(siblings.filter { $0.hasSuffix(".lock") }.isEmpty, "\(siblings)")
    }

    /// Runs started in the same second without `--out` each get a folder: the name of a run
    /// still writing (locked, no folder yet) counts as taken, as does a finished one.
    @Test func runsStartedInTheSameSecondGetFoldersOfTheirOwn() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let now = Date(timeIntervalSince1970: 1_796_038_543)  // 2026-11-30 11:35:43 UTC
        let parent = dir.appendingPathComponent("runs").path
        let first = try RunFolder.prepareNew(now: now, under: parent)
        let second = try RunFolder.prepareNew(now: now, under: parent)
        #expect(first.path.hasSuffix("/runs/20261130-113543"))
        #expect(second.path.hasSuffix("/runs/20261130-113543-2"))
        try Self.write(first, "a\n")
        try Self.write(second, "b\n")
        let third = try RunFolder.prepareNew(now: now, under: parent)
        #expect(third.path.hasSuffix("/runs/20261130-113543-3"))
    }

    /// A manifest may list only the folder's own output names, and each must be a regular file:
    /// `../other/attainment.csv` verified a file outside the folder, and a FIFO in place of an
    /// output blocked `compare` for ever.
    @Test func manifestsNameOnlyTheFoldersOwnRegularFiles() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run").path
        try Self.write(try RunFolder.prepare(path, force: false), "x\n")
        #expect(RunFolder.verify(path).isEmpty)
        let manifest = path + "/manifest.json"
        let original = try String(contentsOfFile: manifest, encoding: .utf8)
        try original.replacingOccurrences(of: "\"attainment.csv\"", with: "\"../run/attainment.csv\"")
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        #expect(RunFolder.verify(path).contains { $0.contains("not an output of this kind of folder") })
        try original.write(toFile: manifest, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path + "/report.html")
        #expect(mkfifo(path + "/report.html", 0o644) == 0)
        #expect(RunFolder.verify(path) == ["report.html is not a regular file"])
    }

    /// The settings `compare` reports must have the types plancast writes: a manifest edited to
    /// seed "x", paths null or a model list null still verified (and `compare` said REPRODUCES).
    /// Valid values include 0 and 1, which Linux's JSON reader also casts to Bool.
    @Test func editedSettingsInTheManifestAreFound() {
        let good: [String: Any] = [
            "tool": "plancast", "version": "0.1.0", "seed": 1, "paths": 100, "threads": 1, "as_of": NSNull(),
            "language": "zh", "excel": false, "sensitivity": true,
            "inputs": [["path": "plan.yaml", "sha256": String(repeating: "a", count: 64)]],
            "models": ["baseline": ["gdp": ["models": ["drift"], "transform": "log", "observations": 1]]],
            "plan": ["folder": "plans/k", "id": "k"], "scenarios": [["name": "baseline", "file": ""]],
        ]
        #expect(RunFolder.settingProblems(good, name: "manifest.json").isEmpty)
        // Every value `run` accepts: any 64-bit seed (a seed above 10^15 was called edited until
        // 2026-12-03), paths and as-of years at both ends of their ranges.
        for (key, value) in [
            ("seed", UInt64.max as Any), ("seed", 0), ("paths", 100), ("paths", 50_000_000), ("as_of", 1900),
            ("as_of", 2200),
        ] {
            var m = good
            m[key] = value
            #expect(RunFolder.settingProblems(m, name: "manifest.json").isEmpty, "\(key) = \(value)")
        }
        let edits: [(String, Any)] = [
            ("seed", "x"), ("paths", NSNull()), ("paths", 0.5), ("threads", -2), ("language", "fr"), ("excel", 7),
            // Beyond what `run` accepts, which `reproduce` refused and `compare` passed.
            ("seed", 1.5), ("seed", -1), ("seed", 18_446_744_073_709_551_616.0), ("paths", 99), ("paths", 50_000_001),
            ("paths", 1e15), ("as_of", 1899), ("as_of", 99999),
            // JSON's true is no number, although Linux's reader gives it as 1 (until 2026-12-07
            // a manifest's threads or seed of true passed).
            ("threads", true), ("seed", true), ("seed", false),
            ("plan", NSNull()), ("plan", ["folder": "plans/k"]), ("scenarios", NSNull()), ("scenarios", [Any]()),
            ("scenarios", [["name": "baseline"]]), ("scenarios", [[[Any]()]]),
            ("tool", "other"), ("inputs", [["path": "plan.yaml", "sha256": "zz"]]),
            // A hash must be 64 hex digits: neither alone will do (mutation round 107).
            ("inputs", [["path": "plan.yaml", "sha256": "abc"]]),
            ("inputs", [["path": "plan.yaml", "sha256": String(repeating: "z", count: 64)]]),
            ("models", ["baseline": ["gdp": ["models": NSNull(), "transform": "log", "observations": 1]]]),
            // Each entry's parts: a count of observations missing or below 0, a transform missing.
            ("models", ["baseline": ["gdp": ["models": ["drift"], "transform": "log"]]]),
            ("models", ["baseline": ["gdp": ["models": ["drift"], "transform": "log", "observations": -1]]]),
            ("models", ["baseline": ["gdp": ["models": ["drift"], "observations": 1]]]),
        ]
        for (key, value) in edits {
            var m = good
            m[key] = value
            let problems = RunFolder.settingProblems(m, name: "manifest.json")
            #expect(problems.count == 1 && problems[0].contains("'\(key)'"), "\(key): \(problems)")
            // The same problem in Chinese, for compare and reproduce under --lang zh.
            let texts = RunFolder.settingProblemTexts(m, name: "manifest.json")
            #expect(texts.count == 1 && texts[0].zh.hasPrefix("manifest.json 中的“\(key)”是 "), "\(key): \(texts)")
        }
        var edited = good
        edited["seed"] = "x"
        #expect(
            RunFolder.settingProblemTexts(edited, name: "manifest.json").map(\.zh) == [
                "manifest.json 中的“seed”是 x，不是 0 到 2^64 − 1 之间的整数（被修改过？）"
            ])
    }

    @Test func leftoversOfDeadRunsAreRemoved() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // PID 2^22 + 1 is above Linux's pid_max default, so no process has it.
        let stale = dir.appendingPathComponent(".run.partial-4194305").path
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        try Self.write(try RunFolder.prepare(dir.appendingPathComponent("run").path, force: false), "x\n")
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test func verifyNamesEditedMissingAndAddedFiles() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run").path
        try Self.write(try RunFolder.prepare(path, force: false), "x\n")
        try "edited\n".write(toFile: path + "/sensitivity.csv", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path + "/forecasts.csv")
        try "?".write(toFile: path + "/notes.txt", atomically: true, encoding: .utf8)
        let problems = RunFolder.verify(path)
        #expect(problems.contains { $0.hasPrefix("sensitivity.csv does not match") })
        #expect(problems.contains { $0.hasPrefix("forecasts.csv is missing") })
        #expect(problems.contains { $0.hasPrefix("notes.txt is not part of the run") })
    }

    /// A manifest that is not valid JSON, or holds a setting of the wrong kind, is an error at
    /// its line and column: both read "manifest.json is missing or not valid JSON" (or had no
    /// place) until stop 68.
    @Test func aBrokenManifestIsPlaced() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run").path
        try RunFolder.prepare(path, force: false).write(
            RunFolder.outputNames.map { ($0, "x\n") }, manifest: ["tool": "plancast", "seed": 7], byteOrderMark: false)
        let manifest = path + "/manifest.json"
        let original = try String(contentsOfFile: manifest, encoding: .utf8)
        func failure() -> InputError? {
            do {
                try RunFolder.requireWholeRun(path, command: "compare", hint: "h", hintZh: "h")
                return nil
            } catch { return error }
        }
        #expect(failure() == nil)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(3).joined(separator: "\n")
        try cut.write(toFile: manifest, atomically: true, encoding: .utf8)
        let e = try #require(failure())
        #expect(e.file == manifest && e.line == 3 && e.column == lines[2].count + 1, "\(e)")
        #expect(e.message.contains("not valid JSON"), "\(e.message)")
        let seedLine = try #require(lines.firstIndex { $0.contains("\"seed\"") })
        try original.replacing(#/"seed"( ?): 7/#) { "\"seed\"\($0.output.1): -7" }
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        let s = try #require(failure())
        #expect(s.line == seedLine + 1 && s.column == 3 && s.message.contains("'seed' = -7"), "\(s)")
        try FileManager.default.removeItem(atPath: manifest)
        #expect(try #require(failure()).message.contains("manifest.json is missing"))
    }

    /// A failed system call on the folder gives the system's reason in each language (mutation
    /// round 107: the Chinese message could carry the English reason and no test saw it).
    @Test func aFailedCallOnTheFolderSaysWhyInBothLanguages() {
        guard
            case .unusable(let path, let en, let zh) = RunFolderError.failed(
                "out", "cannot create the folder", zh: "无法创建目录", errno: EACCES)
        else {
            Issue.record("not .unusable")
            return
        }
        #expect(path == "out")
        #expect(en == "cannot create the folder (\(String(cString: strerror(EACCES))))", "\(en)")
        #expect(zh == "无法创建目录（没有写入权限）", "\(zh)")
        // A full disk is told as the write that failed, in each language (mutation round 204:
        // the Chinese text could be the English one and no test saw it).
        let full = RunFolderError.full(OutputError(file: "out/report.html", errno: ENOSPC))
        #expect(full.text(chinese: true).hasPrefix("out/report.html：无法写入文件（磁盘没有剩余空间）"), "\(full.text(chinese: true))")
        #expect(full.text(chinese: false).hasPrefix("out/report.html: cannot write the file ("), "\(full)")
    }
}
