import Foundation

/// `value` with `digits` decimals, rounded as C's printf and Python's `format` round
/// (the exact binary value, to nearest).
public func fixed(_ value: Double, digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
