import Testing

@testable import Simulation

/// The libm-free rounding of counts equals `rounded()` (half away from zero) on v ≥ 0,
/// ties and huge values included.
struct RoundedCountTests {
    @Test func matchesRounded() {
        var values: [Double] = [
            0, 0.5, 1.5, 2.5, 2.4999999999999996, 0.49999999999999994, 1e15 + 0.5, 0x1p52, 0x1p53 + 2, 1e300,
        ]
        var x: UInt64 = 12345
        for _ in 0..<100_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let v = Double(x >> 11) * 0x1p-53 * 1e7
            values.append(v)
            values.append(v.rounded(.down) + 0.5)
        }
        for v in values {
            #expect(PreparedScenario.roundedCount(v) == v.rounded(), "\(v)")
        }
        #expect(PreparedScenario.roundedCount(.nan).isNaN)
        #expect(PreparedScenario.roundedCount(.infinity) == .infinity)
    }
}
