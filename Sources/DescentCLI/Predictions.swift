import Descent
import Foundation

/// Every row's prediction, computed before any is shown, and shown three ways: a table for the
/// terminal, CSV and JSON for other tools (full precision: the shortest decimal that reads back
/// as the same double; no thousands separators).
struct Predictions {
    /// The first column: the id column's name, or `line` (the row's line in the file).
    var keyName: String
    var keys: [String]
    /// True when the keys are line numbers (no id column).
    var keysAreLines: Bool
    /// The classes, for a classifier; nil for regression.
    var classNames: [String]?
    /// Per row: the value (regression), or every class's probability.
    var outputs: [[Double]]
    /// The labels as the file holds them, when it has the target column.
    var labels: [String]?

    init(_ rows: PredictionRows, file: ModelFile, source: String) throws {
        keyName = rows.ids?.name ?? "line"
        keys = rows.ids?.values ?? rows.items.map { String($0.line) }
        keysAreLines = rows.ids == nil
        classNames = file.task == .classification ? (file.classNames ?? []) : nil
        outputs = try rows.items.map { item in
            let output = try file.outputs(rawFeatures: item.features)
            guard output.allSatisfy(\.isFinite) else {
                throw InputError("\(source):\(item.line): the prediction is not finite: a feature lies too far outside the range the model was trained on")
            }
            return output
        }
        labels = rows.labels
    }

    /// The most probable class of row `row`.
    func best(_ row: Int) -> Int { outputs[row].indices.max { outputs[row][$0] < outputs[row][$1] } ?? 0 }

    /// The header and the fields of each row, as CSV and JSON write them.
    private var columns: [String] {
        [keyName, "predicted"] + (classNames?.map { "p(\($0))" } ?? []) + (labels == nil ? [] : ["actual"])
    }

    private func fields(_ row: Int) -> [Field] {
        var fields: [Field] = [keysAreLines ? .integer(Int(keys[row])!) : .text(keys[row])]
        if let classNames {
            fields.append(.text(classNames[best(row)]))
            fields += outputs[row].map(Field.number)
        } else {
            fields.append(.number(outputs[row][0]))
        }
        if let labels {
            let label = labels[row]
            fields.append(label.isEmpty ? .empty : classNames == nil ? (Double(label).map(Field.number) ?? .text(label)) : .text(label))
        }
        return fields
    }

    private enum Field {
        case number(Double), integer(Int), text(String), empty

        var csv: String {
            switch self {
            case let .number(value): "\(value)"
            case let .integer(value): String(value)
            case let .text(text): text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            case .empty: ""
            }
        }

        var json: String {
            switch self {
            case let .number(value): "\(value)"
            case let .integer(value): String(value)
            case let .text(text): jsonString(text)
            case .empty: "null"
            }
        }
    }

    func csv() -> String {
        var text = columns.map { Field.text($0).csv }.joined(separator: ",") + "\n"
        for row in keys.indices { text += fields(row).map(\.csv).joined(separator: ",") + "\n" }
        return text
    }

    func json() -> String {
        let names = columns.map(jsonString)
        let rows = keys.indices.map { row in
            "  {" + zip(names, fields(row)).map { "\($0): \($1.json)" }.joined(separator: ", ") + "}"
        }
        return "[\n" + rows.joined(separator: ",\n") + (rows.isEmpty ? "]\n" : "\n]\n")
    }
}

/// `text` as a JSON string literal.
func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
