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
    /// size (nil: not given) and a buffer. A chunk size alone implies the chunk shuffle; the exact
    /// row shuffle takes none.
    /// - Throws: ``SettingsError/chunkRowsNeedChunkShuffle(_:)`` for a chunk size with `rows`; the errors of ``checked(rowsPerChunk:bufferChunks:)``.
    public static func shuffle(chunks: Bool?, rowsPerChunk: Int?, bufferChunks: Int?,
                               defaultRowsPerChunk: Int = 65_536, defaultBufferChunks: Int = 4) throws(SettingsError) -> RowShuffle {
        if chunks == false, let rowsPerChunk { throw .chunkRowsNeedChunkShuffle(rowsPerChunk) }
        let plan = try checked(rowsPerChunk: rowsPerChunk ?? defaultRowsPerChunk, bufferChunks: bufferChunks ?? defaultBufferChunks)
        return chunks == true || rowsPerChunk != nil ? .chunks(plan) : .rows
    }
}
