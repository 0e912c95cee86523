import Foundation

/// A little-endian binary buffer for the raw tallies of shard parts (`plancast run --shard`):
/// integers, doubles by their exact bit patterns (so a merge adds the very numbers a whole run
/// would), arrays with a count in front, UTF-8 strings. Written by hand: the parts hold millions
/// of numbers, which JSON or property lists would write slowly and not bit for bit.
public struct BinaryWriter: Sendable {
    public private(set) var data = Data()

    public init() {}

    public mutating func write(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
    }
    public mutating func write(_ v: Int) { write(UInt64(bitPattern: Int64(v))) }
    public mutating func write(_ v: Double) { write(v.bitPattern) }
    public mutating func write(_ v: Bool) { write(v ? 1 : 0) }

    public mutating func write(_ v: [UInt64]) {
        write(v.count)
        for x in v { write(x) }
    }
    public mutating func write(_ v: [Double]) {
        write(v.count)
        for x in v { write(x.bitPattern) }
    }
    public mutating func write(_ v: [Int]) {
        write(v.count)
        for x in v { write(x) }
    }
    public mutating func write(_ v: [Bool]) { write(v.map { $0 ? 1 : 0 }) }
    public mutating func write(_ s: String) {
        let bytes = Array(s.utf8)
        write(bytes.count)
        data.append(contentsOf: bytes)
    }
}

/// Reads what `BinaryWriter` wrote; a short or malformed buffer is an error, never a trap.
public struct BinaryReader: Sendable {
    let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ data: Data) { bytes = [UInt8](data) }

    /// The buffer ends, or a count is beyond what is left.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public let offset: Int
        public var description: String { "malformed or truncated at byte \(offset)" }
    }

    public var isAtEnd: Bool { offset == bytes.count }

    public mutating func uint64() throws(Malformed) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Malformed(offset: offset) }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[offset + k]) << UInt64(8 * k) }
        offset += 8
        return v
    }
    public mutating func int() throws(Malformed) -> Int { Int(truncatingIfNeeded: Int64(bitPattern: try uint64())) }
    public mutating func double() throws(Malformed) -> Double { Double(bitPattern: try uint64()) }
    public mutating func bool() throws(Malformed) -> Bool { try uint64() != 0 }

    /// A count in front of `width`-byte items, checked against what is left.
    mutating func count(width: Int) throws(Malformed) -> Int {
        let n = try int()
        guard n >= 0, n <= (bytes.count - offset) / width else { throw Malformed(offset: offset - 8) }
        return n
    }
    public mutating func uint64s() throws(Malformed) -> [UInt64] {
        let n = try count(width: 8)
        var out = [UInt64]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try uint64()) }
        return out
    }
    public mutating func doubles() throws(Malformed) -> [Double] { try uint64s().map(Double.init(bitPattern:)) }
    public mutating func ints() throws(Malformed) -> [Int] {
        try uint64s().map { Int(truncatingIfNeeded: Int64(bitPattern: $0)) }
    }
    public mutating func bools() throws(Malformed) -> [Bool] { try uint64s().map { $0 != 0 } }
    public mutating func string() throws(Malformed) -> String {
        let n = try count(width: 1)
        let s = String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
        offset += n
        return s
    }
}
