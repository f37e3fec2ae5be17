import Descent
import Foundation

/// The benchmark's outputs: the terminal table, CSV, and the SVG chart of samples/s against
/// batch size (log-log, one line per backend).
struct BenchReport {
    var records: [BenchRecord]

    func table() -> String {
        var lines = ["backend   batch    epoch ms  device ms     steps/s   M samples/s    GB/s  of read BW  device"]
        for r in records {
            let cells = [
                r.backend.padding(toLength: 8, withPad: " ", startingAt: 0),
                String(r.batchSize).leftPadded(6),
                fixed(r.epochSeconds * 1000, digits: 1).leftPadded(11),
                (r.deviceSeconds.map { fixed($0 * 1000, digits: 1) } ?? "-").leftPadded(10),
                (r.stepsPerSecond.map { fixed($0, digits: 0) } ?? "-").leftPadded(11),
                fixed(r.samplesPerSecond / 1e6, digits: 3).leftPadded(13),
                fixed(r.gigabytesPerSecond, digits: 2).leftPadded(7),
                (r.bandwidthFraction.map { fixed($0 * 100, digits: 1) + "%" } ?? "-").leftPadded(11),
                "  " + r.device,
            ]
            lines.append(cells.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    /// Each backend's samples/s over the `baseline` backend's at the same batch size.
    func ratios(against baseline: String) -> [String] {
        records.filter { $0.backend != baseline }.compactMap { record in
            guard let base = records.first(where: { $0.backend == baseline && $0.batchSize == record.batchSize }) else { return nil }
            return "\(record.backend) / \(baseline) at batch \(record.batchSize): \(fixed(record.samplesPerSecond / base.samplesPerSecond, digits: 2))×"
        }
    }

    func csv() -> String {
        "backend,device,batchSize,epochSeconds,deviceSeconds,stepsPerSecond,samplesPerSecond,gigabytesPerSecond,bandwidthFraction,shuffle,meanReadStride,peakResidentBytes\n"
            + records.map { r in
                [r.backend, "\"\(r.device)\"", "\(r.batchSize)", "\(r.epochSeconds)", r.deviceSeconds.map { "\($0)" } ?? "",
                 r.stepsPerSecond.map { "\($0)" } ?? "", "\(r.samplesPerSecond)", "\(r.gigabytesPerSecond)",
                 r.bandwidthFraction.map { "\($0)" } ?? "", r.shuffle ?? "", r.meanReadStride.map { "\($0)" } ?? "",
                 r.peakResidentBytes.map { "\($0)" } ?? ""].joined(separator: ",")
            }.joined(separator: "\n") + "\n"
    }

    func svg(title: String) -> String {
        let width = 720.0, height = 440.0, left = 80.0, right = 150.0, top = 40.0, bottom = 50.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let batches = records.map { log10(Double($0.batchSize)) }, rates = records.map { log10($0.samplesPerSecond) }
        guard let bLow = batches.min(), let bHigh = batches.max(), let rLow = rates.min(), let rHigh = rates.max() else { return "" }
        let xSpan = max(bHigh - bLow, 1), yLow = floor(rLow), yHigh = max(ceil(rHigh), yLow + 1)
        func px(_ batch: Int) -> Double { left + (log10(Double(batch)) - bLow) / xSpan * plotWidth }
        func py(_ rate: Double) -> Double { top + plotHeight * (1 - (log10(rate) - yLow) / (yHigh - yLow)) }
        let colours = ["#c0392b", "#2471a3", "#1e8449", "#7d3c98", "#b9770e"]
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(left + plotWidth / 2)" y="22" text-anchor="middle" font-size="15">\(title)</text>
            <line x1="\(left)" y1="\(top + plotHeight)" x2="\(left + plotWidth)" y2="\(top + plotHeight)" stroke="black"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(top + plotHeight)" stroke="black"/>
            <text x="\(left + plotWidth / 2)" y="\(height - 10)" text-anchor="middle">batch size (log scale)</text>
            <text x="18" y="\(top + plotHeight / 2)" text-anchor="middle" transform="rotate(-90 18 \(top + plotHeight / 2))">samples per second (log scale)</text>

            """
        for exponent in Int(yLow)...Int(yHigh) {
            let y = py(pow(10, Double(exponent)))
            svg += "<line x1=\"\(left - 4)\" y1=\"\(y)\" x2=\"\(left + plotWidth)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 4)\" text-anchor=\"end\">1e\(exponent)</text>\n"
        }
        for batch in Set(records.map(\.batchSize)).sorted() {
            svg += "<text x=\"\(px(batch))\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\">\(batch)</text>\n"
        }
        let backends = records.map(\.backend).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for (index, backend) in backends.enumerated() {
            let colour = colours[index % colours.count]
            let points = records.filter { $0.backend == backend }.sorted { $0.batchSize < $1.batchSize }
            let path = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(fixed(px($0.element.batchSize), digits: 1)),\(fixed(py($0.element.samplesPerSecond), digits: 1))" }
            svg += "<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            for point in points {
                svg += "<circle cx=\"\(fixed(px(point.batchSize), digits: 1))\" cy=\"\(fixed(py(point.samplesPerSecond), digits: 1))\" r=\"3\" fill=\"\(colour)\"/>"
            }
            svg += "<text x=\"\(left + plotWidth + 10)\" y=\"\(top + 16 + Double(index) * 18)\" fill=\"\(colour)\">— \(backend)</text>\n"
        }
        return svg + "</svg>\n"
    }
}
