import Testing
import Descent

/// The single-process communicator and the rank order every communicator sums in.
@Suite struct CommunicatorTests {
    @Test func singleProcessReturnsItsOwnValuesBitForBit() throws {
        let values = [-0.0, 1.0 / 3.0, .infinity, Double(nan: 7, signaling: false)]
        let single = SingleProcess()
        #expect(single.rank == 0 && single.size == 1)
        #expect(try single.sumInRankOrder(values).map(\.bitPattern) == values.map(\.bitPattern))
        #expect(try single.broadcast(values, from: 0).map(\.bitPattern) == values.map(\.bitPattern))
        #expect(try single.broadcast(bytes: [1, 2, 3], from: 0) == [1, 2, 3])
        try single.barrier()
        try single.agreeOnFailure(nil)
    }

    @Test func singleProcessReportsItsFailureAsRankZeros() {
        #expect(throws: DistributedError.rankFailed(rank: 0, message: "disk full", failedRanks: [0])) {
            try SingleProcess().agreeOnFailure("disk full")
        }
    }

    @Test func aRootOutsideTheJobIsRejected() {
        #expect(throws: DistributedError.invalidRoot(root: 1, size: 1)) { try SingleProcess().broadcast([1], from: 1) }
        #expect(throws: DistributedError.invalidRoot(root: -1, size: 1)) { try SingleProcess().broadcast(bytes: [], from: -1) }
    }

    @Test func theRankOrderIsLeftToRight() {
        // (1 + 1e16) - 1e16 = 0 in doubles, while 1 + (1e16 - 1e16) = 1: the order shows in the result.
        #expect(RankOrderedSum.of([[1, 2], [1e16, 3], [-1e16, 4]]) == [0, 9])
        #expect(RankOrderedSum.of([[1e16, 0], [-1e16, 0], [1, 0]]) == [1, 0])
        #expect(RankOrderedSum.of([]) == [])
    }

    @Test func theGatheredLayoutSumsLikeTheListOfContributions() {
        let contributions: [[Double]] = [[1, 0.1, 5], [1e16, 0.2, -5], [-1e16, 0.3, 1e-300]]
        let gathered = contributions.flatMap { $0 }
        let flat = gathered.withUnsafeBufferPointer { RankOrderedSum.of(gathered: $0, count: 3) }
        #expect(flat.map(\.bitPattern) == RankOrderedSum.of(contributions).map(\.bitPattern))
        #expect(flat[1] == (0.1 + 0.2) + 0.3)
    }

    @Test func aRankFailureNamesTheOthersThatFailedToo() {
        let error = DistributedError.rankFailed(rank: 1, message: "out of memory", failedRanks: [1, 3])
        #expect(error.description == "rank 1 failed: out of memory (rank 3 failed too)")
        #expect(DistributedError.rankFailed(rank: 0, message: "x", failedRanks: [0, 2, 3]).description
            == "rank 0 failed: x (ranks 2, 3 failed too)")
        #expect(DistributedError.rankFailed(rank: 2, message: "x", failedRanks: [2]).description == "rank 2 failed: x")
    }
}
