/// How a batch's gradient and loss sums are cut and added back, the one definition shared by
/// ``DistributedTrainer`` (where the chunks are spread over ranks) and ``CPUBackend``'s fused
/// linear step (where one process sums every chunk itself).
///
/// A batch of n rows is cut into ``chunks`` contiguous chunks of ⌊n/chunks⌋ or ⌈n/chunks⌉ rows
/// (chunk c holds positions `c·n/chunks ..< (c+1)·n/chunks`); each chunk's rows are summed in row
/// order from zero, and the chunk sums are added in chunk order (an empty chunk adds nothing).
/// Floating-point addition is not associative, so this order *is* the arithmetic: any process that
/// follows it, on one rank or on many, gets the same bits. The chunk count does not depend on the
/// rank count, so neither do the sums.
public struct ReductionPlan: Equatable, Sendable {
    /// The plan every trainer and the CPU backend use unless told otherwise.
    public static let standard = ReductionPlan(chunks: 12)

    /// Chunks per batch. 12 splits evenly over 1, 2, 3, 4 and 6 ranks.
    public var chunks: Int

    public init(chunks: Int) {
        precondition(chunks > 0, "a reduction plan needs at least one chunk")
        self.chunks = chunks
    }

    /// Positions of chunk `chunk` in the batch at `positions`: contiguous, sizes differing by at most one.
    public func range(_ chunk: Int, in positions: Range<Int>) -> Range<Int> {
        let n = positions.count
        return positions.lowerBound + chunk * n / chunks..<positions.lowerBound + (chunk + 1) * n / chunks
    }

    /// The rank that sums chunk `chunk` in a job of `ranks` ranks: whole chunks, an even split when
    /// `ranks` divides ``chunks``; ranks beyond ``chunks`` own none.
    public func owner(of chunk: Int, ranks: Int) -> Int {
        chunk * ranks / chunks
    }
}
