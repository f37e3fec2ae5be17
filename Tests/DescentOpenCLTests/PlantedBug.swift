import Testing

/// One bug planted in an embedded kernel source for a broken-kernel suite: `original` (text that
/// must occur in the source) is replaced by `broken`, and `descent validate` must then fail, at the
/// check named by `caughtBy` where the suite names one.
struct PlantedBug: CustomTestStringConvertible, Sendable {
    var name: String
    var original: String
    var broken: String
    /// The check (stage, or rule and kind) that must fail; empty where any failure will do.
    var caughtBy: String = ""
    var testDescription: String { name }
}
