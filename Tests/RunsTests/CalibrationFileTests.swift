import Foundation
import Testing

@testable import Forecasting
@testable import IO
@testable import Runs

/// The merged calibration of a sharded forecast goes through a file between the two passes;
/// what the second pass reads must be the calibration the first wrote, bit for bit (a −0, a
/// subnormal error or the last bit of s₀ would otherwise move every sharded interval away from
/// the unsharded one).
struct CalibrationFileTests {
    static func calibration(lastError: Double = -0.0) -> BatchCalibration {
        var own = [[[Double]]](repeating: [[], []], count: ErrorScale.strata)
        own[0][0] = [0.25, -1.5, Double.leastNonzeroMagnitude]
        own[0][1] = [1.0 / 3.0]
        own[ErrorScale.strata - 1][1] = [2.5, lastError]
        return BatchCalibration(s0Free: 0.1 + 0.2, s0Other: 0.07, own: own)
    }

    @Test func aCalibrationReadsBackBitForBit() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("calibration.bin").path
        let written = Self.calibration()
        try CalibrationFile.write(written, fingerprint: "request A", to: path)
        let read = try CalibrationFile.read(path, expecting: "request A")
        #expect(read == written)
        #expect(read.s0Free.bitPattern == (0.1 + 0.2).bitPattern)
        #expect(read.own[ErrorScale.strata - 1][1][1].sign == .minus)
        // Equality is by bits: +0 in place of −0, or another s₀, is another calibration.
        #expect(read != Self.calibration(lastError: 0.0))
        #expect(read != BatchCalibration(s0Free: 0.3, s0Other: 0.07, own: written.own))
        #expect(read != BatchCalibration(s0Free: written.s0Free, s0Other: (0.07).nextUp, own: written.own))
        // Made for another request: refused, with the file named.
        #expect {
            _ = try CalibrationFile.read(path, expecting: "request B")
        } throws: { error in
            (error as? InputError)?.file == path && "\(error)".contains("another input or other settings")
        }
    }
}
