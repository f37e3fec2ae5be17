/// The course's normalisation of one column: `x' = (x - mean) / (max - min)`, with statistics
/// taken from the training rows only and kept for inference.
public struct ColumnStatistics: Codable, Equatable, Sendable {
    /// The column's name.
    public var name: String
    /// The training rows' mean.
    public var mean: Double
    /// The training rows' smallest value.
    public var minimum: Double
    /// The training rows' largest value.
    public var maximum: Double
    /// How values are scaled (``NormalizationMethod``); absent: the course's.
    public var method: NormalizationMethod?
    /// The population standard deviation, kept for ``NormalizationMethod/standard``.
    public var deviation: Double?

    /// Statistics from their values.
    public init(name: String, mean: Double, minimum: Double, maximum: Double, method: NormalizationMethod? = nil, deviation: Double? = nil) {
        self.name = name
        self.mean = mean
        self.minimum = minimum
        self.maximum = maximum
        self.method = method
        self.deviation = deviation
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

    /// `max - min` (the standard deviation for ``NormalizationMethod/standard``, 1 for `none`), or
    /// 1 for a constant column: its normalised values are then all 0 instead of NaN, and the weight
    /// the model learns for it stays inert.
    public var scale: Double {
        switch method ?? .course {
        case .course: maximum > minimum ? maximum - minimum : 1
        case .standard: (deviation ?? 0) > 0 ? deviation! : 1
        case .none: 1
        }
    }

    /// What is subtracted before scaling: the mean, or 0 for `none`.
    public var center: Double { method == NormalizationMethod.none ? 0 : mean }

    /// `(value - center) / scale`.
    public func normalize(_ value: Double) -> Double { (value - center) / scale }
    /// `value · scale + center`: back to the file's units.
    public func denormalize(_ value: Double) -> Double { value * scale + center }

    /// These statistics scaled by `method` (measuring the standard deviation of `values` when it is standard).
    public func using(_ method: NormalizationMethod, values: some Collection<Double>) -> ColumnStatistics {
        guard method != .course else { return self }
        var copy = self
        copy.method = method
        if method == .standard {
            var squares = 0.0
            for value in values { squares += (value - mean) * (value - mean) }
            copy.deviation = (squares / Double(max(values.count, 1))).squareRoot()
        }
        return copy
    }
}

/// How columns are scaled before training; `--normalize`. The choice is kept in each column's
/// statistics, so a model file applies it at inference.
public enum NormalizationMethod: String, Codable, CaseIterable, Sendable {
    /// `(x − mean) / (max − min)`, the course's.
    case course
    /// `(x − mean) / standard deviation` (z-score).
    case standard
    /// Unscaled.
    case none
}

/// The statistics of every feature and of the target.
public struct Normalization: Codable, Equatable, Sendable {
    /// Each feature's statistics, in column order.
    public var features: [ColumnStatistics]
    /// The target's statistics.
    public var target: ColumnStatistics

    /// Statistics from their parts.
    public init(features: [ColumnStatistics], target: ColumnStatistics) {
        self.features = features
        self.target = target
    }

    /// Measures the columns of `data`.
    public init(measuring data: RegressionData, method: NormalizationMethod = .course) {
        features = data.featureNames.indices.map { column in
            let values = data.features.column(column)
            return ColumnStatistics(name: data.featureNames[column], values: values).using(method, values: values)
        }
        // Class indices are never normalised: the identity (mean 0, range 1).
        target = data.task == .classification ? ColumnStatistics(name: data.targetName, mean: 0, minimum: 0, maximum: 1)
            : ColumnStatistics(name: data.targetName, values: data.targets).using(method, values: data.targets)
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
        _ = data.features.transform { features[$1].normalize($0) }  // in the rows' own buffer and precision
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
    /// The training rows, normalised.
    public var train: RegressionData
    /// The test rows, normalised with the training rows' statistics.
    public var test: RegressionData
    /// The training rows' statistics.
    public var normalization: Normalization
    /// How the data file's columns became these features (``PreparedTable``), saved with the model.
    public var encoding: TableEncoding?

    /// Splits `data` (the first `trainFraction` of rows train) and normalises both parts.
    /// - Throws: ``DataError`` for a split that leaves a part empty, or values that cannot be normalised.
    public init(_ data: RegressionData, trainFraction: Double, source: String = "the data") throws(DataError) {
        let trainCount = Int(trainFraction * Double(data.count))
        guard trainCount >= 1, trainCount < data.count else {
            throw .emptySplit(source: source, fraction: trainFraction, rows: data.count, train: trainCount)
        }
        try self.init(train: data.rows(0..<trainCount), test: data.rows(trainCount..<data.count), source: source)
    }

    /// Normalises rows already split (``TableSplit``) by `method`, with the training rows' statistics.
    /// Both parts are normalised in place: handed their only references (``PreparedTable`` does),
    /// no second copy of the rows is made.
    public init(train rawTrain: consuming RegressionData, test rawTest: consuming RegressionData, source: String = "the data",
                method: NormalizationMethod = .course) throws(DataError) {
        normalization = Normalization(measuring: copy rawTrain, method: method)  // borrowed: a reference, not the rows
        for column in normalization.features + [normalization.target]
        where !(column.mean.isFinite && (column.maximum - column.minimum).isFinite) {
            throw .notNormalizable(source: source, column: column.name, minimum: column.minimum, maximum: column.maximum)
        }
        if rawTrain.task == .classification, let first = rawTrain.targets.first, rawTrain.targets.allSatisfy({ $0 == first }) {
            throw .singleClass(source: source, column: rawTrain.targetName, name: rawTrain.classNames[Int(first)])
        }
        normalization.normalize(&rawTrain)
        train = rawTrain
        let overflow = normalization.normalizeReportingOverflow(&rawTest)
        test = rawTest
        // Test rows far outside the training rows' range can overflow when normalised.
        if let (index, raw) = overflow.feature {
            let statistics = normalization.features[index % normalization.features.count]
            throw .outsideRange(source: source, column: statistics.name, value: raw, minimum: statistics.minimum, maximum: statistics.maximum)
        }
        if let (_, raw) = overflow.target {
            let statistics = normalization.target
            throw .outsideRange(source: source, column: statistics.name, value: raw, minimum: statistics.minimum, maximum: statistics.maximum)
        }
    }
}

extension Normalization {
    /// `data` put in normalised units in place, as `normalize(_:)` does, noting
    /// the first feature value and the first target that became non-finite: their index and their
    /// value before (to word the error without keeping the raw rows).
    func normalizeReportingOverflow(_ data: inout RegressionData) -> (feature: (Int, Double)?, target: (Int, Double)?) {
        var target: (Int, Double)?
        let feature = data.features.transform { features[$1].normalize($0) }.map { ($0.index, $0.value) }
        data.targets.withUnsafeMutableBufferPointer { targets in
            for index in targets.indices {
                let raw = targets[index]
                targets[index] = self.target.normalize(raw)
                if target == nil, !targets[index].isFinite { target = (index, raw) }
            }
        }
        return (feature, target)
    }
}
