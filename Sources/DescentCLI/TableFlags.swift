import ArgumentParser
import Descent
import Foundation

extension MissingPolicy: ExpressibleByArgument {}
extension NormalizationMethod: ExpressibleByArgument {}

/// How a data file's columns become features, and how its rows are split and scaled (issue 12):
/// `train` and `cv` share these.
struct TableFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Only these columns are features, in this order.", valueName: "A,B,C")) var features: String?
    @Option(help: ArgumentHelp("Leave these columns out of the features.", valueName: "A,B")) var drop: String?
    @Option(help: ArgumentHelp("A column that names the rows: not a feature; predictions carry it.", valueName: "column"))
    var id: String?
    @Option(help: ArgumentHelp("One-hot encode these numeric columns as categories (text columns always are).", valueName: "A,B"))
    var categorical: String?
    @Option(help: ArgumentHelp("The most distinct values a categorical column may hold (default: 50).", valueName: "n")) var maxLevels = 50
    @Option(help: "Rows with empty fields: error (default), drop, or fill from the training rows with their mean, median or most-frequent value.")
    var missing: MissingPolicy = .error
    @Flag(help: "Shuffle the rows before splitting (default: the first rows train, as in the course).") var shuffleSplit = false
    @Option(help: ArgumentHelp("Seed of --shuffle-split's shuffle (default: --seed).", valueName: "S")) var splitSeed: UInt64?
    @Flag(help: "Split each class in the same proportion (classification).") var stratify = false
    @Option(help: "Scaling: course ((x − mean) / (max − min), default), standard (z-score) or none.") var normalize: NormalizationMethod = .course

    func validate() throws {
        guard maxLevels >= 1 else { throw ValidationError("--max-levels \(maxLevels) is out of range: expected an integer ≥ 1") }
        if splitSeed != nil, !shuffleSplit { throw ValidationError("--split-seed applies to --shuffle-split: add --shuffle-split") }
    }

    /// The core's options for a run with these flags.
    func options(target: String?, task: LearningTask?, trainFraction: Double, seed: UInt64) -> TableOptions {
        var options = TableOptions()
        options.target = target
        options.task = task
        options.features = features.map(Self.names)
        options.drop = drop.map(Self.names) ?? []
        options.id = id
        options.categorical = categorical.map(Self.names) ?? []
        options.maxLevels = maxLevels
        options.missing = missing
        options.trainFraction = trainFraction
        options.shuffle = shuffleSplit
        options.splitSeed = splitSeed ?? seed
        options.stratify = stratify
        options.normalization = normalize
        return options
    }

    /// These flags as given, for a command that repeats them (resuming a checkpoint needs the same rows).
    var words: [String] {
        var words = [String]()
        for (flag, value) in [("--features", features), ("--drop", drop), ("--id", id), ("--categorical", categorical)] {
            if let value { words += [flag, value] }
        }
        if maxLevels != 50 { words += ["--max-levels", String(maxLevels)] }
        if missing != .error { words += ["--missing", missing.rawValue] }
        if shuffleSplit { words.append("--shuffle-split") }
        if let splitSeed { words += ["--split-seed", String(splitSeed)] }
        if stratify { words.append("--stratify") }
        if normalize != .course { words += ["--normalize", normalize.rawValue] }
        return words
    }

    private static func names(_ list: String) -> [String] {
        list.split(separator: ",", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// ``TableError`` in the command line's words: the options by their flags, with the way out.
func worded(_ error: TableError) -> String {
    switch error {
    case let .unknownColumn(source, name, role, available):
        "\(source): no column named '\(name.terminalSafe.elided(to: 40))' for --\(role.rawValue) (columns: \(elidedList(available)))"
    case let .targetInRole(source, name, role):
        "\(source): '\(name.terminalSafe.elided(to: 40))' is the target column (--target); it cannot also be given to --\(role.rawValue)"
    case .tooManyLevels:
        "\(error); --max-levels raises the limit, --drop leaves the column out"
    case .missingValues:
        "\(error); --missing drop|mean|median|most-frequent handles them"
    case .unseenLevel:
        "\(error); --unknown-category ignore encodes it as all zeros"
    case .stratifyRegression:
        "\(error): --stratify applies to classification (--task classification reads numbers as classes)"
    default:
        "\(error)"
    }
}
