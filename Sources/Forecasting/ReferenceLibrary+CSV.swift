import Foundation

/// The library as CSV: one row per stratum and step (`stratum,step,errors,` then the 99
/// quantiles), with `s0` and the source in comment lines, so it can be kept beside the data it
/// came from, read back, and embedded in the source (`ReferenceLibrary+BuiltIn.swift`).
extension ReferenceLibrary {
    public var csv: String {
        var out = "# plancast reference library: \(source)\n# s0,\(s0)\n"
        out += "stratum,step,errors," + Self.levels.map { String(format: "q%.3f", $0) }.joined(separator: ",") + "\n"
        for s in quantiles.indices {
            for h in quantiles[s].indices {
                let zs = quantiles[s][h].map { String(format: "%.5g", $0) }
                out += "\(s),\(h + 1),\(counts[s][h])," + zs.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// Where and why a text is not a library (1-based line; column = 1-based field).
    public struct ReadError: Error, Sendable, Equatable {
        public let line: Int?
        public let column: Int?
        public let message: String
    }

    /// Reads `csv`; nil when the text is not a complete library.
    public init?(csv text: String) {
        guard let lib = try? Self.read(csv: text) else { return nil }
        self = lib
    }

    /// Reads `csv`, saying on which line and in which field it stops being a library.
    public static func read(csv text: String) throws(ReadError) -> ReferenceLibrary {
        try readNotingLevels(csv: text).library
    }

    /// `read`, and whether the file was written with the levels used before 2026-12-03 (its
    /// header ends in `q0.985`): such a table is converted (`fromEarlierLevels`), and a command
    /// says so.
    public static func readNotingLevels(csv text: String) throws(ReadError) -> (
        library: ReferenceLibrary, earlierLevels: Bool
    ) {
        var s0: Double?
        var source = ""
        var quantiles = [[[Double]]](
            repeating: [[Double]](repeating: [], count: Self.maxStep), count: ErrorScale.strata)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: Self.maxStep), count: ErrorScale.strata)
        let width = 3 + Self.levels.count
        var earlierLevels = false
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = i + 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("# s0,") {
                guard let v = Double(line.dropFirst(5)), v.isFinite, v > 0 else {
                    throw ReadError(line: number, column: 2, message: "s0 must be a positive number")
                }
                s0 = v
                continue
            }
            if line.hasPrefix("# plancast reference library: ") {
                source = String(line.dropFirst(30))
                continue
            }
            if line.hasPrefix("stratum") {
                earlierLevels = Self.isEarlierHeader(line)
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == width else {
                throw ReadError(line: number, column: nil, message: "\(f.count) fields, expected \(width)")
            }
            guard let s = Int(f[0]), (0..<ErrorScale.strata).contains(s) else {
                throw ReadError(line: number, column: 1, message: "stratum must be 0–\(ErrorScale.strata - 1)")
            }
            guard let h = Int(f[1]), (1...Self.maxStep).contains(h) else {
                throw ReadError(line: number, column: 2, message: "step must be 1–\(Self.maxStep)")
            }
            guard let n = Int(f[2]), n >= 0 else {
                throw ReadError(line: number, column: 3, message: "errors must be a count")
            }
            var zs = [Double]()
            zs.reserveCapacity(Self.levels.count)
            for (j, cell) in f.dropFirst(3).enumerated() {
                guard let z = Double(cell), z.isFinite else {
                    throw ReadError(line: number, column: 4 + j, message: "a quantile must be a finite number")
                }
                if let last = zs.last, z < last {
                    throw ReadError(line: number, column: 4 + j, message: "quantiles must not decrease")
                }
                zs.append(z)
            }
            quantiles[s][h - 1] = zs
            counts[s][h - 1] = n
        }
        guard let s0 else { throw ReadError(line: nil, column: nil, message: "no '# s0,' line") }
        for s in quantiles.indices {
            for h in quantiles[s].indices where quantiles[s][h].count != Self.levels.count {
                throw ReadError(line: nil, column: nil, message: "no row for stratum \(s), step \(h + 1)")
            }
        }
        if earlierLevels {
            quantiles = quantiles.map { $0.map(Self.fromEarlierLevels) }
        }
        return (ReferenceLibrary(s0: s0, quantiles: quantiles, counts: counts, source: source), earlierLevels)
    }

    static func isEarlierHeader(_ line: String) -> Bool {
        line.hasPrefix("stratum") && line.hasSuffix(",q0.985")
    }

    /// A table written before 2026-12-03 (header ending `q0.985`: levels 0.005 + i/100) at the
    /// current levels (i + ½)/99 (`levels`): interpolated linearly between the earlier levels,
    /// and extrapolated from the last two for the top one (0.99495 lies beyond 0.985), so that a
    /// library file kept from an earlier version means what it meant.
    static func fromEarlierLevels(_ z: [Double]) -> [Double] {
        guard z.count == levels.count else { return z }
        return levels.map { level in
            let x = (level - 0.005) * 100
            let i = min(max(Int(x.rounded(.down)), 0), z.count - 2)
            return z[i] + (x - Double(i)) * (z[i + 1] - z[i])
        }
    }
}
