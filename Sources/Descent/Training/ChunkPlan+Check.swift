/// Checked construction of a chunk plan from what a user typed (`descent train --chunk-rows`, `--shuffle-buffer`).
extension ChunkPlan {
    /// The plan of `rowsPerChunk` rows per chunk and `bufferChunks` chunks per shuffle buffer, or
    /// the typed error naming the value out of range (the plain initialiser clamps instead).
    /// - Throws: ``SettingsError/chunkRows(_:)``, ``SettingsError/shuffleBuffer(_:)`` for values outside 1…2³¹−1.
    public static func checked(rowsPerChunk: Int, bufferChunks: Int) throws(SettingsError) -> ChunkPlan {
        guard rowsPerChunk >= 1, rowsPerChunk <= Int(Int32.max) else { throw .chunkRows(rowsPerChunk) }
        guard bufferChunks >= 1, bufferChunks <= Int(Int32.max) else { throw .shuffleBuffer(bufferChunks) }
        return ChunkPlan(rowsPerChunk: rowsPerChunk, bufferChunks: bufferChunks)
    }

    /// The shuffle `descent train` asks for: `shuffle` as given (nil: not given), with a chunk
    /// size (nil: ``defaultRowsPerChunk(batchSize:bufferChunks:)``) and a buffer. A chunk size
    /// alone implies the chunk shuffle; the exact row shuffle takes none.
    /// - Throws: ``SettingsError/chunkRowsNeedChunkShuffle(_:)`` for a chunk size with `rows`; the errors of ``checked(rowsPerChunk:bufferChunks:)``.
    public static func shuffle(chunks: Bool?, rowsPerChunk: Int?, bufferChunks: Int?, batchSize: Int = 1,
                               defaultBufferChunks: Int = 4) throws(SettingsError) -> RowShuffle {
        if chunks == false, let rowsPerChunk { throw .chunkRowsNeedChunkShuffle(rowsPerChunk) }
        let buffer = bufferChunks ?? defaultBufferChunks
        let plan = try checked(rowsPerChunk: rowsPerChunk ?? defaultRowsPerChunk(batchSize: batchSize, bufferChunks: buffer), bufferChunks: buffer)
        return chunks == true || rowsPerChunk != nil ? .chunks(plan) : .rows
    }

    /// The chunk size when none is given: a `bufferChunks`-th of the batch when that is at least
    /// ``smallestBatchShare`` rows, so that a shuffle buffer is one batch (where `bufferChunks`
    /// divides the batch; else a buffer is a little short of it and most straddle two batches) and
    /// each step reads its chunks front to back, still from `bufferChunks` places in the file; otherwise
    /// ``defaultRowsPerChunk``, a window a small batch samples at random. A batch that takes a
    /// large part of a larger buffer reads it every few rows, in order: the hardware prefetchers
    /// fetch the rows between, and that order ran no faster than the exact shuffle at batch
    /// 65,536 (BENCHMARKS.md, issue 14's chunk shuffle).
    public static func defaultRowsPerChunk(batchSize: Int, bufferChunks: Int) -> Int {
        let share = batchSize / max(bufferChunks, 1)
        return share >= smallestBatchShare ? share : defaultRowsPerChunk
    }

    /// Chunk rows for batches too small to be cut into whole chunks.
    public static let defaultRowsPerChunk = 65_536
    /// The smallest chunk a batch is cut into by default: 1 MiB of 64 float32 features, long
    /// enough to be read at the memory's streaming rate.
    public static let smallestBatchShare = 4_096
}
