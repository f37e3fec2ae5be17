/// Which rows train and which test: the course's first rows by default, or a shuffle by a seed,
/// or per class in the same proportion (stratified), so a file sorted by class still tests every class.
public enum TableSplit {
    /// The training and test row indices (each ascending) of `count` rows.
    ///
    /// - Parameters:
    ///   - count: the rows to split.
    ///   - fraction: the share of rows that train.
    ///   - shuffle: whether to draw the rows by `seed` (otherwise the first rows train).
    ///   - seed: the shuffle's seed.
    ///   - stratify: whether to split each class in the same proportion.
    ///   - classes: each row's class index, for `stratify`.
    ///   - classNames: the classes' names, for messages.
    ///   - source: the data's name, for messages.
    public static func indices(count: Int, fraction: Double, shuffle: Bool, seed: UInt64, stratify: Bool,
                               classes: [Double], classNames: [String], source: String) throws -> (train: [Int], test: [Int]) {
        var random = TrainingRandom(kind: .standard, seed: seed)
        if stratify {
            var byClass = [Int: [Int]]()
            for (row, label) in classes.enumerated() { byClass[Int(label), default: []].append(row) }
            var train = [Int](), test = [Int]()
            for label in byClass.keys.sorted() {
                var rows = byClass[label]!
                guard rows.count >= 2 else {
                    throw TableError.smallClass(source: source, name: classNames.indices.contains(label) ? classNames[label] : String(label), rows: rows.count)
                }
                if shuffle { random.shuffle(&rows) }
                let take = min(max(Int((fraction * Double(rows.count)).rounded()), 1), rows.count - 1)
                train += rows[..<take]
                test += rows[take...]
            }
            return (train.sorted(), test.sorted())
        }
        let trainCount = Int(fraction * Double(count))
        guard trainCount >= 1, trainCount < count else {
            throw DataError.emptySplit(source: source, fraction: fraction, rows: count, train: trainCount)
        }
        var rows = Array(0..<count)
        if shuffle { random.shuffle(&rows) }
        return (rows[..<trainCount].sorted(), rows[trainCount...].sorted())
    }
}

extension TableSplit {
    /// The rows of fold `fold` (which test) and of the others (which train), each ascending. Rows
    /// are dealt in order (shuffled by `seed` when `shuffle`; class by class when `stratify`):
    /// contiguous blocks, or round-robin per class, so each fold holds every class in proportion.
    public static func fold(_ fold: Fold, count: Int, shuffle: Bool, seed: UInt64, stratify: Bool, classes: [Double],
                            source: String) throws -> (train: [Int], test: [Int]) {
        guard fold.count >= 2, count >= fold.count else { throw TableError.tooFewRowsForFolds(source: source, rows: count, folds: fold.count) }
        var random = TrainingRandom(kind: .standard, seed: seed)
        var inFold = [Bool](repeating: false, count: count)
        if stratify {
            var byClass = [Int: [Int]]()
            for (row, label) in classes.enumerated() { byClass[Int(label), default: []].append(row) }
            var dealt = 0
            for label in byClass.keys.sorted() {
                var rows = byClass[label]!
                if shuffle { random.shuffle(&rows) }
                for row in rows {
                    inFold[row] = dealt % fold.count == fold.index
                    dealt += 1
                }
            }
        } else {
            var order = Array(0..<count)
            if shuffle { random.shuffle(&order) }
            for row in order[fold.index * count / fold.count..<(fold.index + 1) * count / fold.count] { inFold[row] = true }
        }
        return ((0..<count).filter { !inFold[$0] }, (0..<count).filter { inFold[$0] })
    }
}

extension TrainingData {
    /// The samples at `indices`, in that order.
    public func rows(at indices: [Int]) -> TrainingData {
        if let first = indices.first, indices.last == first + indices.count - 1 { return rows(first..<first + indices.count) }  // ascending and contiguous
        return TrainingData(featureNames: featureNames, targetName: targetName, features: features.rows(at: indices),
                            targets: indices.map { targets[$0] }, classNames: classNames)
    }
}
