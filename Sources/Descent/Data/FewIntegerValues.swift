/// Whether a regression target holds only a few (3 to 20) distinct integers: classes read as
/// numbers (digits 0–9), which `descent train` points out for an MLP. Fed one value at a time,
/// by the loaded path (its training rows) and by a file read a piece at a time (the same rows,
/// one pass that stops once the answer is no), so that both say the same.
public struct FewIntegerValues: Sendable {
    /// The most distinct values still counted as a few.
    public static let most = 20
    private var distinct = Set<Double>()
    /// A value that is not an integer, or more than ``most`` of them: no more values can change the answer.
    public private(set) var ruledOut = false

    public init() {}

    public mutating func add(_ value: Double) {
        guard !ruledOut else { return }
        let rounded = value.rounded()
        guard abs(value - rounded) < 1e-9 * max(1, abs(value)) else {
            ruledOut = true
            return
        }
        distinct.insert(rounded)
        if distinct.count > Self.most { ruledOut = true }
    }

    /// How many distinct integers, when 3 to ``most``; else nil (two are a binary target's classes).
    public var count: Int? { !ruledOut && distinct.count >= 3 ? distinct.count : nil }
}
