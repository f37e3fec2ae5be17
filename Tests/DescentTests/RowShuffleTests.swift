import Testing
@testable import Descent

/// The two epoch orders: the course's exact permutation, and the chunk shuffle of data read in order.
@Suite struct RowShuffleTests {
    @Test func rowsIsTheCoursesInPlaceShuffle() {
        var a = TrainingRandom(kind: .numpy, seed: 0), b = a
        var order = (0..<Int32(100)).map { $0 }, expected = order
        RowShuffle.rows.apply(&order, random: &a)
        b.shuffle(&expected)
        #expect(order == expected)
    }

    /// Every row once; each chunk's rows lie within one shuffle buffer (30 positions) yet mix
    /// with other chunks' rows; the order changes from epoch to epoch.
    @Test func chunksPermuteChunksAndRowsWithinABuffer() {
        let plan = ChunkPlan(rowsPerChunk: 10, bufferChunks: 3)
        var random = TrainingRandom(kind: .standard, seed: 1)
        var order = (0..<Int32(95)).map { $0 }
        RowShuffle.chunks(plan).apply(&order, random: &random)
        #expect(order.sorted() == (0..<Int32(95)).map { $0 } && order != order.sorted())
        let positions = Dictionary(grouping: order.indices) { order[$0] / 10 }
        let spans = positions.values.map { $0.max()! - $0.min()! }
        #expect(spans.allSatisfy { $0 < 30 } && spans.contains { $0 >= 10 }, "\(spans)")
        var next = order
        RowShuffle.chunks(plan).apply(&next, random: &random)
        #expect(next != order && next.sorted() == order.sorted())
    }

    @Test func chunksCoverTheRowsInFileOrder() {
        #expect(ChunkPlan(rowsPerChunk: 4, bufferChunks: 2).chunks(rows: 10) == [0..<4, 4..<8, 8..<10])
        #expect(ChunkPlan(rowsPerChunk: 0, bufferChunks: 0) == ChunkPlan(rowsPerChunk: 1, bufferChunks: 1))
        // Sizes from the command line, however large, neither overflow nor trap.
        var random = TrainingRandom(kind: .standard, seed: 0)
        let huge = ChunkPlan(rowsPerChunk: .max, bufferChunks: .max)
        #expect(huge.order(rows: 10, random: &random).sorted() == (0..<Int32(10)).map { $0 })
        #expect(Trainer.pieceRows(batchSize: Int(Int32.max), plan: huge) == Int(Int32.max) * Int(Int32.max))
    }
}
