import Foundation

/// Temporary files and staging folders this process is writing, so that an interrupted command
/// (Ctrl-C, SIGTERM, a closed terminal) removes them before it dies. A kill that cannot be
/// caught (SIGKILL) still leaves them; the next run into the same place removes those
/// (`RunFolder.removeLeftovers`).
public enum Leftovers {
    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var paths = Set<String>()
    }
    private static let store = Store()

    /// `path` is being written and is to be removed if the process is interrupted.
    public static func add(_ path: String) { store.lock.withLock { _ = store.paths.insert(path) } }

    /// `path` was renamed into place or removed: nothing to clean up any more.
    public static func remove(_ path: String) { store.lock.withLock { _ = store.paths.remove(path) } }

    /// Removes every registered path (files and folders); returns how many there were.
    @discardableResult
    public static func removeAll() -> Int {
        let paths = store.lock.withLock { () -> Set<String> in
            defer { store.paths.removeAll() }
            return store.paths
        }
        for p in paths { try? FileManager.default.removeItem(atPath: p) }
        return paths.count
    }
}
