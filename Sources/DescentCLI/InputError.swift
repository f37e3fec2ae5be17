/// A problem with what a command was given, found while it runs (a file's contents, a checkpoint,
/// a device index): printed as `Error: …` with exit status 1, without the usage text that
/// ArgumentParser adds to a `ValidationError` (that is for arguments that fail to parse).
struct InputError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
