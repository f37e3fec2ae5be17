import ArgumentParser
import Descent
import Foundation

/// `descent inspect MODEL`: what a model file holds, for people or (`--json`) for tools: the spec,
/// the features and how the data file's columns became them (levels, fills, id), the weights in
/// the data's units for linear and logistic models, the normaliser, the metrics and the settings.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what a model file holds: spec, features, weights, normaliser, metrics and settings.")

    @Argument(help: ArgumentHelp("The model file.", valueName: "model")) var model: String
    @Flag(help: "Print JSON instead of text.") var json = false

    /// The JSON `--json` prints.
    struct Report: Encodable {
        var spec: ModelSpec
        var features: [Feature]
        var bias: Double?
        var target: ColumnStatistics
        var classNames: [String]?
        var input: TableEncoding?
        var training: ModelFile.Provenance?
    }

    struct Feature: Encodable {
        var name: String
        /// The weight per unit of the raw feature (linear and logistic models).
        var weight: Double?
        var normalization: ColumnStatistics
    }

    func run() throws {
        let file = try ModelFile.read(from: model)
        let weights = file.originalUnitWeights
        let features = file.normalization.features.enumerated().map { Feature(name: $1.name, weight: weights?.weights[$0], normalization: $1) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let report = Report(spec: file.spec, features: features, bias: weights?.bias, target: file.normalization.target,
                                classNames: file.classNames, input: file.input, training: file.training)
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("\(model.terminalSafe): a \(file.spec.words) model (\(file.spec.head.task.rawValue)), \(file.parameters.count) parameters")
        print("target: \(file.normalization.target.name.terminalSafe.elided(to: 40))" + (file.classNames.map { " (classes \(elidedList($0)))" } ?? ""))
        if let input = file.input {
            print("columns: " + input.columns.map { column in
                column.name.terminalSafe.elided(to: 30) + (column.levels.map { " (one-hot: \(elidedList($0)))" } ?? "")
                    + (column.fill.map { " (empty → \($0))" } ?? "") + (column.fillLevel.map { " (empty → \($0.terminalSafe.elided(to: 20)))" } ?? "")
            }.joined(separator: ", "))
            print("missing values: \(input.missing.rawValue)" + (input.id.map { "; id column \($0.terminalSafe.elided(to: 40))" } ?? "")
                  + (input.headerless.map { "; headerless rows of \($0.width) columns, target in column \($0.target + 1)" } ?? ""))
        }
        print("")
        print("feature".padding(toLength: 24, withPad: " ", startingAt: 0) + (weights == nil ? "" : "weight (data units)".leftPadded(22))
              + "mean".leftPadded(14) + "scale".leftPadded(14) + "  scaling")
        for feature in features {
            let statistics = feature.normalization
            print(feature.name.terminalSafe.elided(to: 22).padding(toLength: 24, withPad: " ", startingAt: 0)
                  + (feature.weight.map { "\($0)".leftPadded(22) } ?? "") + readable(statistics.mean, digits: 4).leftPadded(14)
                  + readable(statistics.scale, digits: 4).leftPadded(14) + "  " + (statistics.method ?? .course).rawValue)
        }
        if let bias = weights?.bias { print("bias".padding(toLength: 24, withPad: " ", startingAt: 0) + "\(bias)".leftPadded(22)) }
        if let training = file.training {
            let s = training.settings
            print("")
            print("trained on \(training.data.terminalSafe.elided(to: 200)): \(training.trainRows) train rows, \(training.testRows) test rows; \(training.backend) (\(training.device.terminalSafe.elided(to: 60)))")
            print("settings: epochs \(s.epochs), batch size \(s.batchSize), learning rate \(s.learningRate), split \(s.trainFraction), seed \(s.seed), rng \(s.random.rawValue), gradient \(s.gradient.rawValue)")
            if let summary = training.summary {
                print("metrics: train MSE \(readable(summary.trainMSE, digits: 4)), test MSE \(readable(summary.testMSE, digits: 4)), test RMSE \(file.targetUnit.format(summary.testRMSE))")
            }
            if let summary = training.classification {
                print("metrics: test accuracy \(fixed(100 * summary.testAccuracy, digits: 1))% (train \(fixed(100 * summary.trainAccuracy, digits: 1))%), test log-loss \(readable(summary.testLogLoss, digits: 4))")
            }
        }
    }
}
