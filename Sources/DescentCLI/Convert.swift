import ArgumentParser
import Descent
import Foundation

/// `descent convert`: a data file as a `.descent` binary cache (float32 rows, column names,
/// per-column statistics; the layout is documented on ``DescentCache``), which `--data` then reads
/// by mapping it, with no parsing.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a data file (CSV, whitespace-separated or .npy) into a .descent binary cache.",
        discussion: """
            The cache holds the rows as float32 (the precision the devices train in), the column names and \
            each column's mean, minimum and maximum. `--data FILE.descent` reads it without parsing, \
            recognised by its first bytes whatever its name. Values that overflow float32 are refused.
            """)

    @Argument(help: ArgumentHelp("The data file to convert.", valueName: "file"))
    var input: String

    @Option(help: ArgumentHelp("The cache file to write.", valueName: "file"))
    var output: String

    func run() throws {
        var paths = OutputPaths()
        paths.input("the input", input)
        paths.output("--output", output)
        try paths.check()
        let start = Date()
        let cache = try DescentCache.encode(path: input)
        try AtomicFile.write(cache.bytes, to: output)
        note("convert: \(cache.rows) rows × \(cache.columns) columns from \(input) to \(output) in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }
}
