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

/// `value` with `digits` decimals for people: in scientific notation from 1e15 on (where `%f`
/// would print hundreds of digits for a huge value), and as `fixed` below.
package func readable(_ value: Double, digits: Int) -> String {
    guard value.isFinite, abs(value) >= 1e15 else { return fixed(value, digits: digits) }
    return String(format: "%.\(max(digits, 3))e", value)
}
