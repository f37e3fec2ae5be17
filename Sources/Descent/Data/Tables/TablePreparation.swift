/// A table made ready to train on: its columns chosen and encoded (``TableEncoding``), rows with
/// missing values refused, dropped or filled from the training rows, split and normalised.
public struct PreparedTable: Sendable {
    public var prepared: PreparedData
    public var encoding: TableEncoding
    /// What was decided for the user without being asked (a saved index dropped, text one-hot
    /// encoded, rows dropped), one sentence each.
    public var notices: [String]

    /// Prepares `table` as `options` say. Throws ``DataError`` or ``TableError``.
    ///
    /// The rows are held once: dropped rows, the encoded features and the split are made in the
    /// table's own buffer when the caller hands over its only reference (`train` does), and the
    /// test rows alone are copied out.
    public init(_ table: consuming DataTable, options: TableOptions) throws {
        let source = table.source
        var notices = [String]()
        let targetIndex = try table.targetIndex(options.target)
        let target = table.columnNames[targetIndex]
        func resolve(_ names: [String], _ role: ColumnRole) throws -> [Int] {
            try names.map { name in
                guard let index = table.columnNames.firstIndex(of: name) else {
                    throw TableError.unknownColumn(source: source, name: name, role: role, available: table.columnNames)
                }
                guard index != targetIndex else { throw TableError.targetInRole(source: source, name: name, role: role) }
                return index
            }
        }
        let dropped = Set(try resolve(options.drop, .drop))
        let idIndex = try options.id.map { try resolve([$0], .id)[0] }
        let categorical = Set(try resolve(options.categorical, .categorical))
        var features: [Int]
        if let chosen = options.features {
            features = try resolve(chosen, .features)
        } else {
            features = (0..<table.values.columns).filter { $0 != targetIndex && $0 != idIndex && !dropped.contains($0) }
            for index in features where table.isSavedIndex(index) {
                notices.append("column \(index + 1) has no name and counts 0, 1, 2, … (a saved row index): dropped; --features or --id keeps it")
                features.removeAll { $0 == index }
            }
        }
        if let idIndex, features.contains(idIndex) { throw TableError.idInFeatures(source: source, name: table.columnNames[idIndex]) }
        guard !features.isEmpty else { throw TableError.noFeatures(source: source) }

        // Rows: refuse, drop, or keep (to fill) those with empty fields; a row without a target never trains.
        let used = features + [targetIndex]
        let missing = table.missingFields(in: used)
        var kept = Array(0..<table.values.rows)
        if missing.count > 0 {
            let line = table.rowLines?[missing.firstRow] ?? missing.firstRow + (table.hasHeader ? 2 : 1)
            let names = missing.columns.map { table.columnNames[$0] }
            switch options.missing {
            case .error:
                throw TableError.missingValues(source: source, count: missing.count, columns: names, line: line)
            case .drop:
                kept = kept.filter { row in !used.contains { table.isMissing(row: row, column: $0) } }
                notices.append("\(table.values.rows - kept.count) rows with empty fields (in \(elidedList(names))) dropped")
            default:
                kept = kept.filter { !table.isMissing(row: $0, column: targetIndex) }
                if kept.count < table.values.rows {
                    notices.append("\(table.values.rows - kept.count) rows without a target value dropped")
                }
            }
        }
        table.keepRows(kept)  // in place; nothing moves when every row stays

        // The target, and the split it allows.
        let task = options.task ?? table.detectTask(target: target)
        let (targets, classNames) = try table.classes(of: targetIndex, task: task)
        if options.stratify, task != .classification { throw TableError.stratifyRegression(source: source, column: target) }
        let split = try options.fold.map {
            try TableSplit.fold($0, count: table.values.rows, shuffle: options.shuffle, seed: options.splitSeed, stratify: options.stratify,
                                classes: targets, source: source)
        } ?? TableSplit.indices(count: table.values.rows, fraction: options.trainFraction, shuffle: options.shuffle,
                                           seed: options.splitSeed, stratify: options.stratify, classes: targets,
                                           classNames: classNames, source: source)

        // The columns: numbers or categories, each with its fill from the training rows.
        var columns = [EncodedColumn]()
        for index in features {
            var column = EncodedColumn(name: table.columnNames[index], position: index)
            func field(_ row: Int) -> TableField { TableField(copy table, row: row, column: index) }
            if table.textColumns[index] != nil || categorical.contains(index) {
                let levels = table.levels(of: index)
                guard levels.count <= options.maxLevels else {
                    throw TableError.tooManyLevels(source: source, column: column.name, found: levels.count, limit: options.maxLevels)
                }
                column.levels = levels
                if table.textColumns[index] != nil {
                    notices.append("column '\(column.name.terminalSafe.elided(to: 40))' holds text: one-hot encoded as \(levels.count) features (levels \(elidedList(levels.map { $0.terminalSafe.elided(to: 20) })))")
                }
                if options.missing.fills { column.fillLevel = Self.mostFrequent(split.train.compactMap { field($0).level }) }
            } else if options.missing.fills {
                let values = split.train.compactMap { field($0).number }
                column.fill = Self.fill(values, policy: options.missing)
            }
            columns.append(column)
        }
        let encoding = TableEncoding(columns: columns, id: idIndex.map { table.columnNames[$0] }, target: target, missing: options.missing,
                                     headerless: table.hasHeader ? nil : HeaderlessLayout(width: table.values.columns, target: targetIndex),
                                     split: SplitRecord(trainFraction: options.trainFraction, shuffled: options.shuffle,
                                                        seed: options.shuffle ? options.splitSeed : nil, stratified: options.stratify))
        let matrix = try encoding.features(taking: &table)  // the table keeps no values from here on
        var data = TrainingData(featureNames: encoding.featureNames, targetName: target, features: consume matrix,
                                targets: consume targets, classNames: classNames)
        let (train, test) = data.takeSplit(train: split.train, test: split.test)
        prepared = try PreparedData(train: consume train, test: consume test, source: source, method: options.normalization)
        prepared.encoding = encoding
        self.encoding = encoding
        self.notices = notices
    }

    /// The fill of a numeric column: the mean, median or most frequent of the training rows' values (0 if none).
    static func fill(_ values: [Double], policy: MissingPolicy) -> Double {
        guard !values.isEmpty else { return 0 }
        switch policy {
        case .median:
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        case .mostFrequent:
            return Double(mostFrequent(values.map(DataTable.className)) ?? "0") ?? 0
        default:
            var sum = 0.0
            for value in values { sum += value }
            return sum / Double(values.count)
        }
    }

    /// The most frequent of `values`; the first in sorted order among ties.
    static func mostFrequent(_ values: [String]) -> String? {
        var counts = [String: Int]()
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
