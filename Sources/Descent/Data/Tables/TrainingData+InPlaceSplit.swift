/// Splitting rows without holding them twice (issue 14, "hold the data once").
extension TrainingData {
    /// The training rows at `train` and the test rows at `test`, taking these rows: the test rows
    /// are copied out, then the training rows move forward in this buffer (no copy of them), and
    /// this value is left with no rows. Each index list ascending, as ``TableSplit`` gives them;
    /// otherwise both parts are copied (``rows(at:)``).
    mutating func takeSplit(train: [Int], test: [Int]) -> (train: TrainingData, test: TrainingData) {
        let columns = features.columns
        let empty = TrainingData(featureNames: featureNames, targetName: targetName, features: Matrix(rows: 0, columns: columns),
                                 targets: [], classNames: classNames)
        guard Self.ascending(train), Self.ascending(test) else {
            defer { self = empty }
            return (rows(at: train), rows(at: test))
        }
        let testRows = rows(at: test)
        var matrix = features, kept = targets
        self = empty  // `matrix` and `kept` are now their buffers' only references
        matrix.keepRows(train)
        for (to, from) in train.enumerated() { kept[to] = kept[from] }
        kept.removeLast(kept.count - train.count)
        let trainRows = TrainingData(featureNames: featureNames, targetName: targetName, features: matrix,
                                     targets: kept, classNames: classNames)
        return (trainRows, testRows)
    }

    private static func ascending(_ indices: [Int]) -> Bool {
        zip(indices, indices.dropFirst()).allSatisfy { $0 < $1 }
    }
}
