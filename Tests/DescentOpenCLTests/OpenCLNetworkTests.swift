import Descent
import DescentOpenCL
import Testing

/// ``OpenCLNetwork`` end to end against ``NetworkReference``: whole trajectories (an MLP and a
/// logistic regression, a few epochs, within ``NetworkTrajectoryCheck``'s documented 1e-3), the
/// split path's gradient sums and update, and predictions.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct OpenCLNetworkTests {
    let programs: NetworkProgramCache

    init() throws {
        programs = NetworkProgramCache(try TestDevice.context())
    }

    @Test(arguments: NetworkTrajectoryCheck.standard(seed: testSeed).map(\.name))
    func trajectoryMatchesReference(name: String) throws {
        let check = NetworkTrajectoryCheck.standard(seed: testSeed).first { $0.name == name }!
        let result = check.run(on: OpenCLNetwork(programs: programs))
        #expect(result.passed, "\(name) (seed \(testSeed)): \(result.mismatches); largest \(result.maxRelativeError)")
        #expect(result.maxRelativeError < 1e-3)
    }

    /// A softmax MLP with ReLU, classes 5, a batch longer than one loss work-group.
    @Test func softmaxTrajectoryMatchesReference() {
        let check = NetworkTrajectoryCheck(name: "softmax mlp", spec: ModelSpec(kind: .mlp, inputs: 7, hidden: [20], activation: .relu,
                                                                               head: .softmaxCrossEntropy(classes: 5)),
                                           rows: 700, batchSize: 300, epochs: 2, learningRate: 0.2, seed: testSeed)
        let result = check.run(on: OpenCLNetwork(programs: programs))
        #expect(result.passed, "seed \(testSeed): \(result.mismatches)")
    }

    @Test(arguments: [Head.mse(.exact), .huber(delta: 0.3), .binaryCrossEntropy, .softmaxCrossEntropy(classes: 4)])
    func gradientSumsUpdateAndPredictMatchReference(head: Head) throws {
        let spec = ModelSpec(kind: .mlp, inputs: 5, hidden: [9, 6], activation: .sigmoid, head: head)
        let check = NetworkTrajectoryCheck(name: "sums", spec: spec, rows: 300, batchSize: 1, epochs: 1, learningRate: 0, seed: testSeed)
        let data = check.data(), params = check.initialParameters()
        let network = OpenCLNetwork(programs: programs)
        network.chunkRows = 128  // three chunks, the last short
        try network.prepare(spec: spec, data: data)
        try network.setParameters(params)
        // More positions than loaded rows (each row twice, as a caller may ask): chunks fit the order buffer.
        let rows = ((0..<Int32(300)).reversed().map { $0 } + (0..<Int32(300)).map { $0 })[10...]
        let sums = try network.gradientSums(rows: rows)
        let batch = NetworkReference.batch(features: data.features, targets: data.targets, rows: rows)
        let reference = NetworkReference.gradient(params: params, spec: spec, features: batch.features, targets: batch.targets)
        #expect(sums.rows == reference.rows)
        let scale = reference.gradient.map(abs).max()!
        #expect(zip(sums.gradient, reference.gradient).allSatisfy { abs($0 - $1) <= 1e-4 * scale }, "\(head): gradient sums")
        #expect(abs(sums.lossSum - reference.lossSum) <= 1e-4 * abs(reference.lossSum), "\(head): loss sum")
        #expect(try network.parameters() == params.map { Double(Float($0)) }, "gradientSums leaves the parameters alone")
        network.chunkRows = 4096  // more than the loaded rows: chunks are cut to the order buffer
        let again = try network.gradientSums(rows: rows)
        #expect(again.rows == sums.rows && zip(again.gradient, reference.gradient).allSatisfy { abs($0 - $1) <= 1e-4 * scale })

        let mean = reference.meanGradient
        try network.applyGradient(mean, learningRate: 0.1)
        let updated = NetworkStages.sgdUpdate(params, gradient: mean, learningRate: 0.1)
        #expect(zip(try network.parameters(), updated).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })

        let predicted = try network.predict(features: data.features)
        let expected = NetworkReference.predict(params: updated, spec: spec, features: data.features)
        #expect(predicted.count == expected.count)
        #expect(zip(predicted, expected).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }, "\(head): predict")
    }
}
