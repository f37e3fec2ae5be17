import ArgumentParser

/// `--shuffle`: the epoch's order of rows (``RowShuffle`` in the core library).
enum ShuffleMode: String, CaseIterable, ExpressibleByArgument {
    /// The exact permutation of all rows, as the course shuffles.
    case rows
    /// Chunks in permuted order, rows permuted within a shuffle buffer of chunks.
    case chunks
}
