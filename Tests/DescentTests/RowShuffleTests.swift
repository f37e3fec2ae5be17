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
    /// the order the plain construction below makes (the same draws: the generator ends in the
    /// same state), every row once, each batch's part of a buffer ascending; batch size 1 is the
    /// shuffled order. With `shuffleKeepingFirstIsTheWholeShufflesTail`, each part holds the rows
    /// the whole shuffle puts there.
    @Test(arguments: [(10, 3, 7), (10, 3, 30), (4, 5, 64), (3, 2, 2), (7, 1, 5), (8, 4, 32), (8, 2, 64), (5, 3, 4)])
    func chunkBatchesReadAscendingWithinABuffer(rowsPerChunk: Int, bufferChunks: Int, batch: Int) {
        let plan = ChunkPlan(rowsPerChunk: rowsPerChunk, bufferChunks: bufferChunks)
        for rows in [95, 96, 1] {
            var a = TrainingRandom(kind: .standard, seed: 3), b = a, c = a, d = a
            let ascending = plan.order(rows: rows, random: &a, batchSize: batch)
            #expect(ascending == Self.plainBatchOrder(plan, rows: rows, batch: batch, random: &b), "\(rows) rows")
            #expect(a.nextNormal() == b.nextNormal())  // the same draws
            #expect(plan.order(rows: rows, random: &c, batchSize: 1) == plan.order(rows: rows, random: &d))
            #expect(ascending.sorted() == (0..<Int32(rows)).map { $0 })
        }
    }

    /// The batched chunk order made the plain way: the chunks permuted, each buffer's rows (its
    /// chunks' rows in that order) shuffled for all positions past its first batch's, then each
    /// batch's part sorted.
    static func plainBatchOrder(_ plan: ChunkPlan, rows: Int, batch: Int, random: inout TrainingRandom) -> [Int32] {
        let chunks = plan.permutedChunks(rows: rows, random: &random)
        var order = [Int32]()
        for first in stride(from: 0, to: chunks.count, by: plan.bufferChunks) {
            var buffer = chunks[first..<min(first + plan.bufferChunks, chunks.count)].flatMap { $0.map(Int32.init) }
            let from = order.count, firstPart = min(buffer.count, (from / batch + 1) * batch - from)
            random.shuffle(&buffer, keepingFirst: firstPart)
            var start = 0
            while start < buffer.count {
                let end = start == 0 ? firstPart : min(start + batch, buffer.count)
                buffer[start..<end].sort()
                start = end
            }
            order += buffer
        }
        return order
    }

    /// `shuffle(_:keepingFirst:)` takes the whole shuffle's first draws: from `first` on, the same
    /// items in the same places; before it, the same items in some order; no draws when `first`
    /// is the count.
    @Test func shuffleKeepingFirstIsTheWholeShufflesTail() {
        for (count, first) in [(100, 0), (100, 1), (100, 37), (100, 99), (100, 100), (1, 0), (0, 0)] {
            var a = TrainingRandom(kind: .standard, seed: 7), b = a
            var whole = (0..<count).map { $0 }, part = whole
            a.shuffle(&whole)
            b.shuffle(&part, keepingFirst: first)
            #expect(part[first...] == whole[first...], "\(count), \(first)")
            #expect(part[..<first].sorted() == whole[..<first].sorted(), "\(count), \(first)")
            if first >= count || count <= 1 { #expect(part == (0..<count).map { $0 }) }
        }
    }

    /// The whole chunks are permuted and a short last chunk stays last, so that the buffers
    /// before it start at multiples of their rows (where batches of as many rows start).
    @Test func aShortLastChunkStaysLast() {
        let plan = ChunkPlan(rowsPerChunk: 10, bufferChunks: 2)
        var random = TrainingRandom(kind: .standard, seed: 5), orders = Set<[Range<Int>]>()
        for _ in 0..<20 {
            let chunks = plan.permutedChunks(rows: 95, random: &random)
            #expect(chunks.last == 90..<95 && Set(chunks).count == 10)
            orders.insert(chunks)
        }
        #expect(orders.count > 1)
        #expect(Set(plan.permutedChunks(rows: 100, random: &random)).count == 10)
    }

    /// A buffer that is one batch is read in ascending order and takes no draws beyond the chunk
    /// order's: 1M of them an epoch at the default plan for batch 65,536 (issue 14's bandwidth).
    @Test func aBufferWithinOneBatchDrawsNothing() {
        let plan = ChunkPlan(rowsPerChunk: 4, bufferChunks: 4)
        var a = TrainingRandom(kind: .standard, seed: 9), b = a
        let order = plan.order(rows: 64, random: &a, batchSize: 16)
        let chunks = plan.permutedChunks(rows: 64, random: &b)
        #expect(a.nextNormal() == b.nextNormal())
        let expected = stride(from: 0, to: 16, by: 4).flatMap { chunks[$0..<$0 + 4].sorted { $0.lowerBound < $1.lowerBound }.flatMap { $0.map(Int32.init) } }
        #expect(order == expected)
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
