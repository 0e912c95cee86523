import Foundation

/// Writes `data` to `path` atomically: a temporary file in the same folder, then `rename(2)`,
/// so readers never see a half-written file and a failure leaves nothing behind.
func writeAtomically(_ data: Data, to path: String) throws(InputError) {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do {
        try data.write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw InputError(
                file: path, "cannot write the file (errno \(errno))",
                hint: "check that the folder exists and is writable")
        }
    } catch let e as InputError {
        throw e
    } catch {
        try? FileManager.default.removeItem(at: tmp)
        throw InputError(
            file: path, "cannot write the file: \(error.localizedDescription)",
            hint: "check that the folder exists and is writable")
    }
}

/// Writes text as UTF-8, optionally with a byte-order mark (Excel needs it to show Chinese).
public func writeTextAtomically(_ text: String, to path: String, byteOrderMark: Bool = false) throws(InputError) {
    var data = Data()
    if byteOrderMark { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    data.append(contentsOf: Array(text.utf8))
    try writeAtomically(data, to: path)
}
