import Foundation
import Testing

@testable import IO

/// The clean-up of an interruption runs while another thread still writes. CI caught a run
/// interrupted while writing that kept its `.run.partial-PID` folder (2026-12-03): the
/// recursive removal listed the folder, the writer renamed a new file into it, and the last
/// `rmdir` failed with ENOTEMPTY.
struct LeftoversTests {
    /// A writer fills a registered staging folder file after file, as a run does, each file
    /// inside `changing`; another thread closes the registry at a random moment. The folder must
    /// be gone and stay gone, and the writer must be parked, not writing. Without the gate
    /// (changes made outside the lock) a round kept the folder or a file in it.
    @Test func closingWaitsForTheWriteAndStopsTheNext() throws {
        let dir = try TestFiles.scratchFolder("plancast-leftovers")
        defer { TestFiles.remove(dir) }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let parked = Flag()
            let registry = LeftoverRegistry(park: {
                parked.set()
                while true { sleep(3600) }  // as the process does until the signal ends it
            })
            let staging = dir.path + "/.run.partial-\(round)"
            let started = Flag()
            let writer = Thread {
                registry.changing {
                    registry.add(staging)
                    mkdir(staging, 0o755)
                }
                started.set()
                for i in 0... {
                    let tmp = staging + "/.f\(i).tmp"
                    let failed = registry.changing { () -> Bool in
                        registry.add(tmp)
                        defer { registry.remove(tmp) }
                        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
                        guard fd >= 0 else { return true }
                        _ = write(fd, "x", 1)
                        close(fd)
                        return rename(tmp, staging + "/f\(i).csv") != 0
                    }
                    if failed { return }
                }
            }
            writer.stackSize = 1 << 20
            writer.start()
            while !started.isSet { usleep(100) }
            usleep(UInt32.random(in: 200...3_000, using: &generator))
            registry.removeAll(closing: true)
            usleep(20_000)
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(left.isEmpty, "round \(round): \(left)")
            #expect(parked.isSet, "round \(round): the writer went on after the clean-up")
        }
    }

    /// Without `closing`, the registry stays open (a failed command's clean-up on its own thread).
    @Test func removingWithoutClosingLeavesTheRegistryOpen() throws {
        let registry = LeftoverRegistry(park: { Issue.record("parked") })
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-leftover-\(UUID())").path
        registry.changing {
            registry.add(path)
            FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        }
        #expect(registry.removeAll() == 1)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(registry.changing { 7 } == 7)
    }
}

/// A flag set once by one thread and read by another.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
