import ArgumentParser
import Descent
import DescentOpenCL

/// `descent train --shuffle rows|chunks`, `--chunk-rows N`, `--shuffle-buffer K` (issue 14): the
/// epoch's order of rows, and the chunks that streaming training hands the device.
struct StreamingOptions: ParsableArguments {
    @Option(help: """
        The epoch's order: rows (the course's exact permutation, all rows resident; the default) or chunks \
        (--chunk-rows chunks in permuted order, rows permuted within --shuffle-buffer chunks, as tf.data does; \
        reads memory in order). Data larger than the device streams in chunks; then chunks is the default.
        """)
    var shuffle: ShuffleMode?
    @Option(help: ArgumentHelp("Rows per chunk of --shuffle chunks (implies it; default: a --shuffle-buffer-th of the batch when that is at least 4096 rows, so that a buffer is one batch where the batch is a multiple of --shuffle-buffer; else 65536; fewer to fit the device when streaming).", valueName: "n"))
    var chunkRows: Int?
    @Option(help: ArgumentHelp("Chunks whose rows --shuffle chunks permutes together (default: 4).", valueName: "k"))
    var shuffleBuffer: Int?
    @Flag(help: """
        Train on a .descent cache or .npy array read a piece at a time from the file, never loading it whole \
        (chosen with a notice when its rows do not fit in memory or on the device). The course's split; --shuffle chunks.
        """)
    var stream = false

    static let defaultShuffleBuffer = 4

    /// The flags given, for messages about what they cannot be combined with.
    var given: [String] {
        [shuffle.map { "--shuffle \($0.rawValue)" }, chunkRows.map { _ in "--chunk-rows" }, shuffleBuffer.map { _ in "--shuffle-buffer" },
         stream ? "--stream" : nil].compactMap { $0 }
    }

    func validate() throws {
        do { _ = try rowShuffle() } catch { throw ValidationError(worded(error)) }
    }

    /// The order asked for at `batchSize` (which sizes the default chunk); `.rows` when none was.
    func rowShuffle(batchSize: Int = 1) throws(SettingsError) -> RowShuffle {
        try ChunkPlan.shuffle(chunks: shuffle.map { $0 == .chunks }, rowsPerChunk: chunkRows, bufferChunks: shuffleBuffer,
                              batchSize: batchSize, defaultBufferChunks: Self.defaultShuffleBuffer)
    }

    /// The chunk plan streaming follows (`--shuffle chunks` at `batchSize`, whatever `--shuffle`
    /// says: streaming always shuffles chunks): the given chunk size, or the default at most `fitting` rows.
    func chunkPlan(batchSize: Int, fitting: Int = .max) throws(SettingsError) -> ChunkPlan {
        let buffer = shuffleBuffer ?? Self.defaultShuffleBuffer
        let preferred = ChunkPlan.defaultRowsPerChunk(batchSize: batchSize, bufferChunks: buffer)
        return try ChunkPlan.checked(rowsPerChunk: chunkRows ?? max(1, min(preferred, fitting)), bufferChunks: buffer)
    }

    /// The chunk shuffle for streaming `features`-wide rows through `device` at `batchSize`: the
    /// given chunk size, or the largest (up to the default) whose two pieces take at most half
    /// the device's memory and whose rows fit one allocation.
    func streamingPlan(features: Int, device: OpenCLDevice, batchSize: Int) throws(SettingsError) -> ChunkPlan {
        let perRow = OpenCLBackend.streamingBytes(features: features, capacity: 1)
        let rows = min(device.globalMemoryBytes / 2 / perRow, device.maxAllocationBytes / UInt64(max(features, 1) * 4), UInt64(Int32.max))
        return try chunkPlan(batchSize: batchSize, fitting: Int(rows) / max(shuffleBuffer ?? Self.defaultShuffleBuffer, 1))
    }
}
