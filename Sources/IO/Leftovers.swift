import Foundation

/// Temporary files and staging folders this process is writing, so that an interrupted command
/// (Ctrl-C, SIGTERM, a closed terminal) removes them before it dies. A kill that cannot be
/// caught (SIGKILL) still leaves them; the next run into the same place removes those
/// (`RunFolder.removeLeftovers`).
public enum Leftovers {
    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var paths = Set<String>()
        var folders = Set<String>()
    }
    private static let store = Store()

    /// `path` is being written and is to be removed if the process is interrupted.
    public static func add(_ path: String) { store.lock.withLock { _ = store.paths.insert(path) } }

    /// `path` was renamed into place or removed: nothing to clean up any more.
    public static func remove(_ path: String) { store.lock.withLock { _ = store.paths.remove(path) } }

    /// `folder` was created for an output (a parent of `--out new/dir/run`): if the command
    /// fails, it is removed when it is empty by then (`rmdir`, never its contents: another
    /// process may have written into it meanwhile).
    public static func addFolder(_ folder: String) { store.lock.withLock { _ = store.folders.insert(folder) } }

    /// Removes every registered path (files and folders), then the registered folders that are
    /// empty, deepest first; returns how many paths there were.
    @discardableResult
    public static func removeAll() -> Int {
        let (paths, folders) = store.lock.withLock { () -> (Set<String>, Set<String>) in
            defer {
                store.paths.removeAll()
                store.folders.removeAll()
            }
            return (store.paths, store.folders)
        }
        for p in paths { try? FileManager.default.removeItem(atPath: p) }
        for f in folders.sorted(by: { $0.count > $1.count }) { rmdir(f) }
        return paths.count
    }
}
