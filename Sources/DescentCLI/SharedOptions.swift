import ArgumentParser
import Descent
import Foundation

/// Where the rows come from.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A data file: whitespace-separated numbers like housing.data, CSV with a header row, a .descent cache (descent convert) or a .npy array; - reads standard input.",
                               discussion: "Default: the course's Boston-housing data, bundled.", valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("The target column's name (default: the last column).", valueName: "name"))
    var target: String?

    /// The table, with the course's column names for the bundled data.
    func table() throws -> DataTable {
        guard let data else { return BundledData.housing() }
        return try DelimitedFileReader.read(path: data, float32Above: try Self.float32FileBytes())
    }

    /// `DESCENT_FLOAT32_FILE_BYTES`: the file size past which rows are held as float32
    /// (``IngestReader/float32FileBytes`` unset), to try and measure that path on small files.
    /// - Throws: ``InputError`` for a value that is not a whole number of bytes (a typo must not
    ///   silently leave the default in force, as `DESCENT_DEVICE_MEMORY_MB` refuses one too).
    static func float32FileBytes(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> UInt64 {
        let variable = "DESCENT_FLOAT32_FILE_BYTES"
        guard let text = environment[variable] else { return IngestReader.float32FileBytes }
        guard let bytes = UInt64(text) else {
            throw InputError("\(variable)=\(text.terminalSafe.elided(to: 40)) is not a file size: expected a whole number of bytes ≥ 0")
        }
        return bytes
    }

    /// How targets are shown: dollars for the bundled MEDV column.
    var targetUnit: TargetUnit { data == nil && target == nil ? BundledData.housingTargetUnit : .plain }

    var sourceName: String { data.map(StreamInput.sourceName) ?? BundledData.housingName }
}

/// Writes `text` to standard error: notices, the banner and the summary, so that standard output
/// carries only the course's log lines (or predictions) and pipes cleanly.
func note(_ text: String) {
    guard Distributed.speaks else { return }  // one voice: rank 0 of an MPI job
    fflush(nil)  // flush stdout first, keeping the order of the two streams when both go to one pipe
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes a whole text file atomically (used for plots and loss tables as for models).
func writeText(_ text: String, to path: String) throws {
    try AtomicFile.write(Data(text.utf8), to: path)
}
