import Crypto
import Foundation

/// SHA-256 of a file's bytes (swift-crypto), as lowercase hex. A stream read earlier (a pipe)
/// is hashed from the bytes that were read (`readInputBytes` keeps them).
public func sha256Hex(path: String) throws(InputError) -> String {
    sha256Hex(try readInputBytes(path: path))
}

/// SHA-256 of bytes, as lowercase hex.
public func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// A file as a manifest records it: path, size in bytes and SHA-256.
public enum FileDigest {
    public static func entry(_ path: String) throws(InputError) -> [String: Any] {
        // Read once: the size is that of the bytes hashed (a stream has no size of its own).
        let data = try readInputBytes(path: path)
        return ["path": path, "bytes": data.count, "sha256": sha256Hex(data)]
    }
}
