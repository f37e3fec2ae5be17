/// The course's normalisation of one column: `x' = (x - mean) / (max - min)`, with statistics
/// taken from the training rows only and kept for inference.
public struct ColumnStatistics: Codable, Equatable, Sendable {
    public var name: String
    public var mean: Double
    public var minimum: Double
    public var maximum: Double

    public init(name: String, mean: Double, minimum: Double, maximum: Double) {
        self.name = name
        self.mean = mean
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Measures `values`. The mean is the plain left-to-right sum over the count, as the course's
    /// `sum(axis=0) / n` computes it.
    public init(name: String, values: some Collection<Double>) {
        precondition(!values.isEmpty)
        var sum = 0.0, low = Double.infinity, high = -Double.infinity
        for value in values {
            sum += value
            low = min(low, value)
            high = max(high, value)
        }
        self.init(name: name, mean: sum / Double(values.count), minimum: low, maximum: high)
    }

    /// `max - min`, or 1 for a constant column: its normalised values are then all 0 instead of
    /// NaN, and the weight the model learns for it stays inert.
    public var scale: Double { maximum > minimum ? maximum - minimum : 1 }

    public func normalize(_ value: Double) -> Double { (value - mean) / scale }
    public func denormalize(_ value: Double) -> Double { value * scale + mean }
}

/// The statistics of every feature and of the target.
public struct Normalization: Codable, Equatable, Sendable {
    public var features: [ColumnStatistics]
    public var target: ColumnStatistics

    public init(features: [ColumnStatistics], target: ColumnStatistics) {
        self.features = features
        self.target = target
    }

    /// Measures the columns of `data`.
    public init(measuring data: RegressionData) {
        features = data.featureNames.indices.map { column in
            ColumnStatistics(name: data.featureNames[column], values: data.features.column(column))
        }
        // Class indices are never normalised: the identity (mean 0, range 1).
        target = data.task == .classification ? ColumnStatistics(name: data.targetName, mean: 0, minimum: 0, maximum: 1)
            : ColumnStatistics(name: data.targetName, values: data.targets)
    }

    /// `data` in normalised units.
    public func normalize(_ data: RegressionData) -> RegressionData {
        var result = data
        normalize(&result)
        return result
    }

    /// `data` put in normalised units in place: no second copy of its rows when it holds the only
    /// reference to them (``PreparedData`` normalises its fresh split this way).
    public func normalize(_ data: inout RegressionData) {
        let columns = features.count
        data.features.values.withUnsafeMutableBufferPointer { values in
            for index in values.indices { values[index] = features[index % columns].normalize(values[index]) }
        }
        data.targets.withUnsafeMutableBufferPointer { targets in
            for index in targets.indices { targets[index] = target.normalize(targets[index]) }
        }
    }

    /// One raw feature row in normalised units.
    public func normalizeFeatures(_ row: some Collection<Double>) -> [Double] {
        zip(features, row).map { $0.normalize($1) }
    }
}

/// The course's split and normalisation: the first `Int(ratio × rows)` rows train (no shuffle
/// before the split), the rest test, both normalised with the training rows' statistics.
public struct PreparedData: Sendable {
    public var train: RegressionData
    public var test: RegressionData
    public var normalization: Normalization

    public init(_ data: RegressionData, trainFraction: Double, source: String = "the data") throws(DataError) {
        let trainCount = Int(trainFraction * Double(data.count))
        guard trainCount >= 1, trainCount < data.count else {
            throw .emptySplit(source: source, fraction: trainFraction, rows: data.count, train: trainCount)
        }
        var rawTrain: RegressionData? = data.rows(0..<trainCount)
        normalization = Normalization(measuring: rawTrain!)
        for column in normalization.features + [normalization.target]
        where !(column.mean.isFinite && (column.maximum - column.minimum).isFinite) {
            throw .notNormalizable(source: source, column: column.name, minimum: column.minimum, maximum: column.maximum)
        }
        if data.task == .classification, let first = rawTrain!.targets.first, rawTrain!.targets.allSatisfy({ $0 == first }) {
            throw .singleClass(source: source, column: data.targetName, name: data.classNames[Int(first)])
        }
        var train = rawTrain.take()!
        normalization.normalize(&train)  // in place: the split's only reference, no second copy
        self.train = train
        var test = data.rows(trainCount..<data.count)
        normalization.normalize(&test)
        self.test = test
        try Self.checkFinite(test, raw: { data.rows(trainCount..<data.count) }, normalization: normalization, source: source)
    }

    /// Test rows far outside the training rows' range can overflow when normalised.
    /// `raw`: the rows before normalisation, asked for only to word an error.
    private static func checkFinite(_ data: RegressionData, raw rawRows: () -> RegressionData, normalization: Normalization,
                                    source: String) throws(DataError) {
        let columns = data.features.columns
        if let index = data.features.values.firstIndex(where: { !$0.isFinite }) {
            let raw = rawRows()
            let statistics = normalization.features[index % columns]
            throw .outsideRange(source: source, column: statistics.name, value: raw.features.values[index],
                                minimum: statistics.minimum, maximum: statistics.maximum)
        }
        if let index = data.targets.firstIndex(where: { !$0.isFinite }) {
            let raw = rawRows()
            let statistics = normalization.target
            throw .outsideRange(source: source, column: statistics.name, value: raw.targets[index],
                                minimum: statistics.minimum, maximum: statistics.maximum)
        }
    }
}
