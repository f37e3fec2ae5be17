/// Why a data file or a column choice was rejected; each message names the file, and where it
/// can, the line and column, the offending text and what was expected.
public enum DataError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be read (missing, a directory, no permission, an unusable `.npy` file or cache): `cause` says why.
    case unreadable(path: String, cause: UnreadableCause)
    /// The file holds no rows.
    case empty(source: String)
    /// The file holds a header and no rows.
    case headerOnly(source: String)
    /// A field that is not a number, with its line, column and text.
    case notANumber(source: String, line: Int, column: Int, text: String)
    /// A field that is NaN, infinite or overflows float64.
    case notFinite(source: String, line: Int, column: Int, text: String)
    /// A row with another number of fields than the first.
    case raggedRow(source: String, line: Int, found: Int, expected: Int)
    /// A header naming a column twice.
    case duplicateColumn(source: String, name: String)
    /// A target column the file does not have, with those it has.
    case unknownTarget(source: String, name: String, available: [String])
    /// Fewer than two columns: no room for features and a target.
    case tooFewColumns(source: String, found: Int)
    /// A train fraction that leaves the training or the test part empty.
    case emptySplit(source: String, fraction: Double, rows: Int, train: Int)
    /// Binary data (a NUL byte or invalid UTF-8) on `line`.
    case binary(source: String, line: Int)
    /// An `.npy` array or `.descent` cache on a stream (standard input, a pipe): both are read
    /// from a file by its path (mapped, or a piece at a time), never parsed as text.
    case binaryArrayOnStream(source: String)
    /// Fields that look separated by another character than commas or blanks.
    case wrongSeparator(source: String, line: Int, column: Int, text: String, separator: String)
    /// A file larger than the memory available to read it.
    case tooLarge(source: String, bytes: UInt64, memoryBytes: UInt64)
    /// Parsing and training the file's `lines` lines of `fields` fields would take more memory than is available.
    case tooLargeToLoad(source: String, lines: Int, fields: Int, neededBytes: UInt64?, memoryBytes: UInt64)
    /// A column whose sum or range overflows float64.
    case notNormalizable(source: String, column: String, minimum: Double, maximum: Double)
    /// A test value so far outside the training rows' range that it normalises to infinity.
    case outsideRange(source: String, column: String, value: Double, minimum: Double, maximum: Double)
    /// A target of text labels asked to be a regression target.
    case textTarget(source: String, column: String, text: String)
    /// A classification target with more distinct values than a classifier takes.
    case tooManyClasses(source: String, column: String, found: Int, limit: Int)
    /// A numeric class label of a table held as float32, or read from a `.descent` cache (`cache`),
    /// that float32 may not hold exactly (|value| ≥ 2^24).
    case classBeyondFloat32(source: String, column: String, value: Double, cache: Bool)
    /// A classification target with a single class: nothing to tell apart.
    case singleClass(source: String, column: String, name: String)
    /// A file asked to be read a piece at a time (``RowFile``) that is not a `.descent` cache or an `.npy` array.
    case notStreamable(source: String)
    /// A classification target of a file read a piece at a time (``FileTrainingRows``) with more
    /// than `limit` distinct values: counted no further, so as not to hold a regression target's values.
    case tooManyStreamedClasses(source: String, column: String, limit: Int)
    /// A class label met while training from a file read a piece at a time that the pass over the
    /// file before training did not find (`row` counts from 1): the file changed while it was read.
    case classChangedWhileRead(source: String, column: String, row: Int, value: Double)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .unreadable(path, cause):
            return "\(path): cannot read the file: \(cause)"
        case let .empty(source):
            return "\(source): the file holds no data rows (expected rows of numbers)"
        case let .headerOnly(source):
            return "\(source): the file has a header row but no data rows"
        case let .notANumber(source, line, column, text):
            return "\(source):\(line): column \(column): '\(text.terminalSafe.elided(to: 40))' is not a number (expected a decimal number such as 0.538)"
        case let .notFinite(source, line, column, text):
            return "\(source):\(line): column \(column): '\(text.terminalSafe.elided(to: 40))' is not a finite number (NaN, infinity and overflowing values cannot be trained on)"
        case let .raggedRow(source, line, found, expected):
            return "\(source):\(line): found \(found) fields, expected \(expected) like the first row"
        case let .duplicateColumn(source, name):
            return "\(source):1: the header names column '\(name.terminalSafe.elided(to: 40))' twice (column names must be unique)"
        case let .unknownTarget(source, name, available):
            return "\(source): no column named '\(name.terminalSafe.elided(to: 40))' for the target (columns: \(elidedList(available)))"
        case let .tooFewColumns(source, found):
            return "\(source): found \(found) column, expected at least 2 (features and a target)"
        case let .emptySplit(source, fraction, rows, train):
            let low = fixed(1 / Double(max(rows, 1)), digits: 4), high = fixed(Double(rows - 1) / Double(max(rows, 1)), digits: 4)
            return "a train fraction of \(fraction) leaves \(train) training and \(rows - train) test rows of the \(rows) in \(source): "
                + (rows < 2 ? "at least 2 rows are needed" : "expected a fraction from \(low) to \(high)")
        case let .binary(source, line):
            return "\(source):\(line): the file holds binary data (a NUL byte or invalid UTF-8), expected text rows of numbers"
        case let .binaryArrayOnStream(source):
            return "\(source): an .npy array or .descent cache, which are read from a file by its path, not from a stream: "
                + "save it to a file (FILE.npy) and pass that path"
        case let .wrongSeparator(source, line, column, text, separator):
            return "\(source):\(line): column \(column): '\(text.terminalSafe.elided(to: 40))' is not a number: fields look separated by '\(separator)'; "
                + "expected commas (CSV) or spaces and tabs"
        case let .notNormalizable(source, column, minimum, maximum):
            return "\(source): column '\(column.terminalSafe.elided(to: 40))' holds values from \(minimum) to \(maximum), too large to normalise "
                + "(their sum or range overflows float64); rescale the column"
        case let .outsideRange(source, column, value, minimum, maximum):
            return "\(source): column '\(column.terminalSafe.elided(to: 40))': the value \(value) lies too far outside the training rows' range "
                + "(\(minimum) to \(maximum)) to normalise in float64; rescale the column"
        case let .textTarget(source, column, text):
            return "\(source): the target column '\(column.terminalSafe.elided(to: 40))' holds text ('\(text.terminalSafe.elided(to: 40))'), "
                + "which a regression cannot predict; it can be a classification target"
        case let .tooManyClasses(source, column, found, limit):
            return "\(source): the target column '\(column.terminalSafe.elided(to: 40))' holds \(found) distinct values, "
                + "more than the \(limit) classes a classifier takes; it looks like a regression target"
        case let .classBeyondFloat32(source, column, value, cache):
            let head = "\(source): the target column '\(column.terminalSafe.elided(to: 40))' holds the class \(DataTable.className(value)), beyond 2^24, "
            return head + (cache
                ? "and a .descent cache holds float32, which cannot tell such labels apart (convert stored 16777217 as 16777216); "
                    + "train from the file it was converted from, or relabel the classes"
                : "and the file's rows were read as float32, which cannot tell such labels apart (16777217 reads as 16777216); "
                    + "read them as float64 (DESCENT_FLOAT32_FILE_BYTES above the file's size) or relabel the classes")
        case let .singleClass(source, column, name):
            return "\(source): every training row of the target column '\(column.terminalSafe.elided(to: 40))' is '\(name.terminalSafe.elided(to: 40))': "
                + "a classifier needs at least two classes"
        case let .notStreamable(source):
            return "\(source): only a .descent cache or an .npy array can be read a piece at a time (a text file is parsed whole)"
        case let .classChangedWhileRead(source, column, row, value):
            return "\(source): row \(row) of the target column '\(column.terminalSafe.elided(to: 40))' holds \(DataTable.className(value)), "
                + "not one of the classes found before training: the file changed while it was read; train on a copy no other program writes"
        case let .tooManyStreamedClasses(source, column, limit):
            return "\(source): the target column '\(column.terminalSafe.elided(to: 40))' holds more than \(limit) distinct values, "
                + "more than the \(limit) classes a classifier takes; it looks like a regression target"
        case let .tooLarge(source, bytes, memoryBytes):
            return "\(source): the file is \(bytes / 1_048_576) MiB; loading it takes about \(4 * bytes / 1_048_576) MiB of memory "
                + "and \(memoryBytes / 1_048_576) MiB are available (\(Self.limitWords))"
        case let .tooLargeToLoad(source, lines, fields, neededBytes, memoryBytes):
            return "\(source): loading \(lines) lines of \(fields) fields and training on them takes about "
                + (neededBytes.map { "\($0 / 1_048_576) MiB" } ?? "more bytes than 64 bits can count")
                + " of memory, and \(memoryBytes / 1_048_576) MiB are available (\(Self.limitWords))"
        }
    }

    /// What bounds the memory available (``MemoryLimit``).
    static let limitWords = "the least of physical memory, the cgroup's limit and ulimit -v, less what is in use"
}
