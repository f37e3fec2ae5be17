import Foundation
import Testing

/// A long run's memory stays flat: the losses of two million batches are streamed or sampled,
/// not kept (every batch's loss used to be, 8 bytes a step: gigabytes within minutes at batch 1).
@Suite struct LongRunMemoryTests {
    /// Peak resident memory of a 5,000-epoch run at batch 1 (2,020,000 steps, with --plot) against a
    /// 20-epoch one: the same within 8 MiB, where keeping every loss took 16 MiB more and growing.
    /// Not under the address sanitizer (`scripts/test --asan` sets ASAN_OPTIONS): its quarantine
    /// keeps freed memory resident on purpose, so resident memory measures ASan, not Descent.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")
                   && ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil))
    func memoryDoesNotGrowWithTheNumberOfSteps() throws {
        let short = try peakResidentKiB(epochs: 20), long = try peakResidentKiB(epochs: 5000)
        #expect(long - short < 8 * 1024, "peak RSS \(short) KiB after 20 epochs, \(long) KiB after 5,000")
    }

    /// Runs `descent train` at batch 1 and reads its peak resident set (VmHWM) until it ends.
    private func peakResidentKiB(epochs: Int) throws -> Int {
        let directory = try temporaryDirectory()
        let run = try RunningDescent(["train", "--backend", "cpu", "--batch-size", "1", "--epochs", String(epochs), "--quiet",
                                      "--plot", "loss.svg"], in: directory)
        var peak = 0
        let status = "/proc/\(run.process.processIdentifier)/status"
        run.wait(upTo: 300) {
            let text = (try? String(contentsOfFile: status, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
                peak = max(peak, kib)
            }
            return false
        }
        let result = run.finish()
        #expect(result.status == 0 && FileManager.default.fileExists(atPath: directory + "/loss.svg"), "\(result.errors)")
        return peak
    }
}
