import Descent
import DescentOpenCL
import Testing

/// The GPU shape stages rows into its local tile in float4 units (`vload4`) where FEATURES is a
/// multiple of 4. Staging is a copy, so it must change no bit: each build is trained beside the
/// same build staging single floats (`VLOAD_STAGE 0`), on both kernel paths, and compared bit for
/// bit. The builds cover each staging layout: float4 lanes in fours over rows (WGS 64 and 256,
/// 64 features), float4 with columns fastest (12 features: 21 rows at once), fewer lanes than
/// units (WGS 8 over 16 float4 units), and single floats (13 features).
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct VectorStagingTests {
    static let builds: [(workGroupSize: Int, features: Int)] = [(64, 64), (256, 64), (64, 12), (8, 64), (64, 13)]

    /// Losses and parameters (as bit patterns) of one shuffled epoch of `rows` rows at `batch`,
    /// with the given kernel source, in the GPU shape at `workGroupSize`.
    func epoch(source: String, workGroupSize: Int, features: Int, batch: Int, singleGroup: Bool) throws -> [UInt64] {
        guard workGroupSize <= TestDevice.device!.maxWorkGroupSize else { return [] }  // compared with itself: passes
        let rows = 3 * batch + batch / 2 + 1  // a short last batch
        let data = RegressionData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                  features: randomMatrix(rows: rows, columns: features, seed: testSeed &+ 21),
                                  targets: randomValues(rows, seed: testSeed &+ 22))
        var random = TrainingRandom(kind: .standard, seed: testSeed)
        var order = (0..<Int32(rows)).map { $0 }
        random.shuffle(&order)
        let backend = try OpenCLBackend(device: TestDevice.device!, kernelSource: source)
        backend.tuningOverride = KernelTuning(workGroupSize: workGroupSize, features: features)
        backend.singleGroupMaxBatch = singleGroup ? .max : 0
        backend.maxRowsPerLaunch = 2 * batch  // the epoch kernel's next-step load crosses launches too
        try backend.load(data)
        try backend.setModel(LinearModel(weights: randomValues(features, seed: testSeed &+ 23, scale: 0.5), bias: 0.1))
        let losses = try backend.trainEpoch(order: order, batchSize: batch, stepSize: 0.05)
        let model = try backend.model()
        return (losses + model.weights + [model.bias]).map(\.bitPattern)
    }

    @Test(arguments: [true, false])
    func float4StagingChangesNoBit(singleGroup: Bool) throws {
        let scalar = "#define VLOAD_STAGE 0\n" + LinearProgram.defaultSource
        for build in Self.builds {
            for batch in [build.workGroupSize + 3, 100] {
                let vector = try epoch(source: LinearProgram.defaultSource, workGroupSize: build.workGroupSize, features: build.features,
                                       batch: batch, singleGroup: singleGroup)
                let single = try epoch(source: scalar, workGroupSize: build.workGroupSize, features: build.features,
                                       batch: batch, singleGroup: singleGroup)
                #expect(vector == single, "WGS=\(build.workGroupSize) FEATURES=\(build.features) batch \(batch) (seed \(testSeed))")
                #expect(!vector.contains(Double.nan.bitPattern))
            }
        }
    }
}
