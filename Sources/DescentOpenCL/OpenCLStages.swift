import Descent

/// The linear model's stage kernels, one call each, for checking a device against the CPU
/// reference stage by stage (``LinearStages``). Not a training path: every call uploads its inputs,
/// poisons its outputs with NaN (so an element a kernel fails to write shows up as NaN), runs, and
/// reads back.
package final class OpenCLStages: LinearStages {
    package let context: OpenCLContext
    /// `WGS` for the kernels that take a fixed work-group size.
    package let workGroupSize: Int
    private let programs: ProgramCache
    private let source: String

    package convenience init(context: OpenCLContext, workGroupSize: Int = 64, kernelSource: String? = nil) {
        self.init(programs: ProgramCache(context), workGroupSize: workGroupSize, kernelSource: kernelSource)
    }

    /// Stages sharing `programs` (and its context) with other users, as validate does.
    package init(programs: ProgramCache, workGroupSize: Int = 64, kernelSource: String? = nil) {
        context = programs.context
        self.workGroupSize = workGroupSize
        self.programs = programs
        source = kernelSource ?? LinearProgram.defaultSource
    }

    /// The build for `features`, checked against the device's limits for every stage kernel
    /// (``KernelLimitError`` for a work-group size this build cannot run).
    private func program(features: Int) throws -> LinearProgram {
        let program = try programs.program(KernelTuning(workGroupSize: workGroupSize, features: features), source: source)
        try program.checkLimits(Self.kernels)
        return program
    }

    static let kernels = ["linear_forward", "linear_residual", "linear_gradient_partial", "linear_reduce", "linear_update"]

    private func groups(_ count: Int, of size: Int) -> Int { (count + size - 1) / size }

    package func forward(features: Matrix, model: LinearModel) throws -> [Double] {
        let kernel = try program(features: features.columns).kernel("linear_forward")
        let x = try OpenCLBuffer(context, values: features.values.map(Float.init))
        let params = try OpenCLBuffer(context, values: (model.weights + [model.bias]).map(Float.init))
        let z = try OpenCLBuffer<Float>(context, count: features.rows)
        try z.fill(.nan)
        try kernel.set(0, x); try kernel.set(1, params); try kernel.set(2, z); try kernel.set(3, Int32(features.rows))
        try kernel.launch(groups: groups(features.rows, of: workGroupSize), groupSize: workGroupSize)
        return try z.read().map(Double.init)
    }

    package func residuals(predictions: [Double], targets: [Double]) throws -> (residuals: [Double], loss: Double) {
        let rows = predictions.count, groupCount = groups(rows, of: workGroupSize)
        let program = try program(features: 1)
        let z = try OpenCLBuffer(context, values: predictions.map(Float.init))
        let y = try OpenCLBuffer(context, values: targets.map(Float.init))
        let r = try OpenCLBuffer<Float>(context, count: rows)
        let partial = try OpenCLBuffer<Float>(context, count: groupCount)
        try r.fill(.nan); try partial.fill(.nan)
        let residual = try program.kernel("linear_residual")
        try residual.set(0, z); try residual.set(1, y); try residual.set(2, r); try residual.set(3, partial)
        try residual.set(4, Int32(rows))
        try residual.launch(groups: groupCount, groupSize: workGroupSize)
        let loss = try reduce(partial, groups: groupCount, width: 1, scale: 1 / Float(rows), program: program)
        return (try r.read().map(Double.init), loss[0])
    }

    package func gradient(features: Matrix, residuals: [Double]) throws -> LinearGradient {
        let width = features.columns + 1
        let rowsPerGroup = workGroupSize, groupCount = groups(features.rows, of: rowsPerGroup)
        let program = try program(features: features.columns)
        let x = try OpenCLBuffer(context, values: features.values.map(Float.init))
        let r = try OpenCLBuffer(context, values: residuals.map(Float.init))
        let partial = try OpenCLBuffer<Float>(context, count: groupCount * width)
        try partial.fill(.nan)
        let kernel = try program.kernel("linear_gradient_partial")
        try kernel.set(0, x); try kernel.set(1, r); try kernel.set(2, partial)
        try kernel.set(3, Int32(features.rows)); try kernel.set(4, Int32(rowsPerGroup))
        try kernel.launch(groups: groupCount, groupSize: workGroupSize)
        // The course multiplies by 1/N; in float32 that is also what the kernel does.
        let sums = try reduce(partial, groups: groupCount, width: width, scale: 1 / Float(features.rows), program: program)
        return LinearGradient(weights: Array(sums.dropLast()), bias: sums.last!)
    }

    package func update(model: LinearModel, gradient: LinearGradient, stepSize: Double) throws -> LinearModel {
        let program = try program(features: model.weights.count)
        let params = try OpenCLBuffer(context, values: (model.weights + [model.bias]).map(Float.init))
        let g = try OpenCLBuffer(context, values: (gradient.weights + [gradient.bias]).map(Float.init))
        let kernel = try program.kernel("linear_update")
        try kernel.set(0, params); try kernel.set(1, g); try kernel.set(2, Float(stepSize))
        try kernel.launch(groups: groups(model.weights.count + 1, of: workGroupSize), groupSize: workGroupSize)
        let values = try params.read().map(Double.init)
        return LinearModel(weights: Array(values.dropLast()), bias: values.last!)
    }

    /// `scale · Σ_g partial[g][d]` for each of `width` columns, by `linear_reduce`.
    private func reduce(_ partial: OpenCLBuffer<Float>, groups groupCount: Int, width: Int, scale: Float,
                        program: LinearProgram) throws -> [Double] {
        let out = try OpenCLBuffer<Float>(context, count: width)
        try out.fill(.nan)
        let kernel = try program.kernel("linear_reduce")
        try kernel.set(0, partial); try kernel.set(1, out)
        try kernel.set(2, Int32(groupCount)); try kernel.set(3, Int32(width)); try kernel.set(4, scale)
        try kernel.launch(groups: groups(width, of: workGroupSize), groupSize: workGroupSize)
        return try out.read().map(Double.init)
    }
}
