import Foundation

/// The course's data set, compiled into the library so that `descent` runs from any directory.
///
/// Boston housing (Harrison & Rubinfeld, 1978; the UCI Machine Learning Repository copy): 506
/// suburbs, 13 features and the median home value MEDV in $1000s. Column B encodes a racial
/// statistic of the 1970 census; the data set is kept because the course uses it.
public enum BundledData {
    /// The bundled data's name in messages and model files.
    public static let housingName = "housing.data (bundled)"

    /// The course's column names, in file order.
    public static let housingColumns = [
        "CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT", "MEDV",
    ]

    /// MEDV is in thousands of dollars.
    public static let housingTargetUnit = TargetUnit(multiplier: 1000, prefix: "$")

    /// The bundled housing table, with the course's column names.
    public static func housing() -> DataTable {
        // The bundled bytes are known-good: a failure here is a build defect, not a user error.
        var table = try! DelimitedFileReader.parse(PackageResources.housing_data, source: housingName)
        table.columnNames = housingColumns
        return table
    }
}

/// How target values are shown to people: MEDV 24.36 is "$24,360.00".
public struct TargetUnit: Codable, Equatable, Sendable {
    /// What a target value is multiplied by for display (1000: MEDV is in thousands).
    public var multiplier: Double
    /// What the displayed value starts with (`$`).
    public var prefix: String

    /// A unit from its parts.
    public init(multiplier: Double, prefix: String) {
        self.multiplier = multiplier
        self.prefix = prefix
    }

    /// The value as it is.
    public static let plain = TargetUnit(multiplier: 1, prefix: "")

    /// The value in these units, for people: the prefix escaped (it may come from a model file),
    /// thousands grouped, and scientific notation from 1e15 on.
    public func format(_ value: Double) -> String {
        let scaled = value * multiplier
        if prefix == "$" { return (scaled < 0 ? "-$" : "$") + groupedDecimal(abs(scaled)) }
        return prefix.terminalSafe.elided(to: 20) + groupedDecimal(scaled)
    }

    private func groupedDecimal(_ value: Double) -> String {
        let text = readable(value, digits: 2)
        guard !text.contains("e") else { return text }
        guard let dot = text.firstIndex(of: "."), !text.hasPrefix("-") else { return text }
        var integer = String(text[..<dot])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer.removeLast(3)
        }
        return integer + grouped + text[dot...]
    }
}
