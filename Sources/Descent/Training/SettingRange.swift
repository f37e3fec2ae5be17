/// The values a training setting takes: from ``lower`` to ``upper`` (nil: no bound), each end
/// included or not, whole numbers only or any finite number. ``SettingsError/range`` carries it.
public struct SettingRange: Equatable, Sendable, CustomStringConvertible {
    /// The lowest valid value, or nil for none.
    public var lower: Double?
    /// Whether ``lower`` itself is valid.
    public var includesLower: Bool
    /// The highest valid value, or nil for none.
    public var upper: Double?
    /// Whether ``upper`` itself is valid.
    public var includesUpper: Bool
    /// Whether only whole numbers are valid.
    public var integers: Bool

    /// A range from its parts.
    public init(lower: Double?, includesLower: Bool, upper: Double?, includesUpper: Bool, integers: Bool) {
        self.lower = lower
        self.includesLower = includesLower
        self.upper = upper
        self.includesUpper = includesUpper
        self.integers = integers
    }

    /// Whole numbers from `lower`, through `upper` when given.
    public init(integersFrom lower: Double, through upper: Double? = nil) {
        self.init(lower: lower, includesLower: true, upper: upper, includesUpper: true, integers: true)
    }

    /// Finite numbers strictly above `lower`, and strictly below `upper` when given.
    public init(above lower: Double, below upper: Double? = nil) {
        self.init(lower: lower, includesLower: false, upper: upper, includesUpper: false, integers: false)
    }

    /// Whether `value` is in the range.
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite, !integers || value.rounded() == value else { return false }
        if let lower, includesLower ? value < lower : value <= lower { return false }
        if let upper, includesUpper ? value > upper : value >= upper { return false }
        return true
    }

    /// "an integer from 1 to 2147483647", "an integer ≥ 1", "a finite number > 0", "a number strictly between 0 and 1".
    public var description: String {
        func text(_ bound: Double) -> String { bound.rounded() == bound && abs(bound) < 1e15 ? String(Int64(bound)) : "\(bound)" }
        switch (lower, upper) {
        case let (lower?, upper?) where integers: return "an integer from \(text(lower)) to \(text(upper))"
        case let (lower?, upper?) where !includesLower && !includesUpper: return "a number strictly between \(text(lower)) and \(text(upper))"
        case let (lower?, upper?) where lower == upper: return text(lower)
        case let (lower?, upper?) where includesLower && !includesUpper: return "a number from \(text(lower)) up to, not including, \(text(upper))"
        case let (lower?, upper?) where !includesLower: return "a number > \(text(lower)) and ≤ \(text(upper))"
        case let (lower?, upper?): return "a number from \(text(lower)) to \(text(upper))"
        case let (lower?, nil): return (integers ? "an integer " : "a finite number ") + (includesLower ? "≥ " : "> ") + text(lower)
        case let (nil, upper?): return (integers ? "an integer " : "a finite number ") + (includesUpper ? "≤ " : "< ") + text(upper)
        case (nil, nil): return integers ? "an integer" : "a finite number"
        }
    }
}
