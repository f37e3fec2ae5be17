import Descent
import Foundation

/// The terminal's table of predictions: the row's line (or id), the prediction and the label, each
/// number column in one format for all its rows (the same decimals for negatives and positives),
/// with enough digits for the values' scale (six significant at the largest).
extension Predictions {
    func printTable(probabilities: Bool, unit: TargetUnit) {
        let keyHeader = keysAreLines ? "row" : keyName.terminalSafe.elided(to: 20)
        let keyWidth = max(6, (keys.map { $0.terminalSafe.elided(to: 20).count }.max() ?? 0) + 2, keyHeader.count + 2)
        func key(_ row: Int) -> String { keys[row].terminalSafe.elided(to: 20).padding(toLength: keyWidth, withPad: " ", startingAt: 0) }
        if let classNames { return printClasses(classNames, probabilities: probabilities, keyHeader: keyHeader, keyWidth: keyWidth, key: key) }
        let labelValues = labels?.map { Double($0) ?? .nan }
        let format = Self.numberFormat(outputs.map { $0[0] } + (labelValues ?? []).filter(\.isFinite), unit: unit)
        let cells = outputs.map { format($0[0]) }, labelCells = labelValues?.map { $0.isFinite ? format($0) : "" }
        let width = max(16, ((cells + (labelCells ?? [])).map(\.count).max() ?? 0) + 2)
        print(keyHeader.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "predicted".leftPadded(width) + (labels == nil ? "" : "actual".leftPadded(width)))
        for row in keys.indices { print(key(row) + cells[row].leftPadded(width) + (labelCells.map { $0[row].leftPadded(width) } ?? "")) }
    }

    /// One format for a column of `values`: the unit's (dollars for housing) when it has one, else
    /// fixed decimals giving six significant digits at the largest value, or scientific notation
    /// when the values are that large or small.
    static func numberFormat(_ values: [Double], unit: TargetUnit) -> (Double) -> String {
        if unit != .plain { return unit.format }
        let largest = values.map(abs).max() ?? 0
        if largest >= 1e12 || (largest > 0 && largest < 1e-4) { return { String(format: "%.5e", $0) } }
        let decimals = largest == 0 ? 2 : min(max(5 - Int(log10(largest).rounded(.down)), 0), 10)
        return { fixed($0, digits: decimals) }
    }

    private func printClasses(_ classNames: [String], probabilities: Bool, keyHeader: String, keyWidth: Int, key: (Int) -> String) {
        let names = classNames.map { $0.terminalSafe.elided(to: 14) }
        let width = max(12, (names.map(\.count).max() ?? 0) + 2)
        var header = keyHeader.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "predicted".leftPadded(width) + "probability".leftPadded(13)
        if probabilities { header += names.map { "p(\($0))".leftPadded(max(width, $0.count + 5)) }.joined() }
        if labels != nil { header += "actual".leftPadded(width) }
        print(header)
        for row in keys.indices {
            let p = outputs[row], best = best(row)
            var line = key(row) + names[best].leftPadded(width) + fixed(p[best], digits: 4).leftPadded(13)
            if probabilities { line += zip(names, p).map { fixed($1, digits: 4).leftPadded(max(width, $0.count + 5)) }.joined() }
            if let labels { line += labels[row].terminalSafe.elided(to: 14).leftPadded(width) }
            print(line)
        }
    }
}
