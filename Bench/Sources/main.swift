import Descent
import DescentOpenCL
import Foundation

let synthetic = SyntheticData(rows: 1 << 20, features: 64, seed: 1)
let device = try OpenCLDevice.all()[0]
let backend = try OpenCLBackend(device: device, profiling: true)
try backend.load(synthetic.data)
var random = TrainingRandom(kind: .standard, seed: 1)
var shuffled = (0..<Int32(1 << 20)).map { $0 }
random.shuffle(&shuffled)
let identity = (0..<Int32(1 << 20)).map { $0 }
for (name, order) in [("identity", identity), ("shuffled", shuffled)] {
    for batch in [256, 65536] {
        try backend.setModel(synthetic.trueModel)
        _ = try backend.trainEpoch(order: order, batchSize: batch, stepSize: 0.01)
        var times = [Double]()
        for _ in 0..<3 {
            _ = try backend.trainEpoch(order: order, batchSize: batch, stepSize: 0.01)
            times.append(try backend.lastEpochDeviceSeconds()!)
        }
        print(name, batch, times.map { Int($0 * 1000) })
    }
}
