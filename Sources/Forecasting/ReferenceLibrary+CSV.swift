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

    /// Reads `csv`; nil when the text is not a complete library.
    public init?(csv text: String) {
        var s0: Double?
        var source = ""
        var quantiles = [[[Double]]](
            repeating: [[Double]](repeating: [], count: Self.maxStep), count: ErrorScale.strata)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: Self.maxStep), count: ErrorScale.strata)
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("# s0,") {
                s0 = Double(line.dropFirst(5))
                continue
            }
            if line.hasPrefix("# plancast reference library: ") {
                source = String(line.dropFirst(30))
                continue
            }
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("stratum") { continue }
            let f = line.split(separator: ",")
            guard f.count == 3 + Self.levels.count, let s = Int(f[0]), let h = Int(f[1]), let n = Int(f[2]),
                (0..<ErrorScale.strata).contains(s), (1...Self.maxStep).contains(h)
            else { return nil }
            let zs = f.dropFirst(3).compactMap { Double($0) }
            guard zs.count == Self.levels.count, zs.allSatisfy(\.isFinite),
                zip(zs, zs.dropFirst()).allSatisfy({ $0 <= $1 })
            else { return nil }
            quantiles[s][h - 1] = zs
            counts[s][h - 1] = n
        }
        guard let s0, s0 > 0, quantiles.allSatisfy({ $0.allSatisfy { $0.count == Self.levels.count } }) else {
            return nil
        }
        self.init(s0: s0, quantiles: quantiles, counts: counts, source: source)
    }
}
