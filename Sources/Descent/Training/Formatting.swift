import Foundation

/// `value` with `digits` decimals, rounded as C's printf and Python's `format` round
/// (the exact binary value, to nearest).
package func fixed(_ value: Double, digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

extension String {
    /// Right-aligned in a column `width` characters wide (never cut).
    package func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
