import Foundation

/// How much memory a command may plan to use, and the size of its input files: commands whose
/// estimate exceeds the budget are refused before they read or write anything (the system would
/// otherwise kill them half-way, README "Exit codes").
public enum MemoryBudget {
    /// Share of physical memory a command may plan to use (the rest: the system, other programs).
    public static let share = 0.8

    /// The budget on a machine with `memory` bytes (by default this machine's).
    public static func spare(of memory: Double = Double(ProcessInfo.processInfo.physicalMemory)) -> Double {
        memory * share
    }

    /// Total size in bytes of the files at `paths` (0 for a path without a size).
    public static func bytes(of paths: [String]) -> Double {
        paths.reduce(0) { total, path in
            total + (((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.doubleValue ?? 0)
        }
    }
}
