import Descent
import Foundation

/// One comparison of a device result with the CPU reference.
public struct ValidationCheck: Codable, Sendable {
    /// `forward`, `residual`, `loss`, `gradient`, `update`, `fused step`, `trajectory`.
    public var stage: String
    /// `rows×features` (and the batch, for fused steps).
    public var shape: String
    /// The kernel build: work-group size, vector width, path.
    public var configuration: String
    public var maxAbsoluteError: Double
    public var maxRelativeError: Double
    /// The bound at the element closest to it (the one with the largest error/bound ratio).
    public var bound: Double
    public var passed: Bool
    /// The first elements out of bounds, for a failure: index, device, reference, error, bound.
    public var mismatches: [String]

    /// Compares `device` with `reference` element by element against `bounds`. NaN fails.
    public init(stage: String, shape: String, configuration: String, device: [Double], reference: [Double], bounds: [Double]) {
        self.stage = stage
        self.shape = shape
        self.configuration = configuration
        var absolute = 0.0, relative = 0.0, worstRatio = -1.0, worstBound = bounds.first ?? 0
        var mismatches = [String]()
        if device.count != reference.count {
            mismatches.append("\(device.count) results, expected \(reference.count)")
        }
        for (index, (got, want)) in zip(device, reference).enumerated() {
            let error = abs(got - want), ratio = error / bounds[index]
            absolute = max(absolute, error.isNaN ? .infinity : error)
            relative = max(relative, want == 0 ? (error == 0 ? 0 : .infinity) : (error.isNaN ? .infinity : error / abs(want)))
            if !(ratio <= worstRatio) || ratio.isNaN {
                worstRatio = ratio.isNaN ? .infinity : ratio
                worstBound = bounds[index]
            }
            if !(error <= bounds[index]), mismatches.count < 5 {
                mismatches.append("[\(index)] device \(got), reference \(want), error \(error), bound \(bounds[index])")
            }
        }
        maxAbsoluteError = absolute
        maxRelativeError = relative
        bound = worstBound
        passed = mismatches.isEmpty
        self.mismatches = mismatches
    }

    /// A check decided by its own rule (trajectories), with its numbers.
    public init(stage: String, shape: String, configuration: String, maxAbsoluteError: Double, maxRelativeError: Double,
                bound: Double, passed: Bool, mismatches: [String]) {
        self.stage = stage
        self.shape = shape
        self.configuration = configuration
        self.maxAbsoluteError = maxAbsoluteError
        self.maxRelativeError = maxRelativeError
        self.bound = bound
        self.passed = passed
        self.mismatches = mismatches
    }
}

/// Everything `descent validate` found on one device.
public struct ValidationReport: Codable, Sendable {
    public var device: String
    public var seed: UInt64
    public var checks: [ValidationCheck]

    public var failures: [ValidationCheck] { checks.filter { !$0.passed } }
    public var allPassed: Bool { failures.isEmpty }

    /// The table, the failures in detail, and one summary line.
    public func text() -> String {
        var lines = ["stage        shape                          configuration                       max abs err   max rel err         bound  result"]
        for check in checks {
            lines.append([
                check.stage.padding(toLength: 12, withPad: " ", startingAt: 0),
                check.shape.padding(toLength: 30, withPad: " ", startingAt: 0),
                check.configuration.padding(toLength: 35, withPad: " ", startingAt: 0),
                scientific(check.maxAbsoluteError), scientific(check.maxRelativeError), scientific(check.bound),
                check.passed ? "pass" : "FAIL",
            ].joined(separator: " "))
        }
        for check in failures {
            lines.append("")
            lines.append("FAIL \(check.stage) \(check.shape) \(check.configuration):")
            lines += check.mismatches.map { "    " + $0 }
        }
        lines.append("")
        lines.append(allPassed
            ? "validate: all \(checks.count) checks passed on \(device) (seed \(seed))"
            : "validate: \(failures.count) of \(checks.count) checks FAILED on \(device) (seed \(seed))")
        return lines.joined(separator: "\n")
    }

    private func scientific(_ value: Double) -> String {
        String(format: "%12.3e", value).padding(toLength: 13, withPad: " ", startingAt: 0)
    }
}
