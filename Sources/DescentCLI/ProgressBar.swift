import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar {
    private let total: Int
    private let enabled: Bool

    init(total: Int, enabled: Bool) {
        self.total = max(total, 1)
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func update(epoch: Int, loss: Double) {
        guard enabled else { return }
        let width = 30, done = width * epoch / total
        let bar = String(repeating: "#", count: done) + String(repeating: " ", count: width - done)
        FileHandle.standardError.write(Data("\r[\(bar)] epoch \(epoch)/\(total)  loss \(String(format: "%.4f", loss))".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
