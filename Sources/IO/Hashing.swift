import Crypto
import Foundation

/// SHA-256 of a file's bytes (swift-crypto), as lowercase hex.
/// A stream read earlier (a pipe) is hashed from the bytes that were read.
public func sha256Hex(path: String) throws(InputError) -> String {
    if let kept = StreamedInputs.bytes(of: path) { return sha256Hex(kept) }
    return sha256Hex(try readInputBytes(path: path))
}

/// SHA-256 of bytes, as lowercase hex.
public func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// A file as a manifest records it: path, size in bytes and SHA-256.
public enum FileDigest {
    public static func entry(_ path: String) throws(InputError) -> [String: Any] {
        let size =
            StreamedInputs.bytes(of: path)?.count
            ?? (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return ["path": path, "bytes": size, "sha256": try sha256Hex(path: path)]
    }
}
