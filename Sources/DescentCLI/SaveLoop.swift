import ArgumentParser
import Descent

/// A hidden command for the atomic-save test: writes two different models to one path, in turn,
/// until killed. The test kills it at random moments and checks the file is always one of them.
struct SaveLoop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_save-loop", shouldDisplay: false)

    @Option var modelOut: String

    func run() throws {
        let data = try PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)
        let models = [LinearModel(weights: Array(repeating: 1, count: 13), bias: 1),
                      LinearModel(weights: Array(repeating: 2, count: 13), bias: 2)]
        var index = 0
        while true {
            let file = ModelFile(model: models[index % 2], normalization: data.normalization,
                                 targetUnit: BundledData.housingTargetUnit, training: nil)
            try file.write(to: modelOut)
            index += 1
        }
    }
}
