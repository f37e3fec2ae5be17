/// One measured configuration: a backend at a batch size. The JSON keys are the benchmark's
/// published format (`Bench/numpy_baseline.py` writes the same ones).
struct BenchRecord: Codable {
    var backend: String
    var device: String
    var batchSize: Int
    /// Median wall-clock seconds per epoch, the host's shuffle included.
    var epochSeconds: Double
    /// Median device seconds per epoch from OpenCL profiling events (OpenCL only).
    var deviceSeconds: Double?
    var samplesPerSecond: Double
    var stepsPerSecond: Double?
    /// The bytes an epoch must read (every row once, and the permutation) over the epoch's time.
    var gigabytesPerSecond: Double
    /// `gigabytesPerSecond` over the read bandwidth measured on the same device in the same run.
    var bandwidthFraction: Double?
    var finalLoss: Double?
    /// The epoch's order: `rows` (the exact permutation) or `chunks` (``RowShuffle``).
    var shuffle: String?
    /// The mean distance, in rows, between consecutive rows the last timed epoch read: about a
    /// third of the rows for `rows`; for `chunks` with one chunk to a buffer, about a third of a
    /// chunk (more with more chunks to a buffer: their rows interleave, and chunks lie apart).
    var meanReadStride: Double?
    /// The process's peak resident memory (`ru_maxrss`) once this record was measured.
    var peakResidentBytes: Int?
}
