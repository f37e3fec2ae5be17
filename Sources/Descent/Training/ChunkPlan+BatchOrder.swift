/// The chunk shuffle's read order (issue 14's bandwidth target): the rows a batch takes from a
/// shuffle buffer are read in ascending row order, so that a step streams through the buffer's
/// memory (every few rows, in order: what hardware prefetchers follow) instead of gathering rows
/// at random.
///
/// A batch's gradient and loss are sums over its rows, so the order within a batch changes only
/// the rounding of those sums (each still in a fixed order: the same inputs give the same bits).
/// The batches are the same sets of rows as the shuffled order's, drawn with the same random
/// numbers: only where each batch's rows sit among its positions changes.
extension ChunkPlan {
    /// Puts the rows of each batch (positions `from + i` cut every `batchSize`) in `buffer`, one
    /// shuffle buffer made of `chunks` (sorted, disjoint), in ascending order. A counting sort by
    /// batch over the buffer's rows taken in ascending order: O(n + chunks · log chunks), where
    /// sorting each batch would cost n log batch on the host, which makes the next epoch's order
    /// while the device trains.
    static func ascendWithinBatches(_ buffer: inout [Int32], from: Int, batchSize: Int, chunks: [Range<Int>]) {
        let count = buffer.count
        guard count > 1, batchSize > 1 else { return }
        let firstBatch = from / batchSize
        let batches = (from + count - 1) / batchSize - firstBatch + 1
        // Each row's rank in the ascending list of the buffer's rows, through its chunk.
        var offsets = [Int](), total = 0
        for chunk in chunks { offsets.append(total); total += chunk.count }
        precondition(total == count, "the buffer holds its chunks' rows")
        func rank(_ row: Int) -> Int {
            var low = 0, high = chunks.count - 1  // the last chunk starting at or before row
            while low < high {
                let middle = (low + high + 1) / 2
                if chunks[middle].lowerBound <= row { low = middle } else { high = middle - 1 }
            }
            return offsets[low] + row - chunks[low].lowerBound
        }
        var batchOfRank = [Int32](repeating: 0, count: count)
        for i in 0..<count { batchOfRank[rank(Int(buffer[i]))] = Int32((from + i) / batchSize - firstBatch) }
        // Each batch's next position in the buffer, filled by the rows in ascending order.
        var next = (0..<batches).map { max((firstBatch + $0) * batchSize - from, 0) }
        var position = 0
        for chunk in chunks {
            for row in chunk {
                let batch = Int(batchOfRank[position])
                buffer[next[batch]] = Int32(row)
                next[batch] += 1
                position += 1
            }
        }
    }
}
