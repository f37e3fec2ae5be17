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

    /// With a batch size, each batch reads its rows in ascending order within a shuffle buffer:
    /// the same draws (the generator ends in the same state), the same set of rows at each batch's
    /// positions in each buffer as the shuffled order, only ascending; batch size 1 changes nothing.
    @Test(arguments: [(10, 3, 7), (10, 3, 30), (4, 5, 64), (3, 2, 2), (7, 1, 5)])
    func chunkBatchesReadAscendingWithinABuffer(rowsPerChunk: Int, bufferChunks: Int, batch: Int) {
        let plan = ChunkPlan(rowsPerChunk: rowsPerChunk, bufferChunks: bufferChunks), rows = 95
        var a = TrainingRandom(kind: .standard, seed: 3), b = a, c = a
        let shuffled = plan.order(rows: rows, random: &a)
        let ascending = plan.order(rows: rows, random: &b, batchSize: batch)
        #expect(plan.order(rows: rows, random: &c, batchSize: 1) == shuffled)
        #expect(a.nextNormal() == b.nextNormal())  // the same draws
        // The buffers' first positions: the chunk order's first draw, as the plan makes it (the
        // short last chunk may sit in any buffer).
        var d = TrainingRandom(kind: .standard, seed: 3)
        var chunks = plan.chunks(rows: rows)
        d.shuffle(&chunks)
        let bufferStarts = stride(from: 0, to: chunks.count, by: bufferChunks).map { chunks[..<$0].reduce(0) { $0 + $1.count } }
        var ascendedSomewhere = false
        // The positions of one batch within one buffer: cut at every batch and buffer boundary.
        let cuts = Set(Array(stride(from: 0, to: rows, by: batch)) + bufferStarts + [rows]).sorted()
        for (start, end) in zip(cuts, cuts.dropFirst()) {
            let part = Array(ascending[start..<end]), before = Array(shuffled[start..<end])
            #expect(part == part.sorted(), "positions \(start)..<\(end)")
            #expect(part == before.sorted(), "positions \(start)..<\(end): the same rows")
            ascendedSomewhere = ascendedSomewhere || part != before
        }
        #expect(ascendedSomewhere || batch == 1)
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
