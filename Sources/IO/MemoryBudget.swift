import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How much memory a command may plan to use, and the size of its input files: commands whose
/// estimate exceeds the budget are refused before they read or write anything (the system would
/// otherwise kill them half-way, README "Exit codes").
///
/// The memory is the machine's, or less when the process is held to less: a container's memory
/// limit (cgroup v2 `memory.max`, v1 `memory.limit_in_bytes`), and an address-space limit
/// (`ulimit -v`: RLIMIT_AS or RLIMIT_DATA), of which the mapped libraries, OpenBLAS's buffers,
/// malloc's arenas and the thread stacks take their share first. Found 2026-11-30: under
/// `ulimit -v 600000` a run aborted ("failed to allocate"), under 300000–400000 OpenBLAS spun for
/// ever in its buffer allocation, and 16 threads aborted under 1 GB.
public enum MemoryBudget {
    /// Share of the memory a command may plan to use (the rest: the system, other programs).
    public static let share = 0.8

    /// Address space a command needs besides what it estimates for its data
    /// (measured: `run` failed at 600 MB and ran at 800 MB with 2 threads; `check` peaks at
    /// 73 MB, `forecast` of 60,000 series at 750 MB of which 475 MB are estimated), and per
    /// thread (its stack; the threads' working memory is in each command's estimate).
    public static let addressSpaceBase = 512.0 * 1_048_576
    public static let addressSpacePerThread = 8.0 * 1_048_576
    /// Below this address-space limit every command is refused at the start.
    public static let addressSpaceFloor = 1024.0 * 1_048_576

    /// Physical memory, or the container's limit when it is lower.
    public static func memory() -> Double {
        let physical = Double(ProcessInfo.processInfo.physicalMemory)
        return containerLimit().map { min($0, physical) } ?? physical
    }

    /// The budget with `memory` bytes (by default this machine's or container's), `threads`
    /// threads and an address-space limit (by default this process's):
    /// max(0, min(share·memory, limit − base − threads·perThread)).
    public static func spare(
        of memory: Double = memory(), threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        addressLimit: Double? = addressSpaceLimit()
    ) -> Double {
        var budget = memory * share
        if let limit = addressLimit {
            budget = min(budget, limit - addressSpaceBase - Double(threads) * addressSpacePerThread)
        }
        return max(budget, 0)
    }

    /// What holds this process below the machine's memory, for messages: "" when nothing.
    public static func limitNote(chinese: Bool = false) -> String {
        if let limit = addressSpaceLimit() {
            return String(
                format: chinese ? "（地址空间上限 ulimit -v 为 %.1f GB）" : " (an address-space limit, ulimit -v, of %.1f GB)",
                limit / 1e9)
        }
        if let c = containerLimit(), c < Double(ProcessInfo.processInfo.physicalMemory) {
            return String(
                format: chinese ? "（容器内存上限为 %.1f GB）" : " (a container memory limit of %.1f GB)", c / 1e9)
        }
        return ""
    }

    /// The address-space limit of this process (the lower of RLIMIT_AS and RLIMIT_DATA), nil
    /// when unlimited.
    public static func addressSpaceLimit() -> Double? {
        var lowest: Double?
        for resource in [RLIMIT_AS, RLIMIT_DATA] {
            var r = rlimit()
            guard getrlimit(__rlimit_resource_t(resource.rawValue), &r) == 0, r.rlim_cur != rlim_t.max else {
                continue
            }
            lowest = min(lowest ?? .infinity, Double(r.rlim_cur))
        }
        return lowest
    }

    /// The memory limit of the container (cgroup) this process runs in, nil when none.
    public static func containerLimit() -> Double? {
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                let v = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), v > 0, v < 1e18
            else { continue }
            return v
        }
        return nil
    }

    /// Total size in bytes of the files at `paths` (0 for a path without a size).
    public static func bytes(of paths: [String]) -> Double {
        paths.reduce(0) { total, path in
            total + (((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.doubleValue ?? 0)
        }
    }
}
