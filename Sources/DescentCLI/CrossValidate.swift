import ArgumentParser
import Descent
import Foundation

/// `descent cv --folds K`: K models, each trained on all rows but one fold and tested on that
/// fold; each fold's test metrics, then their mean ± standard deviation (issue 12, item 4).
/// Takes train's data, table, model and settings flags; saves no model.
struct CrossValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cv",
        abstract: "Cross-validate: train K models, each tested on one fold of the rows; print each fold's metrics and their mean ± standard deviation.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup(title: "Columns, missing values, splits") var tableFlags: TableFlags
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "Folds: models trained (default: 5).") var folds = 5
    @Option(help: "Passes over the training rows (default: 50).") var epochs: Int?
    @Option(help: "Rows per gradient step (default: 100).") var batchSize: Int?
    @Option(help: "Step size η (default: 0.1).") var learningRate: Double?
    @Option(help: "Seed for the initial weights, the shuffles and the folds (default: 0).") var seed: UInt64?
    @Option(help: "Random generator: standard (default) or numpy.") var rng: RandomKind?
    @Option(help: "Gradient: course (default) or exact.") var gradient: GradientConvention?

    var settings: TrainingSettings {
        var settings = TrainingSettings()
        settings.epochs = epochs ?? settings.epochs
        settings.batchSize = batchSize ?? settings.batchSize
        settings.learningRate = learningRate ?? settings.learningRate
        settings.seed = seed ?? settings.seed
        settings.random = rng ?? settings.random
        settings.gradient = gradient ?? settings.gradient
        return settings
    }

    func validate() throws {
        do { try settings.validate() } catch { throw ValidationError(worded(error)) }
        guard folds >= 2 else { throw ValidationError("--folds \(folds) is out of range: expected an integer ≥ 2") }
    }

    func run() throws {
        do { try crossValidate() } catch let error as DataError { throw InputError(worded(error)) } catch let error as TableError {
            throw InputError(worded(error))
        }
    }

    private func crossValidate() throws {
        let settings = settings
        let table = try dataOptions.table()
        let choice = modelOptions.choice(gradient: settings.gradient)
        let backend = try backendOptions.makeBackend(notice: note)
        var metrics = [[Double]]()
        var names = [String]()
        for index in 0..<folds {
            var options = tableFlags.options(target: dataOptions.target, task: choice.impliedTask, trainFraction: settings.trainFraction, seed: settings.seed)
            options.fold = Fold(index: index, count: folds)
            let prepared = try PreparedTable(table, options: options)
            let data = prepared.prepared
            let spec: ModelSpec
            do { spec = try choice.spec(for: data.train) } catch { throw worded(error) }
            if index == 0 {
                for notice in prepared.notices { note("notice: " + notice) }
                note("Cross-validating a \(spec.words) model on \(table.source): \(folds) folds of about \(data.test.count) rows; backend \(backend.name)")
            }
            let parameters: [Double]
            do { parameters = try Trainer(settings: settings).run(on: backend, spec: spec, train: data.train).parameters } catch let error as TrainingError { throw worded(error) }
            if spec.head.task == .classification {
                let summary = ModelSummaries.classification(parameters, spec: spec, data: data)
                names = ["test accuracy", "test log-loss"]
                metrics.append([summary.testAccuracy, summary.testLogLoss])
            } else {
                guard let summary = ModelSummaries.regression(parameters, spec: spec, data: data, ridge: settings.ridge) else { throw ExitCode(130) }
                names = ["test MSE", "test RMSE"]
                metrics.append([summary.testMSE, summary.testRMSE])
            }
            print("fold \(index + 1)".padding(toLength: 10, withPad: " ", startingAt: 0)
                  + zip(names, metrics[index]).map { "\($0) \(readable($1, digits: 4))" }.joined(separator: "   "))
        }
        let columns = names.indices.map { column in metrics.map { $0[column] } }
        let mean = columns.map { $0.reduce(0, +) / Double($0.count) }
        let deviation = zip(columns, mean).map { values, mean in (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count - 1, 1))).squareRoot() }
        print("mean".padding(toLength: 10, withPad: " ", startingAt: 0)
              + names.indices.map { "\(names[$0]) \(readable(mean[$0], digits: 4)) ± \(readable(deviation[$0], digits: 4))" }.joined(separator: "   "))
    }
}
