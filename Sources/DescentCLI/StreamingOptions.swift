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
    @Option(help: ArgumentHelp("Rows per chunk of --shuffle chunks (implies it; default: 65536, or fewer to fit the device when streaming).", valueName: "n"))
    var chunkRows: Int?
    @Option(help: ArgumentHelp("Chunks whose rows --shuffle chunks permutes together (default: 4).", valueName: "k"))
    var shuffleBuffer: Int?
    @Flag(help: """
        Train on a .descent cache or .npy array read a piece at a time from the file, never loading it whole \
        (chosen with a notice when its rows do not fit in memory or on the device). Regression; --shuffle chunks.
        """)
    var stream = false

    /// Chunk rows when none are given and the device does not limit them.
    static let defaultChunkRows = 65_536
    static let defaultShuffleBuffer = 4

    /// The flags given, for messages about what they cannot be combined with.
    var given: [String] {
        [shuffle.map { "--shuffle \($0.rawValue)" }, chunkRows.map { _ in "--chunk-rows" }, shuffleBuffer.map { _ in "--shuffle-buffer" },
         stream ? "--stream" : nil].compactMap { $0 }
    }

    func validate() throws {
        do { _ = try rowShuffle() } catch { throw ValidationError(worded(error)) }
    }

    /// The order asked for; `.rows` when none was.
    func rowShuffle(defaultChunkRows: Int = Self.defaultChunkRows) throws(SettingsError) -> RowShuffle {
        try ChunkPlan.shuffle(chunks: shuffle.map { $0 == .chunks }, rowsPerChunk: chunkRows, bufferChunks: shuffleBuffer,
                              defaultRowsPerChunk: defaultChunkRows, defaultBufferChunks: Self.defaultShuffleBuffer)
    }

    /// The chunk shuffle for streaming `features`-wide rows through `device`: the given chunk
    /// size, or the largest (up to the default) whose two pieces take at most half the device's
    /// memory and whose rows fit one allocation.
    func streamingPlan(features: Int, device: OpenCLDevice) throws(SettingsError) -> ChunkPlan {
        let buffer = shuffleBuffer ?? Self.defaultShuffleBuffer
        let perRow = OpenCLBackend.streamingBytes(features: features, capacity: 1)
        let rows = min(device.globalMemoryBytes / 2 / perRow, device.maxAllocationBytes / UInt64(max(features, 1) * 4), UInt64(Int32.max))
        let fitting = Int(rows) / max(buffer, 1)
        return try ChunkPlan.checked(rowsPerChunk: chunkRows ?? max(1, min(Self.defaultChunkRows, fitting)), bufferChunks: buffer)
    }
}
