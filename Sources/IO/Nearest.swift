/// The candidate closest to `word` by Levenshtein distance, if reasonably close
/// (distance ≤ max(2, length/3)); used for "did you mean" hints. Failing that, the closest
/// candidate that holds every word of `word` (words split at `_`, `-`, spaces and dots): an id
/// written short, "skilled_workers" for "new_high_skilled_workers" (edit distance 9) or
/// "invention_patents" for "new_high_value_invention_patents", is found by its words.
public func nearest(to word: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    var bestHolding: (String, Int)?
    let words = idWords(word)
    for c in candidates {
        let d = levenshtein(word.lowercased(), c.lowercased())
        if best == nil || d < best!.1 { best = (c, d) }
        if !words.isEmpty, words.isSubset(of: idWords(c)), bestHolding == nil || d < bestHolding!.1 {
            bestHolding = (c, d)
        }
    }
    if let (c, d) = best, d <= max(2, word.count / 3) { return c }
    return bestHolding?.0
}

/// The words of an id, lower-cased ("New_High-Tech" → new, high, tech).
func idWords(_ id: String) -> Set<String> {
    Set(id.lowercased().split { $0 == "_" || $0 == "-" || $0 == " " || $0 == "." }.map(String.init))
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
