import Foundation
import Testing

@testable import Runs

/// `RunFolder.noSpaceErrno`: a full disk or quota (ENOSPC, EDQUOT, directly or under a Foundation
/// error, or Foundation's own out-of-space code) is named as such (exit 74 with "No space left on
/// device"); any other error is not.
struct NoSpaceTests {
    static let full = ENOSPC

    @Test func aFullDiskIsRecognisedWhereverFoundationPutsIt() {
        #expect(RunFolder.noSpaceErrno(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))) == Self.full)
        #expect(
            RunFolder.noSpaceErrno(NSError(domain: NSPOSIXErrorDomain, code: Int(EDQUOT)))
                == EDQUOT)
        let wrapped = NSError(
            domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
            userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        #expect(RunFolder.noSpaceErrno(wrapped) == Self.full)
        #expect(RunFolder.noSpaceErrno(CocoaError(.fileWriteOutOfSpace)) == Self.full)
    }

    @Test func otherErrorsAreNotAFullDisk() {
        #expect(RunFolder.noSpaceErrno(NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))) == nil)
        #expect(RunFolder.noSpaceErrno(CocoaError(.fileNoSuchFile)) == nil)
        #expect(RunFolder.noSpaceErrno(CocoaError(.fileWriteNoPermission)) == nil)
        // Foundation's out-of-space code in another domain is another error.
        #expect(
            RunFolder.noSpaceErrno(NSError(domain: "elsewhere", code: CocoaError.fileWriteOutOfSpace.rawValue)) == nil)
    }

    /// A lock file that cannot be created for another reason than a full disk (its folder does
    /// not exist) refuses the folder (exit 73), not "no space" (exit 74).
    @Test func aLockFileInAMissingFolderIsNotAFullDisk() {
        let missing = "/nonexistent-plancast-\(getpid())"
        do {
            let fd = try RunFolder.acquireLock(missing + "/.run.lock", for: missing + "/run")
            close(fd)
            Issue.record("a lock file was created in a folder that does not exist")
        } catch {
            if case .unusable(_, let why, _) = error {
                #expect(why.contains("cannot write in \(missing)"), "\(why)")
            } else {
                Issue.record("\(error)")
            }
        }
    }
}
