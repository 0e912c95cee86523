import Crypto
import Foundation

/// SHA-256 of a file's bytes (swift-crypto), as lowercase hex.
public func sha256Hex(path: String) throws(InputError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: path, "cannot read the file to hash it")
    }
    return sha256Hex(data)
}

public func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// The run manifest (DESIGN.md §6): what went in, how it was run, what came out.
public enum Manifest {
    /// Serialises with sorted keys and two-space indentation, so identical content gives
    /// identical bytes.
    public static func json(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Parses a manifest written by `json`.
    public static func read(path: String) throws(InputError) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read the manifest", hint: "a run folder holds manifest.json")
        }
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError(file: path, "not a valid manifest (JSON object expected)")
        }
        return obj
    }

    /// A file entry: path, size and SHA-256.
    public static func fileEntry(_ path: String) throws(InputError) -> [String: Any] {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return ["path": path, "bytes": size, "sha256": try sha256Hex(path: path)]
    }
}
