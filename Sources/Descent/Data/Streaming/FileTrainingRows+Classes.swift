/// The classes of a file read a piece at a time (issue 14: classification from a cache or an
/// `.npy` array too large to load), decided as loading the file decides them
/// (``DataTable/detectTask(target:)``, ``PreparedTable``): over all rows, train and test.
extension FileTrainingRows {
    /// The target's class names (ascending values, named as loading names them), each value's
    /// index, and the values of the training rows (two at most: the caller checks there are two,
    /// after the columns, as loading does), or nil when the rows are read for regression: `task`,
    /// or, when nil, a target of exactly two distinct values. One pass over the target column that
    /// stops where the answer is known (a third value when detecting, a value past
    /// ``DataTable/maxClasses``); at most that many + 1 values are held, so a regression target's
    /// millions are not.
    /// - Throws: ``DataError/classBeyondFloat32(source:column:value:cache:)`` (a cache, or rows read
    ///   as float32, as loading refuses them; checked first, as loading does, among the values read),
    ///   ``DataError/tooManyStreamedClasses(source:column:limit:)``.
    static func classes(_ file: RowFile, target: Int, trainRows: Int, task: LearningTask?,
                        precision: Matrix.Precision) throws(DataError) -> (names: [String], index: [Double: Double], training: Set<Double>)? {
        guard task != .regression else { return nil }
        let limit = DataTable.maxClasses, columns = file.columns, column = file.columnNames[target]
        var distinct = Set<Double>(), training = Set<Double>()
        var overflow = false, smallestLarge: Double?  // past 2^24: loading names the smallest such class
        var first = 0  // the block's first row in the file
        try forEachBlock(file, rows: 0..<file.rows, while: { !overflow && (task != nil || distinct.count <= 2) }) { block, count in
            for row in 0..<count {
                let value = block[row * columns + target]
                if first + row < trainRows, training.count < 2 { training.insert(value) }
                if abs(value) >= 16_777_216, value < smallestLarge ?? .infinity { smallestLarge = value }
                if distinct.count <= limit { distinct.insert(value) } else { overflow = true }
            }
            first += count
        }
        guard task == .classification || (distinct.count == 2 && !overflow) else { return nil }
        if file.layout.kind == .cache || precision == .float32, let large = smallestLarge {
            throw .classBeyondFloat32(source: file.source, column: column, value: large, cache: file.layout.kind == .cache)
        }
        guard !overflow, distinct.count <= limit else { throw .tooManyStreamedClasses(source: file.source, column: column, limit: limit) }
        let values = distinct.sorted()
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, Double($0)) })
        return (DataTable.classNames(values), index, training)
    }

    /// ``FewIntegerValues`` of the training rows' target, read a block at a time until the answer
    /// is no: the loaded path's notice for an MLP, from the same values.
    public func fewIntegerTargetValues() throws(DataError) -> Int? {
        var tally = FewIntegerValues()
        let columns = file.columns, target = targetColumn
        try Self.forEachBlock(file, rows: 0..<trainRows, while: { !tally.ruledOut }) { block, count in
            for row in 0..<count { tally.add(block[row * columns + target]) }
        }
        return tally.count
    }
}
