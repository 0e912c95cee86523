import Foundation

/// An output file that could not be written (exit 74): the path and why.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public init(file: String, _ reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String {
        "\(file): cannot write the file (\(reason))\n  hint: check that the folder exists, is writable and has space"
    }
}

/// Writes `data` to `path` atomically: a temporary file in the same folder, then `rename(2)`,
/// so readers never see a half-written file and a failure leaves nothing behind.
public func writeAtomically(_ data: Data, to path: String) throws(OutputError) {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw OutputError(file: path, "it is a folder")
    }
    guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw OutputError(file: path, "the folder \(dir.path) does not exist")
    }
    do {
        try data.write(to: tmp)
    } catch {
        try? FileManager.default.removeItem(at: tmp)
        throw OutputError(file: path, error.localizedDescription)
    }
    if rename(tmp.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: tmp)
        throw OutputError(file: path, reason)
    }
}

/// Writes text as UTF-8, optionally with a byte-order mark (Excel needs it to show Chinese).
public func writeTextAtomically(_ text: String, to path: String, byteOrderMark: Bool = false) throws(OutputError) {
    var data = Data()
    if byteOrderMark { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    data.append(contentsOf: Array(text.utf8))
    try writeAtomically(data, to: path)
}
