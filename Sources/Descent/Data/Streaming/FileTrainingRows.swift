/// The training and test rows of a ``RowFile`` too large to load, normalised as they are read
/// (issue 14): the course's split (the first `trainFraction` of the rows train, the rest test),
/// the training rows' statistics measured in one streaming pass before training, and rows
/// gathered a piece at a time for ``Trainer/runStreaming(on:spec:train:plan:normalization:onEpoch:)``.
///
/// The statistics are summed in row order and the rows normalised by ``ColumnStatistics``, as
/// ``PreparedData`` does for loaded rows, so a run streamed from the file trains on the same bits
/// as the same chunk shuffle on the loaded file (a test checks it). A classification target's
/// classes are counted in a pass over all rows, as loading counts them, and its rows hand over
/// class indices, never normalised (`FileTrainingRows+Classes.swift`).
public struct FileTrainingRows: PieceSource, @unchecked Sendable {
    public let file: RowFile
    /// The target's column in the file.
    public let targetColumn: Int
    /// The features' columns in the file, in order.
    public let featureColumns: [Int]
    /// The first `trainRows` rows train: `trainFraction` of them, as the course splits.
    public let trainRows: Int
    public let trainFraction: Double
    /// The training rows' statistics, kept in the model.
    public let normalization: Normalization
    /// How the rows are handed over.
    public let precision: Matrix.Precision
    public var featureNames: [String] { featureColumns.map { file.columnNames[$0] } }
    public var targetName: String { file.columnNames[targetColumn] }
    public var testRows: Int { file.rows - trainRows }
    public var count: Int { trainRows }
    public var featureCount: Int { featureColumns.count }
    /// The classes of a classification target, in index order; empty for regression.
    public let classNames: [String]
    /// Each class's value in the file, to its index (nil for regression).
    let classIndex: [Double: Double]?

    /// How the file's columns became the features, saved with the model as a loaded file's is:
    /// every column a number, by name, or by position in a file without a header.
    public var encoding: TableEncoding {
        TableEncoding(columns: featureColumns.map { EncodedColumn(name: file.columnNames[$0], position: $0) }, id: nil, target: targetName,
                      missing: .error, headerless: file.hasHeader ? nil : HeaderlessLayout(width: file.columns, target: targetColumn),
                      split: SplitRecord(trainFraction: trainFraction, shuffled: false, seed: nil, stratified: false))
    }

    /// Rows a pass over the file reads at once (16 MiB of float64 at 32 columns).
    public static let blockRows = 65_536

    /// Measures the training rows and checks the test rows (both normalise to finite values).
    /// `target` nil picks the last column; `task` nil reads a target of exactly two values over
    /// all rows as classes, as loading does. Throws ``DataError`` for a missing target column, an
    /// empty split, a non-finite value (its row and column), values that cannot be normalised,
    /// and the class problems loading reports (too many, one in the training rows, past 2^24 in float32).
    ///
    /// `precision`: the pieces' (and the summary's blocks') rows, as loading the file would hold them
    /// (``IngestReader/read(path:memoryBytes:float32Above:)``): float32 reads every value as float32
    /// first, as that loader does, so a streamed run sees the bits a loaded one sees.
    public init(file: RowFile, target: String?, trainFraction: Double, method: NormalizationMethod = .course,
                precision: Matrix.Precision = .float64, task: LearningTask? = nil) throws(DataError) {
        self.file = file
        self.precision = precision
        file.roundsToFloat32 = precision == .float32
        let columns = file.columns
        guard columns >= 2 else { throw .tooFewColumns(source: file.source, found: columns) }
        if let target {
            guard let index = file.columnNames.firstIndex(of: target) else {
                throw .unknownTarget(source: file.source, name: target, available: file.columnNames)
            }
            targetColumn = index
        } else {
            targetColumn = columns - 1
        }
        featureColumns = (0..<columns).filter { [targetColumn] in $0 != targetColumn }
        self.trainFraction = trainFraction
        trainRows = Int(trainFraction * Double(file.rows))
        guard trainRows >= 1, trainRows < file.rows else {
            throw .emptySplit(source: file.source, fraction: trainFraction, rows: file.rows, train: trainRows)
        }
        let statistics = try Self.measure(file, rows: 0..<trainRows, method: method)
        let classes = try Self.classes(file, target: targetColumn, trainRows: trainRows, task: task, precision: precision)
        classNames = classes?.names ?? []
        classIndex = classes?.index
        let names = file.columnNames
        // Class indices are never normalised: the identity, as ``Normalization`` keeps for loaded classes.
        normalization = Normalization(features: featureColumns.map { statistics[$0].named(names[$0]) },
                                      target: classes == nil ? statistics[targetColumn].named(names[targetColumn])
                                          : ColumnStatistics(name: names[targetColumn], mean: 0, minimum: 0, maximum: 1))
        for column in normalization.features + [normalization.target]
        where !(column.mean.isFinite && (column.maximum - column.minimum).isFinite) {
            throw .notNormalizable(source: file.source, column: column.name, minimum: column.minimum, maximum: column.maximum)
        }
        // After the columns' check, as loading checks them (``PreparedData``).
        if let classes, classes.training.count < 2, let only = classes.training.first {
            throw .singleClass(source: file.source, column: names[targetColumn], name: classes.names[Int(classes.index[only]!)])
        }
        try checkTestRows()
    }

    /// Every column's statistics over `rows`, in row order (the mean as the course's `sum / n`;
    /// the standard deviation, when `method` needs it, from a second pass).
    static func measure(_ file: RowFile, rows: Range<Int>, method: NormalizationMethod) throws(DataError) -> [ColumnStatistics] {
        let columns = file.columns
        var sums = [Double](repeating: 0, count: columns)
        var low = [Double](repeating: .infinity, count: columns), high = [Double](repeating: -.infinity, count: columns)
        try forEachBlock(file, rows: rows) { block, count in
            for row in 0..<count {
                for column in 0..<columns {
                    let value = block[row * columns + column]
                    sums[column] += value
                    low[column] = min(low[column], value)
                    high[column] = max(high[column], value)
                }
            }
        }
        var statistics = (0..<columns).map {
            ColumnStatistics(name: "", mean: sums[$0] / Double(rows.count), minimum: low[$0], maximum: high[$0],
                             method: method == .course ? nil : method)
        }
        guard method == .standard else { return statistics }
        var squares = [Double](repeating: 0, count: columns)
        try forEachBlock(file, rows: rows) { block, count in
            for row in 0..<count {
                for column in 0..<columns {
                    let difference = block[row * columns + column] - statistics[column].mean
                    squares[column] += difference * difference
                }
            }
        }
        for column in 0..<columns { statistics[column].deviation = (squares[column] / Double(max(rows.count, 1))).squareRoot() }
        return statistics
    }

    /// Reads `rows` of `file` a block at a time, while `going` says so before each: `body` gets
    /// each block's values (all columns, row-major) and its row count.
    static func forEachBlock(_ file: RowFile, rows: Range<Int>, while going: () -> Bool = { true },
                             _ body: (UnsafeMutablePointer<Double>, Int) throws(DataError) -> Void) throws(DataError) {
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * file.columns)
        defer { buffer.deallocate() }
        for start in stride(from: rows.lowerBound, to: rows.upperBound, by: blockRows) where going() {
            let block = start..<min(start + blockRows, rows.upperBound)
            try file.read(block, into: buffer)
            try body(buffer, block.count)
        }
    }

    /// The test rows normalise to finite values (as ``PreparedData`` checks loaded ones).
    private func checkTestRows() throws(DataError) {
        let columns = file.columns, features = featureColumns, targetColumn = targetColumn, normalization = normalization
        let source = file.source
        try Self.forEachBlock(file, rows: trainRows..<file.rows) { (block, count) throws(DataError) in
            for row in 0..<count {
                for (index, column) in features.enumerated() {
                    let raw = block[row * columns + column], statistics = normalization.features[index]
                    guard statistics.normalize(raw).isFinite else {
                        throw .outsideRange(source: source, column: statistics.name, value: raw, minimum: statistics.minimum, maximum: statistics.maximum)
                    }
                }
                let raw = block[row * columns + targetColumn]
                guard normalization.target.normalize(raw).isFinite else {
                    let statistics = normalization.target
                    throw .outsideRange(source: source, column: statistics.name, value: raw, minimum: statistics.minimum, maximum: statistics.maximum)
                }
            }
        }
    }

    /// The training rows at `rows`, in that order, normalised; the span of the file they lie in is
    /// handed back afterwards (a chunk-shuffle piece spans a few chunks).
    /// - Throws: ``DataError/classChangedWhileRead(source:column:row:value:)`` for a class label
    ///   not counted when the rows were measured (the file changed since).
    public func gather(rows: ArraySlice<Int32>) throws(DataError) -> TrainingData {
        try gathering(rows.lazy.map { Int($0) }, count: rows.count)
    }

    /// Rows `range` of the file (training or test rows), normalised, as one piece: the summary's blocks.
    /// - Throws: as ``gather(rows:)``.
    public func rows(_ range: Range<Int>) throws(DataError) -> TrainingData {
        try gathering(range, count: range.count)
    }

    private func gathering(_ rows: some Sequence<Int>, count: Int) throws(DataError) -> TrainingData {
        let columns = file.columns, features = featureColumns.count
        var targets = [Double](repeating: 0, count: count)
        let row = UnsafeMutablePointer<Double>.allocate(capacity: columns)
        defer { row.deallocate() }
        var low = Int.max, high = 0
        var unknown: (row: Int, value: Double)?  // a label the class pass did not see: the file changed
        // Each value normalised in float64, then held as the loaded file holds it (rounded once to float32 there).
        func fill<Element: BinaryFloatingPoint>(_ values: UnsafeMutableBufferPointer<Element>) {
            var position = 0
            for index in rows {
                file.copyRow(index, into: row)
                for (slot, column) in featureColumns.enumerated() {
                    values[position * features + slot] = Element(normalization.features[slot].normalize(row[column]))
                }
                if let classIndex {
                    let label = row[targetColumn], found = classIndex[label]
                    if found == nil, unknown == nil { unknown = (row: index, value: label) }
                    targets[position] = found ?? 0
                } else {
                    targets[position] = normalization.target.normalize(row[targetColumn])
                }
                low = min(low, index)
                high = max(high, index)
                position += 1
            }
        }
        let matrix: Matrix
        if precision == .float32 {
            matrix = Matrix(rows: count, columns: features, float32: [Float](unsafeUninitializedCapacity: count * features) {
                fill($0)
                $1 = count * features
            })
        } else {
            matrix = Matrix(rows: count, columns: features, values: [Double](unsafeUninitializedCapacity: count * features) {
                fill($0)
                $1 = count * features
            })
        }
        if low <= high { file.release(low..<(high + 1)) }
        if let unknown { throw .classChangedWhileRead(source: file.source, column: targetName, row: unknown.row + 1, value: unknown.value) }
        return TrainingData(featureNames: featureNames, targetName: targetName, features: matrix, targets: targets, classNames: classNames)
    }
}

extension ColumnStatistics {
    /// These statistics under another name.
    func named(_ name: String) -> ColumnStatistics {
        var copy = self
        copy.name = name
        return copy
    }
}
