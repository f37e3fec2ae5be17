import ArgumentParser
import Descent
import Foundation

/// How `predict` encodes a categorical level the training rows did not have.
enum UnknownCategory: String, ExpressibleByArgument, CaseIterable { case error, ignore }

/// `descent predict`: a saved model's predictions: a value in the target's units (dollars for
/// housing), or a classifier's class and its probability (every class's with `--probabilities`),
/// as a table on the terminal or, with `--output`, as CSV or JSON for other tools. Every row is
/// predicted before anything is printed or written: an error in row 900 leaves no half table.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict with a saved model.",
        discussion: """
            With no --data, predicts the course's example (the 10th row from the end of the bundled data), for a model \
            trained on the bundled data. --output writes every row's line (or --id value), prediction, class \
            probabilities and label, at full precision.
            """)

    @Option(help: ArgumentHelp("The model file written by `descent train`.", valueName: "path"))
    var model = "housing.model.json"

    @Option(help: ArgumentHelp("Rows to predict: CSV with a header naming the model's columns, or the columns in order (plus, optionally, the target); - reads standard input.", valueName: "file"))
    var data: String?

    @Flag(help: "For a classifier, print every class's probability.") var probabilities = false

    @Option(help: ArgumentHelp("Write the predictions to a file: .json for JSON, else CSV; - writes CSV to standard output.", valueName: "file.csv|file.json|-"))
    var output: String?

    @Option(help: "A category level the model was not trained on: error (default), or ignore (encoded as all zeros).")
    var unknownCategory: UnknownCategory = .error

    func run() throws {
        var paths = OutputPaths()
        paths.input("--model", model)
        paths.input("--data", data == "-" ? nil : data)
        paths.output("--output", output == "-" ? nil : output)
        try paths.check()
        do { try predict() } catch let error as DataError { throw InputError(worded(error)) } catch let error as TableError {
            throw InputError(Self.predictWording(error))
        }
    }

    private func predict() throws {
        let file = try ModelFile.read(from: model)
        if probabilities, file.task == .regression { throw InputError("--probabilities applies to classifiers; \(model) predicts numbers") }
        var rows: PredictionRows
        if let data {
            rows = try PredictionRows(table: try DelimitedFileReader.readNumbered(path: data), model: file, ignoreUnknown: unknownCategory == .ignore)
        } else {
            if let trained = file.training?.data, trained != BundledData.housingName {
                throw InputError("\(model) was trained on \(trained.terminalSafe.elided(to: 200)), not the bundled data: give the rows to predict with --data")
            }
            guard file.task == .regression else { throw InputError("\(model): a classifier has no example row: give the rows to classify with --data") }
            let table = BundledData.housing()
            rows = try PredictionRows(table: table, model: file, ignoreUnknown: false).only(row: table.values.rows - 10)
        }
        let predictions = try Predictions(rows, file: file, source: data.map(StreamInput.sourceName) ?? BundledData.housingName)
        switch output {
        case nil: predictions.printTable(probabilities: probabilities, unit: file.targetUnit)
        case "-": Swift.print(predictions.csv(), terminator: "")
        case let path?:
            let text = path.lowercased().hasSuffix(".json") ? predictions.json() : predictions.csv()
            do { try AtomicFile.write(Data(text.utf8), to: path) } catch { throw InputError("--output \(path): cannot write the file: \(error.reason)") }
            note("Predictions for \(predictions.keys.count) rows written to \(path)")
        }
    }

    /// ``TableError`` as `predict` words it: the fixes are the training run's flags.
    static func predictWording(_ error: TableError) -> String {
        switch error {
        case .missingValues:
            "\(error); the model was trained without fill values (train with --missing mean, median or most-frequent to fill them)"
        default:
            worded(error)
        }
    }
}
