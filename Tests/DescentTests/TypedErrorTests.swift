import Foundation
import Testing
@testable import Descent

/// Failures to read data and model files carry values a program can switch on (which part of the
/// file, the numbers found and expected), not only words; their words stay those of the messages.
@Suite struct TypedErrorTests {
    let directory: String = {
        let path = NSTemporaryDirectory() + "descent-typed-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// The `DataError` reading `bytes` as the file `name` throws, or nil when it reads.
    func dataError(_ bytes: [UInt8], name: String) throws -> DataError? {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do { _ = try IngestReader.read(path: path); return nil } catch { return error }
    }

    /// The cause of an `unreadable` error, or nil for any other.
    func cause(_ error: DataError?) -> UnreadableCause? {
        guard case let .unreadable(_, cause) = error else { return nil }
        return cause
    }

    @Test func aNPYFileOfAnotherVersionCarriesTheVersion() throws {
        let bytes = [0x93] + Array("NUMPY".utf8) + [9, 0, 0, 0] + Array(repeating: UInt8(32), count: 54)
        let error = try dataError(bytes, name: "a.npy")
        guard case let .npy(.unsupportedVersion(major)) = cause(error) else {
            Issue.record("expected an unsupported .npy version, got \(String(describing: error))")
            return
        }
        #expect(major == 9)
        #expect(error?.description == directory + "/a.npy: cannot read the file: a .npy file, but format version 9 at offset 6, expected 1, 2 or 3")
    }

    @Test func aCorruptCacheCarriesTheFieldItsOffsetsAndSizes() throws {
        let source = directory + "/t.csv"
        try Data("a,b\n1,2\n3,4\n".utf8).write(to: URL(fileURLWithPath: source))
        let bytes = try [UInt8](DescentCache.encode(path: source).bytes)
        #expect(cause(try dataError(Array(bytes.prefix(30)), name: "short.descent")) == .corruptCache(.truncatedHeader(fileBytes: 30, headerBytes: 64)))
        var version = bytes
        version[8] = 9
        #expect(cause(try dataError(version, name: "version.descent")) == .corruptCache(.unsupportedVersion(found: 9, expected: 1)))
        #expect(cause(try dataError(bytes + [0], name: "long.descent")) == .corruptCache(.trailingBytes(count: 1, statisticsEnd: UInt64(bytes.count))))
    }

    @Test func aMissingFileIsAFileProblemForDataAndModels() throws {
        let path = directory + "/missing.csv"
        #expect(throws: DataError.unreadable(path: path, cause: .file(.missing))) { try IngestReader.read(path: path) }
        #expect(throws: ModelFileError.unreadable(path: path, cause: .file(.missing))) { try ModelFile.read(from: path) }
        #expect(DataError.unreadable(path: path, cause: .file(.missing)).description == path + ": cannot read the file: no such file")
        #expect(throws: DataError.unreadable(path: directory, cause: .file(.directory))) { try IngestReader.read(path: directory) }
    }

    @Test func anInvalidModelFileSaysWhichPartWithItsValues() throws {
        func problem(_ text: String) -> ModelFileProblem? {
            do { _ = try ModelFile.decode(Data(text.utf8), path: "m.json"); return nil } catch {
                guard case let .invalid(_, problem) = error else { return nil }
                return problem
            }
        }
        #expect(problem("[1, 2]") == .notAModelFile)
        #expect(problem(#"{"format":"descent-model","version":7}"#) == .unsupportedVersion(7))
        #expect(problem(#"{"format":"descent-model"}"#) == .unsupportedVersion(nil))
        guard case let .malformed(detail) = problem(#"{"format":"descent-model","version":2}"#) else {
            Issue.record("expected a malformed file")
            return
        }
        #expect(!detail.isEmpty)
        let error = ModelFileError.invalid(path: "m.json", problem: .parameterCount(kind: .linear, expected: 4, got: 3))
        #expect(error.description == "m.json: 3 parameters for a linear model of 4")
        #expect(ModelFileError.invalid(path: "m.json", problem: .input(.featureMismatch(columns: 2, model: 3))).description
                == "m.json: input columns: they make 2 features that do not match the model's 3")
    }

    @Test func aMemoryRefusalCarriesTheLimitsSource() {
        let limit = MemoryLimit(bytes: 1 << 20, source: .cgroup)
        do { try limit.check(2 << 20, for: "the rows"); Issue.record("expected a refusal") } catch {
            #expect(error.limit.source == .cgroup && error.bytes == 2 << 20)
            #expect(error.description == "the rows needs about 2 MiB of memory; 1 MiB are available (the cgroup's limit)")
        }
        #expect(MemoryLimit.Source.allCases.contains(MemoryLimit.current.source))
    }

    @Test func aModelWrittenOverADirectoryOrIntoNoneSaysSoAsAValue() throws {
        let statistics = [ColumnStatistics(name: "f", mean: 0, minimum: -1, maximum: 1)]
        let file = ModelFile(model: LinearModel(weights: [0.5], bias: 0),
                             normalization: Normalization(features: statistics, target: ColumnStatistics(name: "y", mean: 0, minimum: -1, maximum: 1)),
                             targetUnit: .plain, training: nil)
        #expect(throws: ModelFileError.unwritable(path: directory, problem: .directory)) { try file.write(to: directory) }
        let nowhere = directory + "/none/m.json"
        do { try file.write(to: nowhere); Issue.record("expected a failure") } catch {
            guard case let .unwritable(_, .cannotCreate(folder, code)) = error else {
                Issue.record("expected a file that cannot be created, got \(error)")
                return
            }
            #expect(folder == directory + "/none" && code == ENOENT)
        }
    }

    @Test func theCoresWordsNameNoFlag() {
        let causes: [UnreadableCause] = [.standardInput(.closed), .standardInput(.terminal), .standardInput(.directory), .standardInput(.device),
                                         .file(.fifo), .file(.missing), .openFailed(errno: EACCES), .vanished, .permissionDenied]
        for cause in causes { #expect(!cause.description.contains("--"), "\(cause)") }
    }

    /// A file that cannot be mapped (address space short, ulimit -v) was "permission denied or I/O
    /// error" whatever the errno: the system's words for it now.
    @Test func aFailedOpenOrMappingSaysWhy() {
        #expect(UnreadableCause.openFailed(errno: ENOMEM).description == "opening or mapping it failed (\(String(cString: strerror(ENOMEM))))")
        #expect(UnreadableCause.openFailed(errno: EACCES).description == "permission denied")
    }
}
