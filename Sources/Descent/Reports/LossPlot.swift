import Foundation

/// The loss curve of a training run as a standalone SVG: a sample of the batch losses, and each
/// epoch's mean drawn at the epoch's last batch, against the iteration number. Drawn from a
/// ``LossHistory``, so a plot of a run of any length takes bounded memory.
public struct LossPlot: Sendable {
    /// The losses plotted.
    public var history: LossHistory
    /// The plot's title.
    public var title: String
    /// The y axis's label: what the loss is.
    public var lossName = "mean squared error, normalised"
    /// The validation loss after each epoch (`--validation`), at the run iteration of the epoch's
    /// last batch; drawn beside the training loss when not empty.
    public var validation: [(iteration: Int, loss: Double)] = []

    /// A plot of `history`.
    public init(history: LossHistory, title: String) {
        self.history = history
        self.title = title
    }

    /// The plot of `losses`, the first at run iteration `firstIteration`: non-zero for a resumed run,
    /// so its numbering continues (a run stopped mid-epoch resumes mid-epoch).
    public init(losses: [Double], batchesPerEpoch: Int, title: String, firstIteration: Int = 0) {
        var history = LossHistory(batchesPerEpoch: batchesPerEpoch, firstIteration: firstIteration)
        history.append(contentsOf: losses)
        self.init(history: history, title: title)
    }

    /// Each epoch's mean loss, in epoch order, and the offset from the first loss of the epoch's
    /// last batch (a resumed run's first epoch and an interrupted run's last may be partial).
    public var epochMeans: [(last: Int, mean: Double)] {
        history.epochMeans.map { ($0.x - history.firstIteration, $0.y) }
    }

    /// The plot as an SVG document.
    public func svg(width: Double = 720, height: Double = 420) -> String {
        let left = 70.0, right = 20.0, top = 40.0, bottom = 50.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let finiteValidation = validation.filter { $0.loss.isFinite }
        let highest = max(history.count == 0 ? 1 : history.highest, finiteValidation.map(\.loss).max() ?? 0, 1e-12)
        let lastIteration = Double(max(history.count - 1, 1))
        let offset = Double(history.firstIteration)
        func px(_ iteration: Double) -> Double { left + (iteration - offset) / lastIteration * plotWidth }
        func py(_ loss: Double) -> Double { top + plotHeight * (1 - loss / highest) }
        func path(_ points: [(Double, Double)]) -> String {
            points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(fixed(px($0.element.0), digits: 1)),\(fixed(py($0.element.1), digits: 1))" }
                .joined(separator: " ")
        }
        var batchPoints = history.batches.points.map { (Double($0.x), $0.y) }
        if let last = history.last, batchPoints.last?.0 != Double(last.iteration) { batchPoints.append((Double(last.iteration), last.loss)) }
        let meanPoints = history.epochMeans.map { (Double($0.x), $0.y) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(width / 2)" y="22" text-anchor="middle" font-size="15">\(escaped(title))</text>
            <line x1="\(left)" y1="\(top + plotHeight)" x2="\(left + plotWidth)" y2="\(top + plotHeight)" stroke="black"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(top + plotHeight)" stroke="black"/>

            """
        for tick in 0...4 {
            let loss = highest * Double(tick) / 4, y = py(loss)
            svg += "<line x1=\"\(left - 4)\" y1=\"\(y)\" x2=\"\(left)\" y2=\"\(y)\" stroke=\"black\"/>"
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 4)\" text-anchor=\"end\">\(fixed(loss, digits: 3))</text>\n"
            let iteration = offset + lastIteration * Double(tick) / 4, x = px(iteration)
            svg += "<line x1=\"\(x)\" y1=\"\(top + plotHeight)\" x2=\"\(x)\" y2=\"\(top + plotHeight + 4)\" stroke=\"black\"/>"
            svg += "<text x=\"\(x)\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\">\(Int(iteration.rounded()))</text>\n"
        }
        svg += """
            <text x="\(left + plotWidth / 2)" y="\(height - 10)" text-anchor="middle">iteration (batch)</text>
            <text x="16" y="\(top + plotHeight / 2)" text-anchor="middle" transform="rotate(-90 16 \(top + plotHeight / 2))">loss (\(escaped(lossName)))</text>
            <path d="\(path(batchPoints))" fill="none" stroke="#7fa7d9" stroke-width="1"/>
            <path d="\(path(meanPoints))" fill="none" stroke="#c0392b" stroke-width="2"/>
            <text x="\(left + plotWidth - 150)" y="\(top + 14)" fill="#7fa7d9">— loss per batch</text>
            <text x="\(left + plotWidth - 150)" y="\(top + 30)" fill="#c0392b">— mean per epoch</text>

            """
        if !finiteValidation.isEmpty {
            svg += """
                <path d="\(path(finiteValidation.map { (Double($0.iteration), $0.loss) }))" fill="none" stroke="#27ae60" stroke-width="2" stroke-dasharray="6 3"/>
                <text x="\(left + plotWidth - 150)" y="\(top + 46)" fill="#27ae60">— validation loss</text>

                """
        }
        svg += "</svg>\n"
        return svg
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}

extension Head {
    /// The loss a head trains on, in words (a plot's axis).
    public var lossName: String {
        switch self {
        case .mse: "mean squared error, normalised"
        case .huber: "Huber, normalised"
        case .binaryCrossEntropy: "binary cross-entropy"
        case .softmaxCrossEntropy: "cross-entropy"
        }
    }
}
