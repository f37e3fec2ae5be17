/// How each epoch orders the training rows.
///
/// `rows` is the course's exact permutation: the previous epoch's order shuffled in place (as
/// `np.random.shuffle`), every row equally likely anywhere, which needs all rows at hand and reads
/// them in random order. `chunks` is the shuffle of data that cannot be randomly accessed (as
/// tf.data's and WebDataset's shuffle buffers): the rows are cut into chunks of consecutive rows,
/// the chunk order is permuted each epoch, and the rows of each run of ``ChunkPlan/bufferChunks``
/// consecutive chunks (in that permuted order) are permuted among themselves. An epoch then reads
/// one shuffle buffer of memory at a time, in order of buffers; given the batch size, each
/// batch's rows are read in ascending order within its buffer (the same rows per batch:
/// ``ChunkPlan/order(rows:random:batchSize:)``).
public enum RowShuffle: Equatable, Sendable {
    case rows
    case chunks(ChunkPlan)

    /// The next epoch's order, drawing from `random`: `order` shuffled in place for `rows`; for
    /// `chunks`, a fresh order of all `order.count` rows (the previous order is not used), each
    /// batch's rows ascending within a shuffle buffer when `batchSize` is given
    /// (``ChunkPlan/order(rows:random:batchSize:)``: training passes its batch size).
    public func apply(_ order: inout [Int32], random: inout TrainingRandom, batchSize: Int = 1) {
        switch self {
        case .rows: random.shuffle(&order)
        case let .chunks(plan): order = plan.order(rows: order.count, random: &random, batchSize: batchSize)
        }
    }
}

/// The chunks of a chunk shuffle: ``rowsPerChunk`` consecutive rows each (the last may be short),
/// ``bufferChunks`` of them shuffled together. Streaming training uploads the same chunks.
public struct ChunkPlan: Equatable, Sendable {
    public var rowsPerChunk: Int
    public var bufferChunks: Int

    /// Both from 1 to `Int32.max` (values outside are clamped: rows are counted in 32 bits, and
    /// so no product of the two overflows).
    public init(rowsPerChunk: Int, bufferChunks: Int) {
        self.rowsPerChunk = min(max(rowsPerChunk, 1), Int(Int32.max))
        self.bufferChunks = min(max(bufferChunks, 1), Int(Int32.max))
    }

    /// The chunks of `rows` rows, as row ranges in file order.
    public func chunks(rows: Int) -> [Range<Int>] {
        stride(from: 0, to: rows, by: rowsPerChunk).map { $0..<min($0 + rowsPerChunk, rows) }
    }

    /// The chunks in an epoch's order: the whole chunks permuted, and a short last chunk (rows not
    /// a multiple of ``rowsPerChunk``) kept last, so that every shuffle buffer but the last starts
    /// at a multiple of its rows, where batches of that many rows (or a divisor) start too.
    public func permutedChunks(rows: Int, random: inout TrainingRandom) -> [Range<Int>] {
        var chunks = chunks(rows: rows)
        guard let last = chunks.last, last.count < rowsPerChunk else {
            random.shuffle(&chunks)
            return chunks
        }
        chunks.removeLast()
        random.shuffle(&chunks)
        return chunks + [last]
    }

    /// One epoch's order: the chunks permuted (``permutedChunks(rows:random:)``), then the rows of
    /// each group of ``bufferChunks`` consecutive chunks of that permutation permuted among themselves.
    public func order(rows: Int, random: inout TrainingRandom) -> [Int32] {
        order(rows: rows, random: &random, batchSize: 1)
    }

    /// ``order(rows:random:)`` with the rows of each batch of `batchSize` positions put in
    /// ascending order within each shuffle buffer (`ascendingBuffer`): the same rows at each
    /// batch's positions in a buffer, drawn with the first of the same draws, as only the rows
    /// of a buffer's later batches need drawing (none when a buffer lies within one batch);
    /// `batchSize` 1 leaves the shuffled order as it is.
    public func order(rows: Int, random: inout TrainingRandom, batchSize: Int) -> [Int32] {
        let chunks = permutedChunks(rows: rows, random: &random)
        guard batchSize > 1 else {
            var order = [Int32]()
            order.reserveCapacity(rows)
            for first in stride(from: 0, to: chunks.count, by: bufferChunks) {
                var buffer = chunks[first..<min(first + bufferChunks, chunks.count)].flatMap { $0.map(Int32.init) }
                random.shuffle(&buffer)
                order += buffer
            }
            return order
        }
        var ranks = [Int32](), batchOfRank = [Int32]()
        return [Int32](unsafeUninitializedCapacity: rows) { order, initialized in
            var from = 0
            for first in stride(from: 0, to: chunks.count, by: bufferChunks) {
                let members = chunks[first..<min(first + bufferChunks, chunks.count)]
                Self.ascendingBuffer(members, into: order, from: from, batchSize: batchSize, random: &random,
                                     ranks: &ranks, batchOfRank: &batchOfRank)
                from += members.reduce(0) { $0 + $1.count }
            }
            initialized = from
        }
    }
}
