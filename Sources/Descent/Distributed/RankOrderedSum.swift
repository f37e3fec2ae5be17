/// The one definition of the rank order used by `Communicator.sumInRankOrder`: element by element,
/// `((c₀ + c₁) + c₂) + …` for contributions c₀, c₁, … of equal length. An MPI job gathers every
/// rank's vector and calls this on every rank, so every rank gets the same bits, and a single
/// process that computes the same contributions serially gets them too.
public enum RankOrderedSum {
    /// The sum of `contributions` (one per rank, in rank order, all of the same length).
    public static func of(_ contributions: [[Double]]) -> [Double] {
        guard var total = contributions.first else { return [] }
        for contribution in contributions.dropFirst() {
            precondition(contribution.count == total.count, "contributions of different lengths")
            for index in total.indices { total[index] += contribution[index] }
        }
        return total
    }

    /// The sum of the `gathered.count / count` consecutive vectors of length `count` in
    /// `gathered` (rank 0's first), as an MPI gather lays them out.
    public static func of(gathered: UnsafeBufferPointer<Double>, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        precondition(gathered.count % count == 0, "a gathered buffer holds whole vectors")
        var total = Array(gathered[0..<count])
        total.withUnsafeMutableBufferPointer { sum in
            var offset = count
            while offset < gathered.count {
                for index in 0..<count { sum[index] += gathered[offset + index] }
                offset += count
            }
        }
        return total
    }
}
