/// The loss table `--loss-csv` writes, one row per batch: `iteration,epoch,batch,loss`. Formatted a
/// batch of rows at a time, so that the rows can be streamed to a file as training makes them.
public enum LossCSV {
    /// The first line of a loss CSV.
    public static let header = "iteration,epoch,batch,loss\n"

    /// The rows of `losses`, the first at run iteration `firstIteration`.
    public static func rows(_ losses: some Sequence<Double>, firstIteration: Int, batchesPerEpoch: Int) -> String {
        let perEpoch = max(batchesPerEpoch, 1)
        var text = ""
        for (index, loss) in losses.enumerated() {
            let iteration = firstIteration + index
            text += "\(iteration),\(iteration / perEpoch),\(iteration % perEpoch),\(loss)\n"
        }
        return text
    }
}
