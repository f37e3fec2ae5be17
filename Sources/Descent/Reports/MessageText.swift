import Foundation

// Pieces of messages that echo what a file or a person gave: escaped, bounded, readable, so an
// error line never fills the screen and a data field can never drive the terminal.

extension String {
    /// The text with control characters written as escapes (`\e`, `\r`, `\u{7}`), so that a name
    /// or field from a file, echoed to a terminal, cannot move the cursor, recolour or clear it.
    package var terminalSafe: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{1B}": result += "\\e"
            case _ where scalar.properties.generalCategory == .control
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value):
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// At most about `limit` characters: the start, then how many were left out.
    package func elided(to limit: Int) -> String {
        guard count > limit else { return self }
        return prefix(limit) + "… (\(count - limit) more characters)"
    }
}

/// Names for a message: escaped, each bounded, joined with ", ", at most `limit` of them and then
/// how many more.
package func elidedList(_ names: [String], limit: Int = 12) -> String {
    let shown = names.prefix(limit).map { $0.terminalSafe.elided(to: 40) }.joined(separator: ", ")
    return names.count > limit ? shown + ", … and \(names.count - limit) more" : shown
}

/// `value` for people, with the digits it needs: at least `digits` decimals, and more for a small
/// value so that it keeps 3 significant digits (a target in the thousandths never prints as
/// `0.00`); in scientific notation from 1e15 on (where `%f` would print hundreds of digits) and
/// below 1e-6. Zero prints as `fixed` does.
package func readable(_ value: Double, digits: Int) -> String {
    let magnitude = abs(value)
    guard value.isFinite, magnitude > 0 else { return fixed(value, digits: digits) }
    if magnitude >= 1e15 { return String(format: "%.\(max(digits, 3))e", value) }
    if magnitude < 1e-6 { return String(format: "%.2e", value) }
    let needed = 2 - Int(log10(magnitude).rounded(.down))
    return fixed(value, digits: max(digits, needed))
}
