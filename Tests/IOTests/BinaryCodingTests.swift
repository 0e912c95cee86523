import Foundation
import Testing

@testable import IO

/// The shard parts' binary coding (`BinaryWriter`, `BinaryReader`): little-endian 64-bit words,
/// counts in front of arrays and strings, and a short or forged buffer an error, not a trap.
/// (Mutation round seed 93: a reader that took a word's bytes backwards from its offset passed
/// every test outside RunsTests; these pin the layout by its bytes.)
struct BinaryCodingTests {
    @Test func wordsAreLittleEndianAndReadBackBitForBit() throws {
        var w = BinaryWriter()
        w.write(UInt64(0x0102_0304_0506_0708))
        w.write(-2)
        w.write(0.1)
        w.write(true)
        w.write([1.5, -0.0, .infinity])
        w.write("é高新")
        w.write([3, -4])
        w.write([false, true])
        // The first word's bytes, least significant first; −2 is two's complement.
        #expect(Array(w.data.prefix(16)) == [8, 7, 6, 5, 4, 3, 2, 1, 0xFE] + [UInt8](repeating: 0xFF, count: 7))
        var r = BinaryReader(w.data)
        #expect(try r.uint64() == 0x0102_0304_0506_0708)
        #expect(try r.int() == -2)
        #expect(try r.double().bitPattern == (0.1).bitPattern)
        #expect(try r.bool())
        let ds = try r.doubles()
        #expect(ds.map(\.bitPattern) == [1.5, -0.0, Double.infinity].map(\.bitPattern))
        #expect(try r.string() == "é高新")
        #expect(try r.ints() == [3, -4])
        #expect(try r.bools() == [false, true])
        #expect(r.isAtEnd)
    }

    /// A buffer cut short, or a count larger than what is left (a forged part), is `Malformed`
    /// at the offset where the reading failed.
    @Test func aShortOrForgedBufferIsMalformedNotATrap() {
        var w = BinaryWriter()
        w.write(7)
        var short = BinaryReader(w.data.prefix(5))
        #expect(throws: BinaryReader.Malformed.self) { try short.uint64() }
        var forged = BinaryWriter()
        forged.write(Int.max)
        forged.write(1.0)
        var r = BinaryReader(forged.data)
        do {
            _ = try r.doubles()
            Issue.record("a count of Int.max beside one word was read")
        } catch {
            #expect(error.offset == 0)
        }
        var negative = BinaryWriter()
        negative.write(-1)
        var n = BinaryReader(negative.data)
        #expect(throws: BinaryReader.Malformed.self) { try n.string() }
    }
}
