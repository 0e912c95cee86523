/// The candidate closest to `word` by Levenshtein distance, if reasonably close
/// (distance ≤ max(2, length/3)); used for "did you mean" hints.
public func nearest(to word: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates {
        let d = levenshtein(word.lowercased(), c.lowercased())
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (c, d) = best, d <= max(2, word.count / 3) else { return nil }
    return c
}

/// Edit distance (insertions, deletions, substitutions) between two words, ignoring case.
public func levenshteinDistance(_ a: String, _ b: String) -> Int { levenshtein(a.lowercased(), b.lowercased()) }

/// Edit distance (insertions, deletions, substitutions), by the two-row dynamic programme.
func levenshtein(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        cur[0] = i
        for j in 1...y.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[y.count]
}
