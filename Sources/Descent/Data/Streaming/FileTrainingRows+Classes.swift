/// The classes of a file read a piece at a time (issue 14: classification from a cache or an
/// `.npy` array too large to load), decided as loading the file decides them
/// (``DataTable/detectTask(target:)``, ``PreparedTable``): over all rows, train and test.
extension FileTrainingRows {
    /// The target's class names (ascending values, named as loading names them) and each value's
    /// index, or nil when the rows are read for regression: `task`, or, when nil, a target of
    /// exactly two distinct values. One pass over the target column (detecting, it stops at a third
    /// value); at most ``DataTable/maxClasses`` + 1 values are held, so a regression target's millions are not.
    /// - Throws: ``DataError/tooManyStreamedClasses(source:column:limit:)``,
    ///   ``DataError/classBeyondFloat32(source:column:value:cache:)`` (a cache, or rows read as
    ///   float32, as loading refuses them), ``DataError/singleClass(source:column:name:)``.
    static func classes(_ file: RowFile, target: Int, trainRows: Int, task: LearningTask?,
                        precision: Matrix.Precision) throws(DataError) -> (names: [String], index: [Double: Double])? {
        guard task != .regression else { return nil }
        let limit = DataTable.maxClasses, columns = file.columns, column = file.columnNames[target]
        var distinct = Set<Double>(), trainDistinct = Set<Double>()
        var overflow = false
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * columns)
        defer { buffer.deallocate() }
        // Detecting (no task), a third value settles it: the rest of the file is not read.
        for start in stride(from: 0, to: file.rows, by: blockRows) where task != nil || distinct.count <= 2 {
            let block = start..<min(start + blockRows, file.rows)
            try file.read(block, into: buffer)
            for row in block {
                let value = buffer[(row - start) * columns + target]
                if row < trainRows, trainDistinct.count < 2 { trainDistinct.insert(value) }
                if distinct.count <= limit { distinct.insert(value) } else { overflow = true }
            }
        }
        guard task == .classification || (distinct.count == 2 && !overflow) else { return nil }
        guard !overflow, distinct.count <= limit else { throw .tooManyStreamedClasses(source: file.source, column: column, limit: limit) }
        let values = distinct.sorted()
        // Past 2^24 float32 rounds integers together: two labels could have become one.
        if file.layout.kind == .cache || precision == .float32, let large = values.first(where: { abs($0) >= 16_777_216 }) {
            throw .classBeyondFloat32(source: file.source, column: column, value: large, cache: file.layout.kind == .cache)
        }
        let names = DataTable.classNames(values)
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, Double($0)) })
        if trainDistinct.count < 2, let only = trainDistinct.first {
            throw .singleClass(source: file.source, column: column, name: names[Int(index[only]!)])
        }
        return (names, index)
    }
}
