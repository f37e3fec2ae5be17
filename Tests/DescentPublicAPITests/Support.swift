import Descent
import Foundation

/// A fresh temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path = NSTemporaryDirectory() + "descent-public-\(UUID().uuidString)"

    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

    /// The bundled housing data written as a CSV file with a header row, as a user's file would be.
    func housingCSV() throws -> String {
        let table = BundledData.housing(), file = path + "/housing.csv"
        var text = table.columnNames.joined(separator: ",") + "\n"
        for row in 0..<table.values.rows { text += table.values.row(row).map { "\($0)" }.joined(separator: ",") + "\n" }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// Whether CI requires an OpenCL device (`DESCENT_REQUIRE_OPENCL=1`): a missing one then fails.
let openCLRequired = ProcessInfo.processInfo.environment["DESCENT_REQUIRE_OPENCL"] == "1"
