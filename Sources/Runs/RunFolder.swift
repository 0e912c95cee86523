import Foundation
import IO

/// Writes a run folder: every output, then `manifest.json` with the SHA-256 of each, staged in a
/// `.partial-PID` folder beside the target and renamed into place, so that a new folder appears
/// whole or not at all.
enum RunFolder {
    /// A new folder name under `runs/`: the UTC time, with a suffix if taken.
    static func defaultName(now: Date = Date()) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.timeZone = TimeZone(identifier: "UTC")
        let stem = "runs/" + f.string(from: now)
        var name = stem
        var k = 2
        while FileManager.default.fileExists(atPath: name) {
            name = stem + "-\(k)"
            k += 1
        }
        return name
    }

    /// Writes `outputs` (name, text) and the manifest that `manifest` completes with the outputs'
    /// hashes.
    static func write(
        _ outputs: [(name: String, text: String)], manifest: [String: Any], to folder: String, byteOrderMark: Bool
    ) throws(InputError) {
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: folder)
        let staging = exists ? folder : folder + ".partial-\(getpid())"
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: folder, "cannot create the output folder", hint: "check the path and permissions")
        }
        do throws(InputError) {
            for (name, text) in outputs {
                try writeTextAtomically(
                    text, to: staging + "/" + name, byteOrderMark: byteOrderMark && name.hasSuffix(".csv"))
            }
            var m = manifest
            var entries = [[String: Any]]()
            for (name, _) in outputs {
                var e = try FileDigest.entry(staging + "/" + name)
                e["path"] = name
                entries.append(e)
            }
            m["outputs"] = entries
            try writeTextAtomically(JSONFile.text(m), to: staging + "/manifest.json")
            if !exists {
                do {
                    try fm.moveItem(atPath: staging, toPath: folder)
                } catch {
                    throw InputError(
                        file: folder, "cannot move the finished run into place", hint: "check the path and permissions")
                }
            }
        } catch {
            if !exists { try? fm.removeItem(atPath: staging) }
            throw error
        }
    }
}
