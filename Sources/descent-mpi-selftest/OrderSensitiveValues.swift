import Foundation

/// Test values whose sum over ranks depends on the order of the additions: magnitudes spread over
/// 2⁻²⁰…2²⁰, so rounding differs between orders for most elements once there are three ranks or
/// more (with two, a + b = b + a exactly, so every order agrees). Element 0 is the textbook case:
/// ranks 0, 1, 2 hold 1, 10¹⁶, −10¹⁶; in order (1 + 10¹⁶) − 10¹⁶ = 0, while 1 + (10¹⁶ − 10¹⁶) = 1.
enum OrderSensitiveValues {
    static func of(rank: Int, count: Int) -> [Double] {
        (0..<count).map { index in
            if index == 0 { return rank < 3 ? [1, 1e16, -1e16][rank] : 0 }
            var bits = UInt64(rank) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index) &* 0xBF58_476D_1CE4_E5B9
            bits = (bits ^ (bits >> 31)) &* 0x94D0_49BB_1331_11EB
            bits ^= bits >> 29
            let unit = Double(bits >> 11) / Double(1 << 53) * 2 - 1
            return scalbn(unit, Int(bits % 41) - 20)
        }
    }
}

/// What Open MPI's launcher says about this process, where it says it.
enum OMPIEnvironment {
    static var localRank: Int? {
        ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_LOCAL_RANK"].flatMap { Int($0) }
    }
}
