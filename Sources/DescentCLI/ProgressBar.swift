import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal, and
/// redrawn at most ten times a second: a run of short epochs would otherwise spend its time, and
/// the terminal's, drawing thousands of bars a second.
final class ProgressBar {
    /// The shortest time between two drawings, in seconds.
    static let interval = 0.1

    private let total: Int
    private let enabled: Bool
    private let now: () -> Double
    private let write: (String) -> Void
    private var lastDrawn: Double?
    /// An update not drawn yet (it came too soon after the last); drawn by ``finish()``.
    private var pending: (epoch: Int, loss: Double)?

    /// - Parameters:
    ///   - now: the time in seconds (a test's clock); `write`: where the text goes (a test's sink).
    init(total: Int, enabled: Bool, isTerminal: Bool = isatty(STDERR_FILENO) == 1,
         now: @escaping () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
         write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = max(total, 1)
        self.enabled = enabled && isTerminal
        self.now = now
        self.write = write
    }

    func update(epoch: Int, loss: Double) {
        guard enabled else { return }
        let time = now()
        if let lastDrawn, time - lastDrawn < Self.interval, epoch < total {
            pending = (epoch, loss)
            return
        }
        draw(epoch: epoch, loss: loss)
        lastDrawn = time
    }

    func finish() {
        guard enabled else { return }
        if let pending { draw(epoch: pending.epoch, loss: pending.loss) }
        write("\n")
    }

    private func draw(epoch: Int, loss: Double) {
        pending = nil
        let width = 30, done = width * min(epoch, total) / total
        let bar = String(repeating: "#", count: done) + String(repeating: " ", count: width - done)
        write("\r[\(bar)] epoch \(epoch)/\(total)  loss \(String(format: "%.4f", loss))")
    }
}
