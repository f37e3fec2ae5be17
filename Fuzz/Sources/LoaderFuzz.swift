import Foundation

// The data loader under libFuzzer: any bytes in, either a clear DataError or finite, normalised
// data out; never a crash, a trap or a NaN. See README ("Fuzzing the loaders") for the commands.
import Descent

/// Parses `bytes` as a data file and prepares it as training does; the parallel reader that
/// `--data` uses (``IngestReader``), cut into chunks of several sizes, must give the same table or
/// the same error.
func fuzzLoader(_ bytes: [UInt8]) {
    let reference = Result { () throws(DataError) in try DelimitedFileReader.parse(bytes, source: "fuzz") }
    for chunkBytes in [1, 3 + bytes.count / 3, 1 << 22] {
        let parallel = Result { () throws(DataError) in try IngestReader.parse(bytes, source: "fuzz", chunkBytes: chunkBytes) }
        switch (reference, parallel) {
        case let (.success(old), .success(new)):
            precondition(old.columnNames == new.columnNames && old.hasHeader == new.hasHeader && old.values.rows == new.values.rows
                         && old.values.values.map(\.bitPattern) == new.values.values.map(\.bitPattern), "the parallel reader's table differs")
        case let (.failure(old), .failure(new)):
            precondition(old == new, "the parallel reader says \(new), today's reader \(old)")
        default:
            preconditionFailure("the parallel reader gives \(parallel), today's reader \(reference)")
        }
    }
    guard let table = try? reference.get(),
          let data = try? table.regressionData(),
          let prepared = try? PreparedData(data, trainFraction: 0.8) else { return }
    for value in prepared.train.features.values + prepared.train.targets + prepared.test.features.values + prepared.test.targets {
        precondition(value.isFinite, "normalisation produced \(value)")
    }
    precondition(LeastSquares.solve(prepared.train).isFinite, "least squares produced a non-finite model")
}

#if FUZZING
/// libFuzzer's driver, run from our own entry point (SwiftPM names the executable's `main`).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@main struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzLoader(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
    }
}
#else
/// Without libFuzzer: replays the files given as arguments (a corpus, or a crash to reproduce).
@main struct ReplayCorpus {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let url = URL(fileURLWithPath: path)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path))?.map { url.appendingPathComponent($0).path } ?? [path]
            for file in files { fuzzLoader(Array(try Data(contentsOf: URL(fileURLWithPath: file)))) }
            print("replayed \(files.count) input(s) from \(path)")
        }
    }
}
#endif
