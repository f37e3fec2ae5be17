import ArgumentParser
import Descent

/// `--epochs`: a count, or `auto` (early stopping with a generous cap).
struct EpochsOption: ExpressibleByArgument, Equatable {
    /// nil for `auto`.
    var count: Int?

    /// `--epochs auto`'s cap: far past what early stopping needs on any data set this tool is for,
    /// so the validation loss, not the cap, ends the run.
    static let autoCap = 10_000
    /// `--epochs auto`'s patience when `--early-stopping` is not given: long enough to ride out a
    /// noisy plateau of mini-batch SGD, short beside the cap.
    static let autoPatience = 20
    /// `--epochs auto`'s validation fraction when `--validation` is not given (a fifth, as the test split).
    static let autoValidation = 0.2

    init(count: Int?) { self.count = count }

    init?(argument: String) {
        if argument == "auto" { count = nil } else if let count = Int(argument) { self.count = count } else { return nil }
    }

    var isAuto: Bool { count == nil }
    var epochs: Int { count ?? Self.autoCap }
    static var defaultValueDescription: String { "an integer, or auto" }
}

/// The validation split and early stopping (issue 11): off by default, so the course's run is unchanged.
struct StoppingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Hold out this fraction of the training rows (spread evenly through them, after --split) to report a validation loss each epoch (default: none; with --epochs auto, 0.2).", valueName: "fraction"))
    var validation: Double?
    @Option(help: ArgumentHelp("Stop when the validation loss has not improved for n epochs, keeping the best epoch's parameters (needs --validation; with --epochs auto, default 20).", valueName: "n"))
    var earlyStopping: Int?
    @Option(help: ArgumentHelp("The improvement --early-stopping counts: a validation loss below the best by more than this (default: 0).", valueName: "delta"))
    var minDelta: Double?

    /// The flags given, for `--resume`'s check (a checkpoint fixes them).
    var given: [String] {
        [validation.map { _ in "--validation" }, earlyStopping.map { _ in "--early-stopping" }, minDelta.map { _ in "--min-delta" }].compactMap { $0 }
    }

    /// Applies the flags (and `--epochs auto`'s defaults) to `settings`.
    func apply(to settings: inout TrainingSettings, auto: Bool) {
        settings.validationFraction = validation ?? (auto ? EpochsOption.autoValidation : nil)
        settings.earlyStoppingPatience = earlyStopping ?? (auto ? EpochsOption.autoPatience : nil)
        settings.minDelta = minDelta
    }
}
