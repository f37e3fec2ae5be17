import Testing
@testable import Descent

/// `descent train`'s `--shuffle`, `--chunk-rows` and `--shuffle-buffer` become a ``RowShuffle``, or
/// a ``SettingsError`` naming the value out of range (the plain initialiser would clamp it silently).
@Suite struct ChunkPlanCheckTests {
    @Test(arguments: [0, -5, Int(Int32.max) + 1])
    func chunkRowsOutOfRangeAreRefused(rows: Int) {
        #expect(throws: SettingsError.chunkRows(rows)) { try ChunkPlan.checked(rowsPerChunk: rows, bufferChunks: 4) }
        #expect(SettingsError.chunkRows(rows).setting == .chunkRows)
        #expect(SettingsError.chunkRows(rows).description == "rows per chunk \(rows) is out of range: expected an integer from 1 to 2147483647")
    }

    @Test func shuffleBufferOutOfRangeIsRefused() {
        #expect(throws: SettingsError.shuffleBuffer(0)) { try ChunkPlan.checked(rowsPerChunk: 10, bufferChunks: 0) }
        #expect(throws: SettingsError.shuffleBuffer(0)) {
            try ChunkPlan.shuffle(chunks: true, rowsPerChunk: nil, bufferChunks: 0)
        }
        #expect(SettingsError.shuffleBuffer(0).number == 0)
    }

    @Test func chunkRowsWithTheRowShuffleIsRefused() {
        #expect(throws: SettingsError.chunkRowsNeedChunkShuffle(100)) { try ChunkPlan.shuffle(chunks: false, rowsPerChunk: 100, bufferChunks: nil) }
        #expect(SettingsError.chunkRowsNeedChunkShuffle(100).setting == .chunkRows)
    }

    @Test func whatTheFlagsAskFor() throws {
        #expect(try ChunkPlan.shuffle(chunks: nil, rowsPerChunk: nil, bufferChunks: nil) == .rows)
        #expect(try ChunkPlan.shuffle(chunks: false, rowsPerChunk: nil, bufferChunks: 3) == .rows)
        #expect(try ChunkPlan.shuffle(chunks: true, rowsPerChunk: nil, bufferChunks: nil) == .chunks(ChunkPlan(rowsPerChunk: 65_536, bufferChunks: 4)))
        // At a batch of at least 4 × 4,096 rows a default buffer is one batch, 4 chunks of a quarter.
        #expect(try ChunkPlan.shuffle(chunks: true, rowsPerChunk: nil, bufferChunks: nil, batchSize: 65_536) == .chunks(ChunkPlan(rowsPerChunk: 16_384, bufferChunks: 4)))
        #expect(try ChunkPlan.shuffle(chunks: true, rowsPerChunk: nil, bufferChunks: 2, batchSize: 65_536) == .chunks(ChunkPlan(rowsPerChunk: 32_768, bufferChunks: 2)))
        #expect(try ChunkPlan.shuffle(chunks: true, rowsPerChunk: nil, bufferChunks: nil, batchSize: 16_384) == .chunks(ChunkPlan(rowsPerChunk: 4_096, bufferChunks: 4)))
        #expect(try ChunkPlan.shuffle(chunks: true, rowsPerChunk: nil, bufferChunks: nil, batchSize: 16_383) == .chunks(ChunkPlan(rowsPerChunk: 65_536, bufferChunks: 4)))
        #expect(try ChunkPlan.shuffle(chunks: true, rowsPerChunk: 100, bufferChunks: nil, batchSize: 65_536) == .chunks(ChunkPlan(rowsPerChunk: 100, bufferChunks: 4)))
        // A chunk size alone implies the chunk shuffle.
        #expect(try ChunkPlan.shuffle(chunks: nil, rowsPerChunk: 10, bufferChunks: 2) == .chunks(ChunkPlan(rowsPerChunk: 10, bufferChunks: 2)))
    }
}
