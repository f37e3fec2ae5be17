import Descent
import Foundation

/// One case of `Tests/DescentTests/Fixtures/optimizers.json` (made by `Fixtures/optimizers.py`:
/// numpy, to PyTorch's definitions). Shared by the CPU and the OpenCL fixture tests, which live in
/// two test targets that cannot import each other.
public struct OptimizerCase: Decodable, Sendable, CustomStringConvertible {
    public var name: String
    public var kind: OptimizerKind
    public var lr: Double
    public var momentum: Double?, beta1: Double?, beta2: Double?, epsilon: Double?, l2: Double?, l1: Double?, weightDecay: Double?
    /// The parameters `(w, b)` after each of the first steps.
    public var trajectory: [[Double]]

    /// The rule the case describes, PyTorch's defaults where the fixture leaves a value out.
    public var rule: UpdateRule {
        UpdateRule(kind: kind, momentum: momentum ?? 0.9, beta1: beta1 ?? 0.9, beta2: beta2 ?? 0.999, epsilon: epsilon ?? 1e-8,
                   l2: l2 ?? 0, weightDecay: weightDecay ?? 0, l1: l1 ?? 0)
    }
    public var description: String { name }
}

/// The fixture: a small linear problem, the initial parameters and every case's trajectory.
public struct OptimizerFixture: Decodable, Sendable {
    public var features: [[Double]]
    public var targets: [Double]
    public var initial: [Double]
    public var cases: [OptimizerCase]

    /// The fixture file, found from this source file's place in the repository (the OpenCL test
    /// target has no copy of the fixtures among its resources).
    public static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../DescentTests/Fixtures/optimizers.json").standardized

    public static func load() throws -> OptimizerFixture {
        try JSONDecoder().decode(OptimizerFixture.self, from: Data(contentsOf: url))
    }

    /// The problem's rows as training data, the features named `x0`, `x1`, ….
    public var data: TrainingData {
        TrainingData(featureNames: (0..<features[0].count).map { "x\($0)" }, targetName: "y",
                     features: Matrix(rows: features.count, columns: features[0].count, values: features.flatMap { $0 }), targets: targets)
    }
}
