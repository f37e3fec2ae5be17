import Descent
import Foundation
import DescentMPI

/// `descent-mpi-selftest --bench`: the median time of `sumInRankOrder` (and, for comparison, of the
/// library's `MPI_Allreduce`) for 1 to 1M doubles, on rank 0's clock after a barrier, and a fit of
/// t ≈ α + β·bytes to the rank-ordered sum's medians.
struct CollectiveBench {
    let communicator: MPICommunicator

    /// Vector lengths 1, 4, 16, …, 4¹⁰ = 1,048,576 doubles.
    static let counts = (0...10).map { 1 << (2 * $0) }

    func run() throws {
        if communicator.rank == 0 {
            print("rank-ordered sum vs MPI_Allreduce, \(communicator.size) ranks, median of the repetitions")
            print("   doubles |      bytes | reps | ordered µs | allreduce µs | ordered GB/s")
        }
        var points: [(bytes: Double, seconds: Double)] = []
        for count in Self.counts {
            let values = (0..<count).map { Double($0 % 1000) + Double(communicator.rank) }
            let reps = count <= 4096 ? 1000 : count <= 65536 ? 200 : 40
            let ordered = try median(reps) { _ = try communicator.sumInRankOrder(values) }
            let library = try median(reps) { _ = try communicator.sumByLibrary(values) }
            let bytes = Double(count * 8)
            points.append((bytes, ordered))
            if communicator.rank == 0 {
                print(pad(count, 10), pad(Int(bytes), 10), pad(reps, 4), pad(ordered * 1e6, 10, 1),
                      pad(library * 1e6, 12, 1), pad(bytes / ordered / 1e9, 12, 3), separator: " | ")
            }
        }
        if communicator.rank == 0 {
            let (alpha, beta) = Self.fit(points)
            print("fit t = α + β·bytes (relative least squares): α = \(format(alpha * 1e6, 1)) µs, "
                + "β = \(format(beta * 1e9, 3)) ns/byte (1/β = \(format(1 / beta / 1e9, 2)) GB/s)")
        }
    }

    /// The median over `reps` runs of `body` (after 3 untimed ones), each started after a barrier.
    func median(_ reps: Int, _ body: () throws -> Void) throws -> Double {
        for _ in 0..<3 { try body() }
        var times: [Double] = []
        for _ in 0..<reps {
            try communicator.barrier()
            let start = MPICommunicator.time()
            try body()
            times.append(MPICommunicator.time() - start)
        }
        return times.sorted()[reps / 2]
    }

    /// α and β minimizing Σ((α + β·bᵢ − tᵢ) / tᵢ)², so the microsecond points weigh as much as the
    /// millisecond ones.
    static func fit(_ points: [(bytes: Double, seconds: Double)]) -> (alpha: Double, beta: Double) {
        var s00 = 0.0, s01 = 0.0, s11 = 0.0, r0 = 0.0, r1 = 0.0
        for (b, t) in points {
            let w = 1 / (t * t)
            s00 += w; s01 += w * b; s11 += w * b * b; r0 += w * t; r1 += w * b * t
        }
        let det = s00 * s11 - s01 * s01
        return ((r0 * s11 - r1 * s01) / det, (s00 * r1 - s01 * r0) / det)
    }
}

/// `value` right-aligned in `width` columns, with `digits` decimals.
func pad(_ value: Double, _ width: Int, _ digits: Int) -> String { pad(format(value, digits), width) }
func pad(_ value: Int, _ width: Int) -> String { pad(String(value), width) }
func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }

/// `value` with `digits` decimals.
func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
