import Descent
import Foundation

func time(_ label: String, _ body: () -> Void) {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    print(label, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, "ms")
}
var order = (0..<Int32(1 << 20)).map { $0 }
for kind in RandomKind.allCases {
    var random = TrainingRandom(kind: kind, seed: 1)
    time("shuffle \(kind)") { random.shuffle(&order) }
    time("shuffle \(kind)") { random.shuffle(&order) }
}
