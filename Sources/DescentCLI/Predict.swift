import ArgumentParser
import Descent
import Foundation

/// `descent predict`: a saved model's predictions: a value in the target's units (dollars for
/// housing), or a classifier's class and its probability (every class's with `--probabilities`).
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict with a saved model.",
        discussion: "With no --data, predicts the course's example: the 10th row from the end of the bundled data.")

    @Option(help: ArgumentHelp("The model file written by `descent train`.", valueName: "path"))
    var model = "housing.model.json"

    @Option(help: ArgumentHelp("Rows to predict: the model's features in order (plus, optionally, the target), or CSV with a header naming them.", valueName: "file"))
    var data: String?

    @Flag(help: "For a classifier, print every class's probability.") var probabilities = false

    func run() throws {
        let file = try ModelFile.read(from: model)
        if probabilities, file.task == .regression { throw InputError("--probabilities applies to classifiers; \(model) predicts numbers") }
        let rows: PredictionRows
        if let data {
            rows = try PredictionRows(table: try DelimitedFileReader.read(path: data), model: file)
        } else {
            guard file.task == .regression else { throw InputError("\(model): a classifier has no example row: give the rows to classify with --data") }
            let table = BundledData.housing()
            rows = try PredictionRows(table: table, model: file).only(row: table.values.rows - 10)
        }
        if file.task == .classification { return try classify(rows, file: file) }
        print("row".padding(toLength: 6, withPad: " ", startingAt: 0) + "predicted".leftPadded(16) + (rows.hasLabels ? "actual".leftPadded(16) : ""))
        for (line, features, label) in rows.items {
            let value = try file.predict(rawFeatures: features)
            guard value.isFinite else {
                throw InputError("\(data ?? BundledData.housingName):\(line): the prediction is not finite: a feature lies too far outside the range the model was trained on")
            }
            let predicted = file.targetUnit.format(value)
            print(String(line).padding(toLength: 6, withPad: " ", startingAt: 0) + predicted.leftPadded(16)
                  + (label.map { file.targetUnit.format($0).leftPadded(16) } ?? ""))
        }
    }
}

/// The rows of a table matched to a model's features: by name when the table has a header, by
/// position otherwise (the features in order, then optionally the label).
struct PredictionRows {
    var items: [(line: Int, features: [Double], label: Double?)]
    var hasLabels: Bool

    init(table: DataTable, model: ModelFile) throws {
        let names = model.featureNames
        let featureColumns: [Int]
        let labelColumn: Int?
        if table.hasHeader {
            featureColumns = try names.map { name in
                guard let index = table.columnNames.firstIndex(of: name) else {
                    throw InputError("\(table.source): no column '\(name.terminalSafe.elided(to: 40))', which the model needs (it was trained on \(elidedList(names)))")
                }
                return index
            }
            labelColumn = table.columnNames.firstIndex(of: model.normalization.target.name)
        } else {
            guard table.values.columns == names.count || table.values.columns == names.count + 1 else {
                throw InputError("\(table.source): rows have \(table.values.columns) columns; the model takes \(names.count) features (\(elidedList(names))), optionally followed by \(model.normalization.target.name.terminalSafe.elided(to: 40))")
            }
            featureColumns = Array(0..<names.count)
            labelColumn = table.values.columns > names.count ? names.count : nil
        }
        let lineOffset = table.hasHeader ? 2 : 1
        items = (0..<table.values.rows).map { row in
            (row + lineOffset, featureColumns.map { table.values[row, $0] }, labelColumn.map { table.values[row, $0] })
        }
        labels = labelColumn.map { column in
            table.textColumns[column]?.values ?? (0..<table.values.rows).map { DataTable.className(table.values[$0, column]) }
        }
        hasLabels = labelColumn != nil
    }

    /// The label column as text (class names), when the table has one.
    var labels: [String]?

    func only(row: Int) -> PredictionRows {
        var copy = self
        copy.items = [items[row]]
        copy.labels = labels.map { [$0[row]] }
        return copy
    }
}

extension Predict {
    /// A classifier's answers: the class and its probability per row, or every class's probability.
    func classify(_ rows: PredictionRows, file: ModelFile) throws {
        let names = (file.classNames ?? []).map { $0.terminalSafe.elided(to: 14) }
        let width = max(12, (names.map(\.count).max() ?? 0) + 2)
        var header = "row".padding(toLength: 6, withPad: " ", startingAt: 0) + "predicted".leftPadded(width) + "probability".leftPadded(13)
        if probabilities { header += names.map { "p(\($0))".leftPadded(max(width, $0.count + 5)) }.joined() }
        if rows.hasLabels { header += "actual".leftPadded(width) }
        print(header)
        for (index, item) in rows.items.enumerated() {
            let (best, p) = try file.classify(rawFeatures: item.features)
            guard p.allSatisfy(\.isFinite) else {
                throw InputError("\(data ?? "the data"):\(item.line): the prediction is not finite: a feature lies too far outside the range the model was trained on")
            }
            var line = String(item.line).padding(toLength: 6, withPad: " ", startingAt: 0) + names[best].leftPadded(width)
                + fixed(p[best], digits: 4).leftPadded(13)
            if probabilities { line += zip(names, p).map { fixed($1, digits: 4).leftPadded(max(width, $0.count + 5)) }.joined() }
            if let labels = rows.labels { line += labels[index].terminalSafe.elided(to: 14).leftPadded(width) }
            print(line)
        }
    }
}
