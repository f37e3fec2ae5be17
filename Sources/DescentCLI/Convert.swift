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
        let cache: DescentCache.Encoded
        do { cache = try DescentCache.encode(path: input) } catch { throw InputError(Self.cacheWorded(error)) }
        try AtomicFile.write(cache.bytes, to: output)
        note("convert: \(cache.rows) rows × \(cache.columns) columns from \(input) to \(output) in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        if let notice = Self.roundingNotice(cache.beyondExactIntegers) { note(notice) }
    }

    /// A notice for columns past 2^24, where float32 no longer holds every integer: ids, class
    /// labels or timestamps that differed in the file may now be equal (train refuses such class
    /// labels from a cache; a feature would just lose its detail).
    static func roundingNotice(_ columns: [(name: String, magnitude: Double)]) -> String? {
        guard !columns.isEmpty else { return nil }
        let items = columns.map { column in
            "'\(column.name.terminalSafe.elided(to: 30))' (to \(DataTable.className(column.magnitude)): steps of \(DataTable.className(Double(Float(column.magnitude).ulp))))"
        }
        return "notice: \(columns.count == 1 ? "column" : "columns") \(elidedList(items, limit: 6)) \(columns.count == 1 ? "passes" : "pass") 2^24 = 16777216, "
            + "past which float32 does not hold every integer: values closer than its step there (ids, class labels, timestamps) may be stored alike; "
            + "train from the text file to keep them apart"
    }

    /// A field that is not a number, with what a cache needs: `train` reads text labels and empty
    /// fields from the text file itself, a cache holds float32 numbers only.
    static func cacheWorded(_ error: DataError) -> String {
        guard case let .notANumber(_, _, _, text) = error else { return worded(error) }
        return worded(error) + (text.isEmpty
            ? "; an empty field is a missing value, which a .descent cache cannot hold: fill or drop those rows first, "
                + "or train from the text file (--missing drop|mean|median|most-frequent)"
            : "; a .descent cache holds numbers only: write a column of labels as numbers (0, 1, …) first, or train from the text file, "
                + "which reads text labels")
    }
}
