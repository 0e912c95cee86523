/// The indices `0..<count` grouped by `key`: groups in order of first appearance, indices in
/// order within each (scenarios that share a model, or that share draws).
public func groupsByFirstAppearance<K: Equatable>(count: Int, key: (Int) -> K) -> [[Int]] {
    var groups = [[Int]]()
    for i in 0..<count {
        if let g = groups.firstIndex(where: { key($0[0]) == key(i) }) {
            groups[g].append(i)
        } else {
            groups.append([i])
        }
    }
    return groups
}
