import Descent
import DescentOpenCL
import Foundation
import Testing

/// The device the OpenCL tests run on, if any.
///
/// Without a device the tests skip, saying why, unless `DESCENT_REQUIRE_OPENCL=1` (set by
/// `.ci/run`), which turns a missing device into a failure of ``DeviceRequirementTests``.
enum TestDevice {
    static let device: OpenCLDevice? = {
        guard let devices = try? OpenCLDevice.all(), !devices.isEmpty else { return nil }
        return devices.first(where: \.isGPU) ?? devices[0]
    }()
    static var available: Bool { device != nil }
    static let required = ProcessInfo.processInfo.environment["DESCENT_REQUIRE_OPENCL"] == "1"
    static let skipReason: Comment = "no OpenCL device (install pocl-opencl-icd); DESCENT_REQUIRE_OPENCL=1 makes this a failure"

    static func context() throws -> OpenCLContext { try OpenCLContext(device: device!) }
}

/// Fresh inputs every run; the seed is in every failure message, and `DESCENT_TEST_SEED` replays one.
let testSeed: UInt64 = ProcessInfo.processInfo.environment["DESCENT_TEST_SEED"].flatMap(UInt64.init)
    ?? UInt64(Date().timeIntervalSince1970 * 1000)

/// Normal random numbers from the standard generator.
func randomValues(_ count: Int, seed: UInt64, scale: Double = 1) -> [Double] {
    var random = TrainingRandom(kind: .standard, seed: seed)
    return (0..<count).map { _ in scale * random.nextNormal() }
}

func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    Matrix(rows: rows, columns: columns, values: randomValues(rows * columns, seed: seed))
}

/// Records a failure, with the first mismatching elements and the worst error, unless every
/// `device[i]` is within `bounds[i]` of `reference[i]`. NaN (an element never written) fails.
func expectWithin(_ device: [Double], _ reference: [Double], bounds: [Double], _ label: String,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    guard device.count == reference.count else {
        Issue.record("\(label): \(device.count) results, expected \(reference.count)", sourceLocation: sourceLocation)
        return
    }
    var failures = [String](), worst = 0.0
    for (index, (got, want)) in zip(device, reference).enumerated() {
        let error = abs(got - want)
        worst = max(worst, error.isNaN ? .infinity : error)
        if !(error <= bounds[index]) {
            failures.append("[\(index)] device \(got), reference \(want), error \(error) > bound \(bounds[index])")
        }
    }
    if !failures.isEmpty {
        let first = failures.prefix(4).joined(separator: "; ")
        Issue.record("\(label) (seed \(testSeed)): \(failures.count) of \(device.count) out of bounds, worst error \(worst); first: \(first)",
                     sourceLocation: sourceLocation)
    }
}
