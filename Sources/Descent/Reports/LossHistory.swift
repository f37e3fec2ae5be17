/// A training run's losses in bounded memory, for the loss plot: a decimated sample of the batch
/// losses and of the epoch means, each at most ``DecimatedSeries/capacity`` points however long the run.
///
/// A run at batch 1 makes millions of losses a minute; keeping them all grew a long run's memory
/// without bound. The CSV of every batch's loss is streamed to a file instead (``LossCSV``).
public struct LossHistory: Sendable {
    /// Points per series before it is thinned: plenty for a plot a few hundred pixels wide.
    public static let defaultCapacity = 4096

    /// Steps per epoch, to tell epochs apart.
    public let batchesPerEpoch: Int
    /// The run's iteration number of the first loss (non-zero for a resumed run).
    public let firstIteration: Int
    /// Every batch's loss, sampled: (iteration, loss).
    public private(set) var batches: DecimatedSeries
    /// Every completed epoch's mean loss, sampled: (iteration of the epoch's last batch, mean).
    public private(set) var completedEpochMeans: DecimatedSeries
    /// Losses recorded so far.
    public private(set) var count = 0
    /// The largest loss recorded, and the last (kept whatever the sampling dropped).
    public private(set) var highest = -Double.infinity
    /// The latest step and its loss.
    public private(set) var last: (iteration: Int, loss: Double)?
    private var epochSum = 0.0, epochCount = 0

    /// An empty history; `firstIteration` is where a resumed run starts counting.
    public init(batchesPerEpoch: Int, firstIteration: Int = 0, capacity: Int = defaultCapacity) {
        self.batchesPerEpoch = max(batchesPerEpoch, 1)
        self.firstIteration = firstIteration
        batches = DecimatedSeries(capacity: capacity)
        completedEpochMeans = DecimatedSeries(capacity: capacity)
    }

    /// Records the next batch's loss.
    public mutating func append(_ loss: Double) {
        let iteration = firstIteration + count
        count += 1
        highest = max(highest, loss)
        last = (iteration, loss)
        batches.append(x: iteration, y: loss)
        epochSum += loss
        epochCount += 1
        if (iteration + 1) % batchesPerEpoch == 0 {
            completedEpochMeans.append(x: iteration, y: epochSum / Double(epochCount))
            epochSum = 0
            epochCount = 0
        }
    }

    /// Records the next steps' losses.
    public mutating func append(contentsOf losses: some Sequence<Double>) {
        for loss in losses { append(loss) }
    }

    /// The sampled epoch means and, when the run stopped mid-epoch, the partial epoch's mean.
    public var epochMeans: [DecimatedSeries.Point] {
        guard epochCount > 0, let last else { return completedEpochMeans.points }
        return completedEpochMeans.points + [.init(x: last.iteration, y: epochSum / Double(epochCount))]
    }
}

/// A series of points thinned to at most `capacity`: it keeps every `stride`-th point appended and
/// doubles the stride (dropping every other point kept) whenever it fills. Deterministic, so the
/// same run plots the same points.
public struct DecimatedSeries: Sendable {
    /// A kept point: the step and its loss.
    public struct Point: Equatable, Sendable {
        /// The step.
        public var x: Int
        /// The loss.
        public var y: Double
        /// A point.
        public init(x: Int, y: Double) { self.x = x; self.y = y }
    }

    /// The most points kept.
    public let capacity: Int
    /// The kept points, in order.
    public private(set) var points: [Point] = []
    /// One point kept per `stride` appended.
    public private(set) var stride = 1
    private var appended = 0

    /// An empty series keeping at most `capacity` points.
    public init(capacity: Int) {
        self.capacity = max(capacity, 2)
        points.reserveCapacity(self.capacity)
    }

    /// Adds a point, thinning older ones to stay within ``capacity``.
    public mutating func append(x: Int, y: Double) {
        defer { appended += 1 }
        guard appended % stride == 0 else { return }
        if points.count == capacity {
            points = Swift.stride(from: 0, to: points.count, by: 2).map { points[$0] }
            stride *= 2
            guard appended % stride == 0 else { return }
        }
        points.append(Point(x: x, y: y))
    }
}
