import Descent
import Foundation

/// One comparison of a device result with the CPU reference.
package struct ValidationCheck: Codable, Sendable {
    /// `forward`, `residual`, `loss`, `gradient`, `update`, `fused step`, `trajectory`.
    package var stage: String
    /// `rows×features` (and the batch, for fused steps).
    package var shape: String
    /// The kernel build: work-group size, vector width, path.
    package var configuration: String
    package var maxAbsoluteError: Double
    package var maxRelativeError: Double
    /// The bound at the element with the largest absolute error.
    package var bound: Double
    /// The largest error/bound ratio over the elements: at most 1 passes.
    package var worstRatio: Double
    package var passed: Bool
    /// The first elements out of bounds, for a failure: index, device, reference, error, bound.
    /// For a skipped check, why it was skipped.
    package var mismatches: [String]
    /// A build the device cannot run (a work-group size or local memory beyond its limits): not
    /// run, not failed, and said so in the table.
    package var skipped = false

    /// Compares `device` with `reference` element by element against `bounds`. NaN fails.
    package init(stage: String, shape: String, configuration: String, device: [Double], reference: [Double], bounds: [Double]) {
        self.stage = stage
        self.shape = shape
        self.configuration = configuration
        var absolute = -1.0, relative = 0.0, worstRatio = 0.0, boundAtLargest = bounds.first ?? 0
        var mismatches = [String]()
        if device.count != reference.count {
            mismatches.append("\(device.count) results, expected \(reference.count)")
        }
        for (index, (got, want)) in zip(device, reference).enumerated() {
            let error = abs(got - want).isNaN ? .infinity : abs(got - want)
            if error > absolute {
                absolute = error
                boundAtLargest = bounds[index]
            }
            relative = max(relative, want == 0 ? (error == 0 ? 0 : .infinity) : error / abs(want))
            worstRatio = max(worstRatio, error / bounds[index])
            if !(error <= bounds[index]), mismatches.count < 5 {
                mismatches.append("[\(index)] device \(got), reference \(want), error \(error), bound \(bounds[index])")
            }
        }
        maxAbsoluteError = max(absolute, 0)
        maxRelativeError = relative
        bound = boundAtLargest
        self.worstRatio = worstRatio
        passed = mismatches.isEmpty
        self.mismatches = mismatches
    }

    /// A check not run because the device cannot run its build; `reason` says which limit.
    package init(skipped stage: String, shape: String, configuration: String, reason: String) {
        self.init(stage: stage, shape: shape, configuration: configuration, maxAbsoluteError: .nan, maxRelativeError: .nan,
                  bound: .nan, worstRatio: .nan, passed: true, mismatches: [reason])
        skipped = true
    }

    /// A check decided by its own rule (trajectories), with its numbers; `worstRatio` is the rule's
    /// measure against its limit, so that it is at most 1 exactly when the check passes.
    package init(stage: String, shape: String, configuration: String, maxAbsoluteError: Double, maxRelativeError: Double,
                bound: Double, worstRatio: Double = .nan, passed: Bool, mismatches: [String]) {
        self.stage = stage
        self.shape = shape
        self.configuration = configuration
        self.maxAbsoluteError = maxAbsoluteError
        self.maxRelativeError = maxRelativeError
        self.bound = bound
        self.worstRatio = worstRatio
        self.passed = passed
        self.mismatches = mismatches
    }
}

/// Everything `descent validate` found on one device.
package struct ValidationReport: Codable, Sendable {
    package var device: String
    package var seed: UInt64
    package var checks: [ValidationCheck]
    /// Programs compiled from OpenCL C during the run (each distinct build once).
    package var programBuilds: Int
    /// Programs loaded from the binary cache instead.
    package var binaryLoads: Int

    package init(device: String, seed: UInt64, checks: [ValidationCheck], programBuilds: Int = 0, binaryLoads: Int = 0) {
        self.device = device
        self.seed = seed
        self.checks = checks
        self.programBuilds = programBuilds
        self.binaryLoads = binaryLoads
    }

    package var skipped: [ValidationCheck] { checks.filter(\.skipped) }

    package var failures: [ValidationCheck] { checks.filter { !$0.passed } }
    package var allPassed: Bool { failures.isEmpty }

    /// The table, the failures in detail, and one summary line.
    package func text() -> String {
        // The stage column as wide as its longest name (at least 12), so `matmul_tn+bias` and `matmul_tn+bias Σ` stay apart.
        let stageWidth = max(12, checks.map(\.stage.count).max() ?? 0)
        var lines = ["stage".padding(toLength: stageWidth, withPad: " ", startingAt: 0)
            + " shape                          configuration                       max abs err   max rel err         bound  err/bound  result"]
        for check in checks {
            lines.append([
                check.stage.padding(toLength: stageWidth, withPad: " ", startingAt: 0),
                check.shape.padding(toLength: 30, withPad: " ", startingAt: 0),
                check.configuration.padding(toLength: 35, withPad: " ", startingAt: 0),
                scientific(check.maxAbsoluteError), scientific(check.maxRelativeError), scientific(check.bound),
                (check.worstRatio.isFinite ? fixed(check.worstRatio, digits: 3) : check.skipped ? "–" : "inf").leftPadded(9),
                check.skipped ? " skip" : check.passed ? " pass" : " FAIL",
            ].joined(separator: " "))
        }
        for check in failures {
            lines.append("")
            lines.append("FAIL \(check.stage) \(check.shape) \(check.configuration):")
            lines += check.mismatches.map { "    " + $0 }
        }
        for check in skipped {
            lines.append("skipped \(check.stage) \(check.shape) \(check.configuration): \(check.mismatches.first ?? "")")
        }
        let run = checks.count - skipped.count, skippedNote = skipped.isEmpty ? "" : ", \(skipped.count) skipped (beyond the device's limits)"
        lines.append("")
        lines.append(allPassed
            ? "validate: all \(run) checks passed on \(device) (seed \(seed))\(skippedNote)"
            : "validate: \(failures.count) of \(run) checks FAILED on \(device) (seed \(seed))\(skippedNote)")
        lines.append("programs: \(programBuilds) built from source, \(binaryLoads) loaded from the binary cache")
        return lines.joined(separator: "\n")
    }

    private func scientific(_ value: Double) -> String {
        guard value.isFinite else { return "         n/a " }
        return String(format: "%12.3e", value).padding(toLength: 13, withPad: " ", startingAt: 0)
    }
}
