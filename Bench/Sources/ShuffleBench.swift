import Descent
import Foundation

/// `descent-bench shuffle [--rows N] [--rounds R]`: the host's exact row shuffle (`--shuffle rows`,
/// one per epoch, made while the device trains) on N Int32 row indices, for each generator kind,
/// median milliseconds of R rounds, and a hash of the order so that changes to the loop can be
/// checked to draw the same permutation.
func runShuffleBench(_ arguments: [String]) {
    func option(_ name: String, _ fallback: Int) -> Int {
        arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? fallback
    }
    let rows = option("--rows", 1 << 20), rounds = option("--rounds", 15)
    for kind in [RandomKind.standard, .numpy] {
        var random = TrainingRandom(kind: kind, seed: 1)
        var order = (0..<Int32(rows)).map { $0 }
        var times = [Double]()
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            RowShuffle.rows.apply(&order, random: &random)  // as training calls it (specialised for Int32 in the library)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let hash = order.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64(UInt32(bitPattern: $1))) &* 1_099_511_628_211 }
        print("shuffle \(kind) \(rows) rows: \(String(format: "%.2f", times.sorted()[rounds / 2])) ms (median of \(rounds)), order hash \(String(hash, radix: 16))")
    }
}
