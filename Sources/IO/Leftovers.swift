import Foundation

/// Temporary files and staging folders a process is writing, so that an interrupted command
/// (Ctrl-C, SIGTERM, a closed terminal) removes them before it dies. A kill that cannot be
/// caught (SIGKILL) still leaves them; the next run into the same place removes those
/// (`RunFolder.removeLeftovers`).
///
/// The clean-up runs on another thread than the writing, which goes on meanwhile. A change on
/// disk to a registered path is therefore made inside `changing`, and `removeAll(closing:)`
/// closes the registry: it waits for the change in progress, removes everything, and any later
/// change parks its thread until the signal ends the process. Before 2026-12-03 a run
/// interrupted while it wrote a file into its staging folder could keep that folder: the
/// recursive removal listed the folder, the writer renamed a new file into it, and the final
/// `rmdir` failed (CI caught `.run.partial-PID` left once in 6 rounds under load).
public final class LeftoverRegistry: @unchecked Sendable {
    private let lock = NSRecursiveLock()
    private var paths = Set<String>()
    private var folders = Set<String>()
    private var closed = false
    private let park: @Sendable () -> Void

    /// `park` is what a change attempted after closing does instead (by default: sleep until
    /// the process ends).
    public init(park: @escaping @Sendable () -> Void = { while true { sleep(3600) } }) {
        self.park = park
    }

    /// `path` is being written and is to be removed if the process is interrupted.
    public func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }

    /// `path` was renamed into place or removed: nothing to clean up any more.
    public func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// `folder` was created for an output (a parent of `--out new/dir/run`): if the command
    /// fails, it is removed when it is empty by then (`rmdir`, never its contents: another
    /// process may have written into it meanwhile).
    public func addFolder(_ folder: String) { lock.withLock { _ = folders.insert(folder) } }

    /// Runs `change`, a change on disk to registered paths (create, write, rename) with their
    /// registration, so that no clean-up runs in the middle of it. After the registry is closed
    /// the change is not made: the thread parks instead (the process is about to die).
    public func changing<T, E: Error>(_ change: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        while closed {
            lock.unlock()
            park()
            lock.lock()
        }
        return try change()
    }

    /// Removes every registered path (files and folders), then the registered folders that are
    /// empty, deepest first; returns how many paths there were. With `closing`, no change is
    /// made after it (`changing` parks): for an interruption, while other threads still write.
    @discardableResult
    public func removeAll(closing: Bool = false) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if closing { closed = true }
        let (p, f) = (paths, folders)
        paths.removeAll()
        folders.removeAll()
        for path in p { try? FileManager.default.removeItem(atPath: path) }
        for folder in f.sorted(by: { $0.count > $1.count }) { rmdir(folder) }
        return p.count
    }
}

/// The process's registry of leftovers (see `LeftoverRegistry`).
public enum Leftovers {
    public static let shared = LeftoverRegistry()
    public static func add(_ path: String) { shared.add(path) }
    public static func remove(_ path: String) { shared.remove(path) }
    public static func addFolder(_ folder: String) { shared.addFolder(folder) }
    public static func changing<T, E: Error>(_ change: () throws(E) -> T) throws(E) -> T {
        try shared.changing(change)
    }
    @discardableResult
    public static func removeAll(closing: Bool = false) -> Int { shared.removeAll(closing: closing) }
}
