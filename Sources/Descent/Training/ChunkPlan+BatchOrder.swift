/// The chunk shuffle's read order (issue 14's bandwidth target): the rows a batch takes from a
/// shuffle buffer are read in ascending row order, so that a step streams through the buffer's
/// memory (every few rows, in order: what hardware prefetchers follow) instead of gathering rows
/// at random.
///
/// A batch's gradient and loss are sums over its rows, so the order within a batch changes only
/// the rounding of those sums (each still in a fixed order: the same inputs give the same bits).
/// The batches are the same sets of rows as the shuffled order's, drawn with the first of the
/// same random numbers (a buffer's first batch takes the rows its later batches leave, undrawn):
/// only where each batch's rows sit among its positions changes.
extension ChunkPlan {
    /// One shuffle buffer of ``order(rows:random:batchSize:)``, written to `order[from...]`:
    /// `members` (its chunks, in the permuted chunk order) shuffled together with the first of the
    /// draws the shuffled order takes, then each batch's rows (positions `from + i` cut every
    /// `batchSize`) in ascending order.
    ///
    /// The shuffle permutes each row's rank (its place among the buffer's rows in ascending order)
    /// instead of the row: the same swaps, so every position gets the same row, and the rank is
    /// at hand for a counting sort by batch. That is the whole of the host's work on the order,
    /// made while the device trains on the two cores it shares: the shuffle, one scatter of each
    /// rank's batch, and one pass over the rows in ascending order (no search for a row's rank,
    /// no division per row, no array built per buffer: was 2-3× a plain shuffle's time).
    /// `ranks` and `batchOfRank` are scratch space, reused across buffers.
    static func ascendingBuffer(_ members: ArraySlice<Range<Int>>, into order: UnsafeMutableBufferPointer<Int32>, from: Int,
                                batchSize: Int, random: inout TrainingRandom, ranks: inout [Int32], batchOfRank: inout [Int32]) {
        let sorted = members.sorted { $0.lowerBound < $1.lowerBound }
        let count = members.reduce(0) { $0 + $1.count }
        // Within one batch: its rows ascending and no draws, as below, without the ranks' passes
        // (the default plan at batch 65536 read at about 60% of the read bandwidth with them, 70% without).
        if from / batchSize == (from + count - 1) / batchSize {
            var position = from
            for chunk in sorted {
                for row in Int32(chunk.lowerBound)..<Int32(chunk.upperBound) { order[position] = row; position += 1 }
            }
            return
        }
        ranks.removeAll(keepingCapacity: true)
        for chunk in members {  // the shuffled order's starting buffer, as ranks
            let first = sorted.prefix { $0.lowerBound < chunk.lowerBound }.reduce(0) { $0 + $1.count }
            ranks.append(contentsOf: Int32(first)..<Int32(first + chunk.count))
        }
        // Positions from the second batch's first on are drawn as the whole shuffle draws them;
        // the first batch's rows are the rest, whatever their order: drawing them too took as
        // much CPU as the steps, on the cores the device runs on (BENCHMARKS.md, issue 14's chunk shuffle).
        let firstBatch = from / batchSize
        random.shuffle(&ranks, keepingFirst: min(count, (firstBatch + 1) * batchSize - from))
        // Each rank's batch, counted from the buffer's first; then each batch's next position.
        let batches = (from + count - 1) / batchSize - firstBatch + 1
        if batchOfRank.count < count { batchOfRank = [Int32](repeating: 0, count: count) }
        var next = (0..<batches).map { max((firstBatch + $0) * batchSize, from) }
        ranks.withUnsafeBufferPointer { ranks in
            batchOfRank.withUnsafeMutableBufferPointer { batchOf in
                for batch in 0..<batches {
                    let end = min((firstBatch + batch + 1) * batchSize, from + count)
                    for i in (next[batch] - from)..<(end - from) { batchOf[Int(ranks[i])] = Int32(batch) }
                }
            }
        }
        batchOfRank.withUnsafeBufferPointer { batchOf in
            var rank = 0
            for chunk in sorted {
                for row in chunk {
                    let batch = Int(batchOf[rank])
                    order[next[batch]] = Int32(row)
                    next[batch] += 1
                    rank += 1
                }
            }
        }
    }
}
