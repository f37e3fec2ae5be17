import ArgumentParser
import Descent

/// `descent`: train regression and classification models by mini-batch gradient descent on any OpenCL device, checked
/// against a pure-Swift CPU reference.
public struct DescentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Train regression and classification models by mini-batch gradient descent on OpenCL devices or the CPU.",
        discussion: "With no arguments, trains the course's Boston-housing model (same as `descent train`).",
        version: DescentVersion.current,
        subcommands: [Train.self, Predict.self, CrossValidate.self, Inspect.self, Devices.self, Validate.self, Bench.self, SaveLoop.self, Convert.self],
        defaultSubcommand: Train.self
    )

    public init() {}

    /// Parses the command line and runs the command, with SIGBUS from a truncated data file reported
    /// as an error (``FileFault``).
    public static func main() {
        FileFault.install()
        main(nil)
    }
}
