import Foundation

// The model-file and checkpoint loader under libFuzzer: any bytes in, either a clear
// ModelFileError or a file that predict and resume can use; never a crash or a trap. See README
// ("Fuzzing the loaders") for the commands.
import Descent

/// Decodes `bytes` as `ModelFile.read` does, then uses the file as `predict` and `train --resume` do.
func fuzzModelFile(_ bytes: [UInt8]) {
    guard let file = try? ModelFile.decode(Data(bytes), path: "fuzz") else { return }
    // What reading accepts, writing accepts, and reads back unchanged (encoded as AtomicFile.writeJSON does).
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let written: Data
    do { written = try encoder.encode(file) } catch { preconditionFailure("an accepted model file does not encode: \(error)") }
    do {
        let reread = try ModelFile.decode(written, path: "fuzz")
        precondition(reread == file, "a model file changes when written and read back")
    } catch { preconditionFailure("an accepted model file, written back, is refused: \(error)") }
    // predict: a row at the training means: a value in the target's units, or a class and its probability.
    // A row of the model's own width is never refused.
    let means = file.normalization.features.map(\.mean)
    do {
        if file.task == .regression {
            _ = file.targetUnit.format(try file.predict(rawFeatures: means))
        } else {
            let (best, probabilities) = try file.classify(rawFeatures: means)
            _ = (file.classNames ?? [])[best] + "\(probabilities[best])"
        }
    } catch { preconditionFailure("an accepted model file refuses a row of its own width: \(error)") }
    _ = file.featureNames.joined(separator: ", ")
    // train --resume: the progress to start from, and the steps of an epoch.
    if let checkpoint = file.checkpoint, let training = file.training {
        _ = Trainer.Progress(completedEpochs: checkpoint.completedEpochs, completedSteps: checkpoint.completedSteps ?? 0,
                             parameters: file.parameters)
        _ = training.settings.stepsPerEpoch(rows: max(training.trainRows, 0))
    }
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
            fuzzModelFile(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
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
            for file in files { fuzzModelFile(Array(try Data(contentsOf: URL(fileURLWithPath: file)))) }
            print("replayed \(files.count) input(s) from \(path)")
        }
    }
}
#endif
