import Descent
import DescentKernels
import Foundation

/// `descent validate`: every kernel stage and the fused training path on one device, over a sweep
/// of shapes and kernel builds, each result against the CPU reference within ``ErrorBound``; then
/// whole training trajectories on both backends.
package struct Validator {
    /// How much to sweep.
    package enum Sweep: String, Sendable, CaseIterable {
        /// Every shape and build.
        case full
        /// A smaller sweep for CI (under a minute on PoCL).
        case quick
        /// The GPU shapes only, small enough for a simulator (Oclgrind runs kernels thousands of
        /// times slower than a device): cooperative builds at GPU work-group sizes, the sequential
        /// build once, short reductions, and the course run as the only trajectory.
        case simulator
    }

    package var device: OpenCLDevice
    package var seed: UInt64
    package var sweep: Sweep
    /// The quick sweep (or, set to false, the full one).
    package var quick: Bool {
        get { sweep != .full }
        set { sweep = newValue ? .quick : .full }
    }
    /// The OpenCL C source to check instead of the embedded kernels (`--kernel-source`).
    package var kernelSource: String?
    /// common.cl + network.cl to check instead of the embedded network kernels.
    package var networkKernelSource: String?
    /// optimizer.cl to check instead of the embedded update kernels.
    package var optimizerKernelSource: String?
    /// Called as each check starts (stage, shape, configuration), so that a process that dies in a
    /// kernel can say which (`validate --kernel-source` runs the sweep in a child process).
    package var willCheck: (String, String, String) -> Void = { _, _, _ in }
    /// Told `true` as a program starts compiling from source and `false` when it is done (``ProgramCache/building``).
    package var building: ((Bool) -> Void)?
    /// Where program binaries are kept between runs (nil: build every program from source).
    package var binaryCache: ProgramBinaryCache?

    package init(device: OpenCLDevice, seed: UInt64 = 0, quick: Bool = false, kernelSource: String? = nil,
                sweep: Sweep? = nil, binaryCache: ProgramBinaryCache? = .fromEnvironment()) {
        self.device = device
        self.seed = seed
        self.sweep = sweep ?? (quick ? .quick : .full)
        self.kernelSource = kernelSource
        self.binaryCache = binaryCache
    }

    /// Reads `common.cl`, `fused_rules.cl` and `linear.cl` from a directory, in the order the
    /// compiler needs them; a directory without `fused_rules.cl` gets the embedded one (the epoch
    /// kernel under an update rule other than plain SGD needs it).
    package static func kernelSource(directory: String) throws -> String {
        try ["common.cl", "fused_rules.cl", "linear.cl"].map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            if name == "fused_rules.cl", !FileManager.default.fileExists(atPath: path) { return KernelSources.fusedRules }
            return try String(contentsOfFile: path, encoding: .utf8)
        }.joined(separator: "\n")
    }

    /// Reads `common.cl` and `network.cl` from a directory for ``networkKernelSource``; nil when
    /// the directory has no `network.cl` (the embedded network kernels are checked then).
    package static func networkKernelSource(directory: String) throws -> String? {
        let network = (directory as NSString).appendingPathComponent("network.cl")
        guard FileManager.default.fileExists(atPath: network) else { return nil }
        return try ["common.cl", "network.cl"].map {
            try String(contentsOfFile: (directory as NSString).appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }

    var rowCounts: [Int] {
        switch sweep {
        case .full: [1, 2, 7, 63, 64, 65, 1000, 100_003]
        case .quick: [1, 7, 65, 1000]
        case .simulator: [1, 7, 65]
        }
    }
    var featureCounts: [Int] {
        switch sweep {
        case .full: [1, 13, 64, 257]
        case .quick: [1, 13, 64]
        case .simulator: [1, 13]
        }
    }
    var workGroupSizes: [Int] {
        let largest = min(256, device.maxWorkGroupSize, device.maxWorkItemSizes.first ?? 256)
        let all = sequence(first: 1) { $0 * 2 <= largest ? $0 * 2 : nil }.map { $0 }
        switch sweep {
        case .full: return all
        case .quick: return all.filter { $0 == 1 || $0 == 64 || $0 == largest }
        case .simulator: return all.filter { $0 == 1 || $0 == 32 || $0 == largest }
        }
    }
    var vectorWidths: [Int] {
        switch sweep {
        case .full: [1, 4, 8, 16]
        case .quick: [1, 16]
        case .simulator: [16]
        }
    }
    /// Rows per launch of the epoch kernel in the fused checks: small, so that every check with
    /// more than two steps also crosses a launch boundary (the parameters carried through memory).
    var maxRowsPerLaunch: Int { 2 }

    package func run(progress: (String) -> Void = { _ in }) throws -> ValidationReport {
        var checks = [ValidationCheck]()
        let context = try OpenCLContext(device: device)
        let programs = ProgramCache(context, binaryCache: binaryCache)
        programs.building = building
        for size in workGroupSizes {
            progress("stage kernels, WGS=\(size)")
            checks += stageChecks(OpenCLStages(programs: programs, workGroupSize: size, kernelSource: kernelSource))
        }
        for tuning in fusedTunings() {
            progress("fused path, \(tuning.description)")
            for singleGroup in [true, false] { checks += fusedChecks(tuning: tuning, singleGroup: singleGroup, programs: programs) }
        }
        progress("fused path, logistic head")
        checks += logisticChecks(programs: programs)
        progress("trajectories")
        checks += TrajectoryCheck(programs: programs, kernelSource: kernelSource, seed: seed, synthetic: sweep != .simulator).run()
        let networkPrograms = NetworkProgramCache(context, binaryCache: binaryCache)
        networkPrograms.building = building
        var network = NetworkValidation(programs: networkPrograms, sweep: sweep, seed: seed, kernelSource: networkKernelSource)
        network.willCheck = willCheck
        checks += network.run(progress: progress)
        var optimizers = OptimizerValidation(context: context, sweep: sweep, seed: seed, kernelSource: optimizerKernelSource)
        optimizers.linearKernelSource = kernelSource
        optimizers.linearPrograms = programs
        checks += optimizers.run(progress: progress)
        return ValidationReport(device: device.description, seed: seed, checks: checks,
                                programBuilds: programs.sourceBuilds + networkPrograms.sourceBuilds,
                                binaryLoads: programs.binaryLoads + networkPrograms.binaryLoads)
    }

    /// A backend forced to `tuning` and to one path of the fused kernels: the one-launch epoch
    /// kernel (`singleGroup`) or the two-kernel step; the fused checks of every head use it.
    func fusedBackend(_ tuning: KernelTuning, singleGroup: Bool, programs: ProgramCache) -> OpenCLBackend {
        let backend = OpenCLBackend(programs: programs, kernelSource: kernelSource)
        backend.tuningOverride = tuning
        backend.singleGroupMaxBatch = singleGroup ? .max : 0
        backend.maxRowsPerLaunch = maxRowsPerLaunch
        return backend
    }

    /// The rows 0..<rows in a seeded shuffled order, the seed varied by the batch size.
    func shuffledOrder(rows: Int, batch: Int) -> [Int32] {
        var random = TrainingRandom(kind: .standard, seed: seed &+ UInt64(batch))
        var order = (0..<Int32(rows)).map { $0 }
        random.shuffle(&order)
        return order
    }

    // MARK: Stages

    private func stageChecks(_ stages: OpenCLStages) -> [ValidationCheck] {
        let configuration = "WGS=\(stages.workGroupSize)"
        var checks = [ValidationCheck]()
        for rows in rowCounts {
            let z = values(rows, salt: 1), y = values(rows, salt: 2)
            checks += attempt("residual", "\(rows)", configuration) {
                let (r, loss) = try stages.residuals(predictions: z, targets: y)
                let reference = LinearReference.linearResidual(predictions: z, targets: y)
                return [ValidationCheck(stage: "residual", shape: "\(rows)", configuration: configuration, device: r,
                                        reference: reference.residuals, bounds: ErrorBound.residuals(predictions: z, targets: y)),
                        ValidationCheck(stage: "loss", shape: "\(rows)", configuration: configuration, device: [loss],
                                        reference: [reference.loss], bounds: [ErrorBound.loss(predictions: z, targets: y)])]
            }
            for features in featureCounts {
                let shape = "\(rows)×\(features)"
                let x = Matrix(rows: rows, columns: features, values: values(rows * features, salt: 3))
                let model = LinearModel(weights: values(features, salt: 4), bias: 0.25)
                checks += attempt("forward", shape, configuration) {
                    [ValidationCheck(stage: "forward", shape: shape, configuration: configuration,
                                     device: try stages.forward(features: x, model: model),
                                     reference: LinearReference.linearForward(features: x, model: model),
                                     bounds: ErrorBound.forward(features: x, model: model))]
                }
                checks += attempt("gradient", shape, configuration) {
                    let g = try stages.gradient(features: x, residuals: z)
                    let reference = LinearReference.linearGradient(features: x, residuals: z)
                    return [ValidationCheck(stage: "gradient", shape: shape, configuration: configuration,
                                            device: g.weights + [g.bias], reference: reference.weights + [reference.bias],
                                            bounds: ErrorBound.gradient(features: x, residuals: z))]
                }
            }
        }
        for features in featureCounts {
            // In place, so no poisoning: every gradient element is non-zero, so a skipped one fails.
            let model = LinearModel(weights: values(features, salt: 5), bias: -0.5)
            let gradient = LinearGradient(weights: values(features, salt: 6).map { $0 + ($0 < 0 ? -0.5 : 0.5) }, bias: 0.75)
            checks += attempt("update", "\(features)", configuration) {
                let updated = try stages.update(model: model, gradient: gradient, stepSize: 0.1)
                let reference = LinearReference.linearUpdate(model: model, gradient: gradient, stepSize: 0.1)
                return [ValidationCheck(stage: "update", shape: "\(features)", configuration: configuration,
                                        device: updated.weights + [updated.bias], reference: reference.weights + [reference.bias],
                                        bounds: ErrorBound.update(model: model, gradient: gradient, stepSize: 0.1))]
            }
        }
        return checks
    }

    // MARK: The fused path

    /// The sequential builds (with prefetching only on a CPU: GPU compilers reject it) and the
    /// cooperative builds at each work-group size.
    func fusedTunings() -> [KernelTuning] {
        featureCounts.flatMap { features in
            vectorWidths.map { KernelTuning(workGroupSize: 1, vectorWidth: $0, features: features, prefetchRows: device.isGPU ? 0 : 16) }
                + workGroupSizes.filter { $0 > 1 }.flatMap { size in
                    lanesPerRow(workGroupSize: size, features: features).map { KernelTuning(workGroupSize: size, features: features, lanesPerRow: $0) }
                }
        }
    }

    /// The GPU shape's lanes per row: the default, twice it (another tile height, another tree
    /// depth), and in the full sweep one lane per row of the whole group and the previous shape (0).
    private func lanesPerRow(workGroupSize size: Int, features: Int) -> [Int] {
        let chosen = KernelTuning.defaultLanesPerRow(workGroupSize: size, features: features)
        var lanes = [chosen, min(chosen * 2, size)]
        if sweep == .full { lanes += [size, 0] }
        return lanes.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Batch sizes on and off multiples of the work-group size.
    func batchSizes(for tuning: KernelTuning) -> [Int] {
        let w = tuning.workGroupSize
        if w == 1 { return quick ? [7, 65] : [1, 7, 64, 65, 1000] }
        return Array(Set([max(w - 1, 1), w, w + 1, 3 * w - 1])).sorted()
    }

    private func fusedChecks(tuning: KernelTuning, singleGroup: Bool, programs: ProgramCache) -> [ValidationCheck] {
        let configuration = "\(singleGroup ? "epoch" : "steps") WGS=\(tuning.workGroupSize) "
            + (tuning.workGroupSize > 1 ? "LPR=\(tuning.lanesPerRow)" : "VW=\(tuning.vectorWidth)")
        var checks = [ValidationCheck]()
        for batch in batchSizes(for: tuning) {
            let rows = batch + (batch + 1) / 2, features = tuning.features
            let shape = "\(rows)×\(features) batch \(batch)"
            checks += attempt("fused step", shape, configuration) {
                let data = RegressionData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                          features: Matrix(rows: rows, columns: features, values: values(rows * features, salt: 7)),
                                          targets: values(rows, salt: 8))
                let order = shuffledOrder(rows: rows, batch: batch)
                let backend = fusedBackend(tuning, singleGroup: singleGroup, programs: programs)
                try backend.load(data)
                try backend.prepare(batchSize: batch)
                var model = LinearModel(weights: values(features, salt: 9).map { $0 * 0.5 }, bias: 0.1)
                var results = [ValidationCheck]()
                for start in stride(from: 0, to: rows, by: batch) {
                    let indices = Array(order[start..<min(start + batch, rows)])
                    try backend.setModel(model)
                    let loss = try backend.trainEpoch(order: indices, batchSize: batch, stepSize: 0.05)
                    let updated = try backend.model()
                    let reference = LinearReference.linearStep(data: data, batch: indices.map(Int.init), model: model, stepSize: 0.05)
                    let gathered = Matrix(rows: indices.count, columns: features, values: indices.flatMap { data.features.row(Int($0)) })
                    let bound = ErrorBound.step(features: gathered, targets: indices.map { data.targets[Int($0)] }, model: model, stepSize: 0.05)
                    results.append(ValidationCheck(stage: "fused step", shape: shape + (start == 0 ? "" : " (last)"), configuration: configuration,
                                                   device: updated.weights + [updated.bias] + loss,
                                                   reference: reference.model.weights + [reference.model.bias, reference.loss],
                                                   bounds: bound.parameters + [bound.loss]))
                    model = reference.model
                }
                return results
            }
        }
        return checks
    }

    // MARK: Helpers

    /// Fresh seeded normals; `salt` separates the inputs of one check.
    func values(_ count: Int, salt: UInt64) -> [Double] {
        var random = TrainingRandom(kind: .standard, seed: seed &* 0x9E37_79B9 &+ salt &+ UInt64(count))
        return (0..<count).map { _ in random.nextNormal() }
    }

    /// Runs `body`; an error (a kernel that fails to build, a launch that fails) is a failed check
    /// carrying the error's text, not the end of the sweep.
    /// A build the device cannot run (``KernelLimitError``) is a skipped check that says why.
    func attempt(_ stage: String, _ shape: String, _ configuration: String, _ body: () throws -> [ValidationCheck]) -> [ValidationCheck] {
        willCheck(stage, shape, configuration)
        do { return try body() } catch let limit as KernelLimitError {
            return [ValidationCheck(skipped: stage, shape: shape, configuration: configuration, reason: limit.description)]
        } catch {
            return [ValidationCheck(stage: stage, shape: shape, configuration: configuration, maxAbsoluteError: .nan,
                                    maxRelativeError: .nan, bound: .nan, passed: false,
                                    mismatches: String(describing: error).split(separator: "\n").prefix(12).map(String.init))]
        }
    }
}
