import CFileSwap
import Foundation
import IO

#if canImport(Glibc)
    import Glibc
#endif

/// A run folder written so that it is always whole: every output and `manifest.json` (with the
/// SHA-256 of each output) are staged in a hidden sibling `.NAME.partial-PID`, then moved into
/// place in one step — a rename for a new folder, an atomic exchange (`renameat2`) for a
/// previous run. A kill at any moment leaves the old run or the new one, never a mix; the
/// leftovers of a killed run are removed by the next run into the same place.
///
/// A folder that holds anything but a plancast run is refused unless `force` (then it is
/// replaced whole). Two runs into one folder at once: the second stops at the start, as a lock
/// (`flock` on a hidden sibling `.NAME.lock`) is held from preparation to the swap. The lock
/// file is removed when the lock is released (after the swap, on an error or an interruption);
/// a run that locked a file since removed locks again (`acquireLock`).
public struct RunFolder: Sendable {
    /// The files a folder of its kind holds, besides its manifest.
    public struct Layout: Sendable {
        public let outputs: [String]
        public let manifest: String
        /// A run folder: the tables, the report and `manifest.json`.
        public static let run = Layout(
            outputs: ["attainment.csv", "forecasts.csv", "comparison.csv", "sensitivity.csv", "report.html"],
            manifest: "manifest.json")
        /// A shard's part folder (`run --shard`, `forecast --shard`): raw tallies and `part.json`.
        public static let part = Layout(outputs: ["tally.bin"], manifest: "part.json")
        /// An evaluation against known outcomes (`plancast evaluate`).
        public static let evaluation = Layout(
            outputs: [
                "evaluation.csv", "scores.csv", "reliability.csv", "report.html", "recalibration.json",
            ], manifest: "manifest.json")
        /// A merged sharded forecast: the files `forecast --output/--status/--calibration` write.
        public static let forecast = Layout(
            outputs: ["forecasts.csv", "status.csv", "calibration.csv"], manifest: "manifest.json")
    }

    /// The files a run folder holds.
    public static var outputNames: [String] { Layout.run.outputs }
    static var manifestName: String { Layout.run.manifest }

    public let path: String
    let lockDescriptor: Int32
    let lockPath: String
    let layout: Layout

    /// A new folder under `runs/` (or `parent`) named by the UTC time (`runs/20261130-113517`), with a suffix
    /// (`-2`, `-3`, …) when that name is taken, checked and locked like `prepare`.
    ///
    /// A name counts as taken when the folder exists or another run holds its lock: runs
    /// started in the same second (a script starting several at once) each get a folder of their
    /// own. Before 2026-11-30 only existing folders counted, so of three runs started together
    /// two stopped with "another plancast run is writing" (exit 73).
    static func prepareNew(
        now: Date = Date(), under parent: String = "runs", layout: Layout = .run, inputs: [String] = []
    ) throws(RunFolderError) -> RunFolder {
        let f = DateFormatter()
        // Fixed locale: a user's calendar or digits (Buddhist era, Arabic-Indic) must not rename runs.
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.timeZone = TimeZone(identifier: "UTC")
        let stem = parent + "/" + f.string(from: now)
        for k in 1...1000 {
            let name = k == 1 ? stem : stem + "-\(k)"
            if FileManager.default.fileExists(atPath: name) { continue }
            let folder: RunFolder
            do {
                folder = try prepare(name, force: false, layout: layout, inputs: inputs)
            } catch .busy {
                continue
            }
            // A run that held the lock may have finished between the check and the lock.
            if FileManager.default.fileExists(atPath: name) {
                folder.unlock()
                continue
            }
            return folder
        }
        throw .unusable(
            stem, "a thousand runs were started in that second; name the folder with --out",
            zh: "同一秒内已启动了一千次运行；请用 --out 指定目录")
    }

    /// Checks the target, removes leftovers of dead runs beside it and takes the lock.
    ///
    /// A folder is replaced whole, so it must not hold the current folder or any of `inputs`
    /// (the files and folders the command reads): `run --out . --force` emptied the folder it
    /// was started in, and `--out PLAN_DIR --force` deleted the plan it had just read.
    static func prepare(_ path: String, force: Bool, layout: Layout = .run, inputs: [String] = [])
        throws(RunFolderError) -> RunFolder
    {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .unusable(path, "the output folder name is empty", zh: "输出目录名是空的") }
        let url = try followingLink(URL(fileURLWithPath: trimmed).standardizedFileURL, named: path)
        let name = url.lastPathComponent
        guard url.path != "/", !name.isEmpty, name != ".", name != ".." else {
            throw .unusable(
                path, "a run needs a folder of its own, not the file system's root", zh: "一次运行需要自己的目录，不能是文件系统的根目录")
        }
        let target = canonicalPath(url.path)
        func holds(_ p: String) -> Bool {
            let c = canonicalPath(p)
            return c == target || c.hasPrefix(target + "/")
        }
        if holds(FileManager.default.currentDirectoryPath) {
            throw .unusable(
                path, "it holds the current folder, and an output folder is replaced whole; name a new folder",
                zh: "它包含当前所在的目录，而输出目录会被整个替换；请指定一个新目录")
        }
        if let input = inputs.first(where: holds) {
            throw .unusable(
                path, "it holds \(input), which this command reads; name another folder",
                zh: "它包含这条命令要读取的“\(input)”；请另选一个目录")
        }
        let parent = url.deletingLastPathComponent().path
        // Folders this command creates above its output are removed again if it fails (empty
        // only); not for a shard's part, whose folder other shards share.
        var missing = [String](), above = url.deletingLastPathComponent()
        while above.path != "/" && !FileManager.default.fileExists(atPath: above.path) {
            missing.append(above.path)
            above.deleteLastPathComponent()
        }
        try Leftovers.changing { () throws(RunFolderError) in
            if layout.manifest != Layout.part.manifest { missing.forEach(Leftovers.addFolder) }
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                if let code = noSpaceErrno(error) { throw .full(OutputError(file: parent, errno: code)) }
                throw .unusable(path, "cannot create its parent folder \(parent)", zh: "无法创建它的上级目录“\(parent)”")
            }
        }
        let lockPath = parent + "/." + name + ".lock"
        let fd = try acquireLock(lockPath, for: path)
        let folder = RunFolder(path: url.path, lockDescriptor: fd, lockPath: lockPath, layout: layout)
        removeLeftovers(parent: parent, name: name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                folder.unlock()
                throw .unusable(path, "a file of that name exists", zh: "已有一个同名的文件")
            }
            let foreign = foreignEntries(url.path, layout: layout)
            if !foreign.isEmpty && !force {
                folder.unlock()
                throw .notARun(path, foreign)
            }
            if !foreign.isEmpty, let why = irreplaceable(target, entries: foreign) {
                folder.unlock()
                throw .unusable(path, why.en, zh: why.zh)
            }
        }
        return folder
    }

    /// The folder a symbolic link names, so that a run replaces the folder it points to and the
    /// link stays (`--out latest` with `latest -> runs/2026-12`), as `writeAtomically` follows a
    /// link to a file; `url` itself if it is not a link. Until stop 70 the swap replaced the link
    /// itself with the run, and the folder it named was left as it was. A link to nothing is
    /// refused: which folder to create is the user's to say.
    static func followingLink(_ url: URL, named path: String) throws(RunFolderError) -> URL {
        var st = stat()
        guard lstat(url.path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return url }
        guard stat(url.path, &st) == 0 else {
            let code = errno
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
            if code == ELOOP {
                throw .unusable(
                    path, "it is a symbolic link in a loop of links (to \(target)); name a folder",
                    zh: "它是一个循环的符号链接（指向“\(target)”）；请指定一个目录")
            }
            throw .unusable(
                path, "it is a symbolic link to \(target), which does not exist; create that folder or name another",
                zh: "它是指向“\(target)”的符号链接，而那里不存在；请先创建那个目录，或另选一个目录")
        }
        return URL(fileURLWithPath: canonicalPath(url.path))
    }

    /// Why a folder that is not a run must not be replaced even with `--force`, or nil: the
    /// home folder or one above it (`--out ~ --force` started elsewhere would have deleted the
    /// home folder), or a folder under version control (`.git`), where a typo in `--out`
    /// costs a repository.
    static func irreplaceable(_ canonical: String, entries: [String]) -> (en: String, zh: String)? {
        // `HOME` as the shell has it, and the account's home (they differ under sudo or env).
        let homes = [ProcessInfo.processInfo.environment["HOME"], NSHomeDirectory()].compactMap { $0 }
            .filter { !$0.isEmpty }.map(canonicalPath).filter { $0 != "/" }
        if homes.contains(where: { canonical == $0 || $0.hasPrefix(canonical + "/") }) {
            return (
                "it is the home folder or holds it; --force never replaces that: name a new folder",
                "它是主目录或包含主目录；--force 从不替换它：请指定一个新目录"
            )
        }
        if entries.contains(".git") {
            return (
                "it is under version control (.git); --force never replaces that: name a new folder",
                "它在版本控制之下（.git）；--force 从不替换它：请指定一个新目录"
            )
        }
        return nil
    }

    /// Creates and locks (`flock`, without waiting) the lock file at `lockPath`; `.busy` if another
    /// run holds it.
    ///
    /// A run removes its lock file when it lets go, so the file this process opened may have
    /// been removed between its `open` and its `flock` (and a third run may have locked a new
    /// file of the same name): the lock counts only if `lockPath` still names the locked file
    /// (same device and inode); otherwise it is taken again. Until 2026-12-01 lock files were
    /// never removed, and every run left its `.NAME.lock` beside its folder for good.
    static func acquireLock(_ lockPath: String, for path: String) throws(RunFolderError) -> Int32 {
        for _ in 0..<100 {
            // Created, locked and registered with no clean-up in between (`Leftovers.changing`).
            let locked = try Leftovers.changing { () throws(RunFolderError) -> Int32? in
                let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
                guard fd >= 0 else {
                    let code = errno
                    // A full disk or quota (no room even for the empty lock file) is an output
                    // that could not be written (exit 74), not a folder refused.
                    if code == ENOSPC || code == EDQUOT { throw .full(OutputError(file: path, errno: code)) }
                    let parent = (lockPath as NSString).deletingLastPathComponent
                    throw .failed(path, "cannot write in \(parent)", zh: "无法在“\(parent)”中写入", errno: code)
                }
                guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                    close(fd)
                    throw .busy(path)
                }
                if names(lockPath, fd) {
                    Leftovers.add(lockPath)
                    return fd
                }
                close(fd)  // removed by the run that let go of it: lock the file now at that name
                return nil
            }
            if let fd = locked { return fd }
        }
        throw .busy(path)
    }

    /// `ENOSPC` or `EDQUOT` when Foundation's `error` is a full disk or quota; nil otherwise.
    static func noSpaceErrno(_ error: any Error) -> Int32? {
        let ns = error as NSError
        let posix = ns.domain == NSPOSIXErrorDomain ? ns : ns.userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix, posix.domain == NSPOSIXErrorDomain, [ENOSPC, EDQUOT].contains(Int32(posix.code)) {
            return Int32(posix.code)
        }
        if ns.domain == NSCocoaErrorDomain && ns.code == CocoaError.fileWriteOutOfSpace.rawValue { return ENOSPC }
        return nil
    }

    /// Whether `path` names the open file `fd` (same device and inode).
    static func names(_ path: String, _ fd: Int32) -> Bool {
        var held = stat(), named = stat()
        return fstat(fd, &held) == 0 && stat(path, &named) == 0 && held.st_dev == named.st_dev
            && held.st_ino == named.st_ino
    }

    /// Removes the lock file and releases the lock (in that order, so that no run locks the
    /// file after this one and then loses it).
    func unlock() {
        unlink(lockPath)
        Leftovers.remove(lockPath)
        close(lockDescriptor)
    }

    /// Entries that a run folder does not hold (empty for a previous run or an empty folder).
    static func foreignEntries(_ path: String, layout: Layout = .run) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]
        let known = Set(layout.outputs + [layout.manifest])
        let foreign = entries.filter { !known.contains($0) }.sorted()
        if !foreign.isEmpty { return foreign }
        // Known names without a manifest: not something plancast wrote.
        return entries.isEmpty || entries.contains(layout.manifest) ? [] : entries.sorted()
    }

    /// Removes `.NAME.partial-PID` and `.NAME.old-PID` folders whose process is gone.
    static func removeLeftovers(parent: String, name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for e in entries {
            for marker in [".\(name).partial-", ".\(name).old-"] where e.hasPrefix(marker) {
                guard let pid = Int32(e.dropFirst(marker.count)) else { continue }
                if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                    try? FileManager.default.removeItem(atPath: parent + "/" + e)
                }
            }
        }
    }

    /// Writes `outputs` (name, text) and the manifest, which `manifest` completes with the
    /// outputs' hashes, then swaps the staged folder into place and releases the lock.
    func write(_ outputs: [(name: String, text: String)], manifest: [String: Any], byteOrderMark: Bool) throws {
        try write(
            data: outputs.map { o in
                var d = Data()
                if byteOrderMark && o.name.hasSuffix(".csv") { d.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
                d.append(contentsOf: Array(o.text.utf8))
                return (o.name, d)
            }, manifest: manifest)
    }

    /// Writes `outputs` (name, bytes) and the manifest with their hashes; see `write(_:manifest:byteOrderMark:)`.
    func write(data outputs: [(name: String, data: Data)], manifest: [String: Any]) throws {
        defer { unlock() }
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path, name = url.lastPathComponent
        let staging = parent + "/.\(name).partial-\(getpid())"
        let fm = FileManager.default
        try? fm.removeItem(atPath: staging)
        defer { Leftovers.remove(staging) }
        // Registered and created with no clean-up in between (`Leftovers.changing`); each file
        // in it is written the same way (`writeAtomically`).
        let made = Leftovers.changing { () -> Int32? in
            Leftovers.add(staging)
            return mkdir(staging, 0o755) == 0 ? nil : errno
        }
        if let code = made {
            // A full disk or quota is an output that could not be written (exit 74), not a folder refused.
            if code == ENOSPC || code == EDQUOT { throw OutputError(file: path, errno: code) }
            throw RunFolderError.failed(path, "cannot create a folder beside it", zh: "无法在它旁边创建目录", errno: code)
        }
        do {
            // Errors name the file where it was going (`OUT/attainment.csv`), not the staging folder.
            func staged(_ file: String, _ write: () throws(OutputError) -> Void) throws(OutputError) {
                do { try write() } catch {
                    throw OutputError(file: path + "/" + file, error.reason, zh: error.reasonZh)
                }
            }
            for (file, data) in outputs {
                try staged(file) { () throws(OutputError) in try writeAtomically(data, to: staging + "/" + file) }
            }
            var m = manifest
            var entries = [[String: Any]]()
            for (file, _) in outputs {
                var e = try FileDigest.entry(staging + "/" + file)
                e["path"] = file
                entries.append(e)
            }
            m["outputs"] = entries
            let text = JSONFile.text(m)
            try staged(layout.manifest) { () throws(OutputError) in
                try writeTextAtomically(text, to: staging + "/" + layout.manifest)
            }
            try swapIntoPlace(staging: staging, parent: parent, name: name)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }

    /// A rename for a new folder; an atomic exchange with a previous one, which is then removed.
    func swapIntoPlace(staging: String, parent: String, name: String) throws(RunFolderError) {
        if !FileManager.default.fileExists(atPath: path) {
            guard rename(staging, path) == 0 else {
                throw .failed(path, "cannot move the finished run into place", zh: "无法把完成的运行移到位", errno: errno)
            }
            return
        }
        guard plancast_exchange_paths(staging, path) == 0 else {
            throw .failed(
                path, "cannot swap the finished run into place", zh: "无法用完成的运行替换原有的运行", errno: errno)
        }
        // `staging` now holds the previous run: remove it.
        let old = parent + "/.\(name).old-\(getpid())"
        Leftovers.add(old)
        defer { Leftovers.remove(old) }
        if rename(staging, old) == 0 {
            try? FileManager.default.removeItem(atPath: old)
        } else {
            try? FileManager.default.removeItem(atPath: staging)
        }
    }

    /// Refuses a folder that is not a whole run written by `plancast run`: an evaluation folder,
    /// or one whose files do not match its manifest (the first problem, at its file). `command`
    /// names the command in the evaluation hint; `hint` says what to do about a failed manifest.
    public static func requireWholeRun(_ folder: String, command: String, hint: String, hintZh: String)
        throws(InputError)
    {
        if FileManager.default.fileExists(atPath: folder + "/evaluation.csv") {
            throw InputError(
                file: folder, "an evaluation folder, not a run folder",
                hint: "\(command) reads folders that plancast run wrote (--out)",
                zh: "这是评估（evaluate）目录，不是运行目录", hintZh: "\(command) 读取 plancast run 写出的目录（--out）")
        }
        if let problem = problems(folder).first {
            let file = problem.en.split(separator: " ").first.map(String.init) ?? "manifest.json"
            throw InputError(
                file: folder + "/" + file, line: problem.line, column: problem.column,
                "the run folder fails its manifest: \(problem.en)", hint: hint,
                zh: "运行目录与其 manifest 不符：\(problem.zh)", hintZh: hintZh)
        }
    }

    /// The files of a run folder that do not match its manifest (missing, altered or added),
    /// or why the folder cannot be checked. Empty: the folder is a whole, unaltered run.
    public static func verify(_ path: String, layout: Layout = .run) -> [String] {
        problems(path, layout: layout).map(\.en)
    }

    /// One way a folder fails its manifest: `en` and `zh` begin with the file it is about;
    /// `line` and `column` say where in the manifest, when the problem has a place there.
    struct Problem {
        let en: String
        let zh: String
        var line: Int? = nil
        var column: Int? = nil

        init(_ en: String, _ zh: String, line: Int? = nil, column: Int? = nil) {
            (self.en, self.zh, self.line, self.column) = (en, zh, line, column)
        }
    }

    /// `verify`'s problems in English and in Chinese, each beginning with the file it is about.
    /// A manifest that is not valid JSON, or a setting of the wrong kind, is placed at its line
    /// and column (both read "missing or not valid JSON", with no place, until stop 68).
    static func problems(_ path: String, layout: Layout = .run) -> [Problem] {
        let manifestName = layout.manifest
        guard let data = FileManager.default.contents(atPath: path + "/" + manifestName) else {
            return [Problem("\(manifestName) is missing or cannot be read", "\(manifestName) 缺失或无法读取")]
        }
        let manifest: [String: Any]
        do {
            manifest = try JSONFile.parse(data, file: manifestName, what: manifestName, zh: manifestName + " ")
        } catch {
            return [Problem(error.message, error.messageZh ?? error.message, line: error.line, column: error.column)]
        }
        guard let outputs = manifest["outputs"] as? [[String: Any]], !outputs.isEmpty else {
            let (line, column) = JSONFile.position(ofKey: "outputs", in: data)
            return [
                Problem("\(manifestName) lists no outputs", "\(manifestName) 没有列出任何输出文件", line: line, column: column)
            ]
        }
        var problems = [Problem]()
        var listed = Set<String>()
        for e in outputs {
            guard let file = e["path"] as? String, let hash = e["sha256"] as? String else {
                problems.append(
                    Problem(
                        "\(manifestName) has an output entry without path or sha256",
                        "\(manifestName) 中有一项输出缺少 path 或 sha256"
                    ))
                continue
            }
            // Only the layout's own file names: a manifest naming `../../x` would have had a
            // file outside the folder verified, and a FIFO would have blocked the reader.
            guard layout.outputs.contains(file) else {
                problems.append(
                    Problem(
                        "\(manifestName) lists '\(file)', which is not an output of this kind of folder",
                        "\(manifestName) 列出了“\(file)”，它不是这类目录的输出文件"
                    ))
                continue
            }
            listed.insert(file)
            var st = stat()
            if lstat(path + "/" + file, &st) == 0, st.st_mode & S_IFMT != S_IFREG {
                problems.append(Problem("\(file) is not a regular file", "\(file) 不是普通文件"))
                continue
            }
            guard let actual = try? sha256Hex(path: path + "/" + file) else {
                problems.append(Problem("\(file) is missing", "\(file) 缺失"))
                continue
            }
            if actual != hash {
                problems.append(
                    Problem(
                        "\(file) does not match its SHA-256 in the manifest (edited?)",
                        "\(file) 与 manifest 中记录的 SHA-256 不符（被修改过？）"
                    ))
            }
        }
        let extra = foreignEntries(path, layout: layout).filter { !listed.contains($0) }
        for e in extra { problems.append(Problem("\(e) is not part of the run", "\(e) 不属于这次运行")) }
        if layout.manifest == Layout.run.manifest && layout.outputs == Layout.run.outputs {
            problems += settingProblemTexts(manifest, name: manifestName).map { p in
                let (line, column) = JSONFile.position(ofKey: p.key, in: data)
                return Problem(p.en, p.zh, line: line, column: column)
            }
        }
        return problems
    }

    /// The settings `compare` reports, each of the type and range plancast writes: a manifest
    /// whose seed read "x" or whose paths were null still verified, and `compare` said REPRODUCES
    /// beside "setting seed: 20220715 → x" (found 2026-11-30 by editing manifests). The ranges
    /// are `run`'s own, so that `compare` and `reproduce` agree on what a manifest may hold:
    /// until 2026-12-03 `compare` passed paths of 10^15 and an `as_of` of 99999 that `reproduce`
    /// refused, and refused a run's own seed above 10^15 (`run --seed` takes any 64-bit seed) as
    /// "edited?". Keys an older plancast did not write may be absent.
    static func settingProblems(_ m: [String: Any], name: String) -> [String] {
        settingProblemTexts(m, name: name).map(\.en)
    }

    /// `settingProblems` in English and in Chinese.
    static func settingProblemTexts(_ m: [String: Any], name: String) -> [(en: String, zh: String, key: String)] {
        // JSON numbers and booleans both arrive as NSNumber on Linux (and 1 casts to Bool).
        func whole(_ v: Any, atLeast low: Double) -> Bool {
            guard let d = JSONFile.number(v) else { return false }
            return d.isFinite && d == d.rounded() && d >= low && d <= 1e15
        }
        func flag(_ v: Any) -> Bool { (v as? NSNumber).map { $0.doubleValue == 0 || $0.doubleValue == 1 } ?? false }
        func text(_ v: Any?) -> String? { v as? String }
        var problems = [(en: String, zh: String, key: String)]()
        func check(_ key: String, _ what: String, zh whatZh: String, _ ok: (Any) -> Bool) {
            guard let v = m[key], !ok(v) else { return }
            let full = v is NSNull ? "null" : String(describing: v)
            let shown = full.count > 60 ? full.prefix(60) + "…" : full
            problems.append(
                (
                    "\(name) has '\(key)' = \(shown), not \(what) (edited?)",
                    "\(name) 中的“\(key)”是 \(shown)，不是\(whatZh)（被修改过？）", key
                ))
        }
        check("tool", "plancast", zh: " plancast") { text($0) == "plancast" }
        check("version", "a version", zh: "版本号") { !(text($0) ?? "").isEmpty }
        func within(_ v: Any, _ range: ClosedRange<Int>) -> Bool {
            guard whole(v, atLeast: Double(range.lowerBound)), let n = v as? NSNumber else { return false }
            return n.doubleValue <= Double(range.upperBound)
        }
        let paths = RunRequest.pathRange, years = RunRequest.yearRange
        // A seed is any 64-bit whole number (JSON numbers keep all 64 bits on reading).
        check("seed", "a whole number from 0 to 2^64 − 1", zh: " 0 到 2^64 − 1 之间的整数") { v in
            JSONFile.unsigned(v) != nil
        }
        check(
            "paths", "a whole number from \(paths.lowerBound) to \(paths.upperBound)",
            zh: " \(paths.lowerBound) 到 \(paths.upperBound) 之间的整数"
        ) { within($0, paths) }
        check("threads", "a whole number ≥ 1", zh: " ≥ 1 的整数") { whole($0, atLeast: 1) }
        check(
            "as_of", "a year from \(years.lowerBound) to \(years.upperBound), or null",
            zh: " \(years.lowerBound) 到 \(years.upperBound) 之间的年份或 null"
        ) {
            $0 is NSNull || within($0, years)
        }
        check("language", "zh or en", zh: " zh 或 en") { ["zh", "en"].contains(text($0) ?? "") }
        check("excel", "true or false", zh: " true 或 false") { flag($0) }
        check("sensitivity", "true or false", zh: " true 或 false") { flag($0) }
        check("plan", "the plan's folder and id", zh: "规划的目录和代码") { v in
            (v as? [String: Any]).map { text($0["folder"]) != nil && text($0["id"]) != nil } ?? false
        }
        check("scenarios", "a list of scenarios, each with its name and file", zh: "情景列表（每项带名称和文件）") { v in
            guard let list = v as? [Any], !list.isEmpty else { return false }
            return list.allSatisfy { item in
                (item as? [String: Any]).map { text($0["name"]) != nil && text($0["file"]) != nil } ?? false
            }
        }
        check("inputs", "a list of files with SHA-256", zh: "带 SHA-256 的文件列表") { v in
            guard let list = v as? [Any] else { return false }
            return list.allSatisfy { item in
                guard let e = item as? [String: Any], text(e["path"]) != nil, let hash = text(e["sha256"]) else {
                    return false
                }
                return hash.count == 64 && hash.allSatisfy(\.isHexDigit)
            }
        }
        check(
            "models", "scenarios → indicators → models, transform and observations",
            zh: "情景 → 指标 → 模型、变换和观测数"
        ) { v in
            guard let scenarios = v as? [String: Any] else { return false }
            return scenarios.values.allSatisfy { indicators in
                guard let byIndicator = indicators as? [String: Any] else { return false }
                return byIndicator.values.allSatisfy { entry in
                    guard let e = entry as? [String: Any], let models = e["models"] as? [Any] else { return false }
                    return models.allSatisfy { text($0) != nil } && text(e["transform"]) != nil
                        && e["observations"].map { whole($0, atLeast: 0) } ?? false
                }
            }
        }
        return problems
    }
}

/// Why a run folder cannot be written (exit 73).
public enum RunFolderError: Error, CustomStringConvertible {
    /// The folder, why (English) and why in Chinese.
    case unusable(String, String, zh: String)

    /// `.unusable` for a system call on the folder that failed with `code`: what it was doing,
    /// then the system's reason in brackets (`unwritableReason`), in both languages.
    static func failed(_ path: String, _ doing: String, zh doingZh: String, errno code: Int32) -> RunFolderError {
        .unusable(
            path, "\(doing) (\(unwritableReason(errno: code)))",
            zh: "\(doingZh)（\(unwritableReason(errno: code, chinese: true))）")
    }
    case notARun(String, [String])
    case busy(String)
    /// No room on the disk (or quota) for the folder or its lock file: an output error (exit 74).
    case full(OutputError)

    public var description: String {
        switch self {
        case .full(let error): return "\(error)"
        case .unusable(let path, let why, _): return "output folder '\(path)': \(why)"
        case .notARun(let path, let entries):
            let shown = entries.prefix(5).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")
            return "output folder '\(path)' holds files that are not a plancast run (\(shown)); "
                + "choose a new folder, or pass --force to replace it whole"
        case .busy(let path):
            return "another plancast run is writing to '\(path)'; wait for it or choose another folder"
        }
    }

    /// `description`, in Chinese where `chinese`.
    public func text(chinese: Bool) -> String {
        guard chinese else { return description }
        switch self {
        case .full(let error): return error.text(chinese: true)
        case .unusable(let path, _, let why): return "输出目录“\(path)”：\(why)"
        case .notARun(let path, let entries):
            let shown = entries.prefix(5).joined(separator: "、") + (entries.count > 5 ? "……" : "")
            return "输出目录“\(path)”中有不属于 plancast 运行结果的文件（\(shown)）；请另选一个新目录，或加上 --force 整个替换它"
        case .busy(let path):
            return "另一个 plancast 运行正在写入“\(path)”；请等它结束，或另选一个目录"
        }
    }
}
