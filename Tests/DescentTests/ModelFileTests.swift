import Foundation
import Testing
@testable import Descent

@Suite struct ModelFileTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "descent-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func sample() -> ModelFile {
        let statistics = (0..<3).map { ColumnStatistics(name: "f\($0)", mean: Double($0), minimum: -1, maximum: 2) }
        return ModelFile(model: LinearModel(weights: [0.1, -0.2, 1e-17], bias: 0.3),
                         normalization: Normalization(features: statistics, target: ColumnStatistics(name: "y", mean: 5, minimum: 1, maximum: 9)),
                         targetUnit: .plain, training: nil)
    }

    @Test func roundTripIsExact() throws {
        let path = directory + "/m.json"
        try sample().write(to: path)
        #expect(try ModelFile.read(from: path) == sample())
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(leftovers == ["m.json"])  // no temporary file left behind
    }

    @Test func rejectsOtherVersionsShapesAndNonFiniteValues() throws {
        let path = directory + "/m.json"
        var file = sample()
        file.version = 99
        try file.write(to: path)
        #expect(throws: ModelFileError.self) { try ModelFile.read(from: path) }

        file = sample()
        file.parameters.removeLast()
        try JSONEncoder().encode(file).write(to: URL(fileURLWithPath: path))  // as another program might
        #expect(throws: ModelFileError.invalid(path: path, problem: .parameterCount(kind: .linear, expected: 4, got: 3))) { try ModelFile.read(from: path) }

        try Data(#"{"format":"descent-model","version":1,"model":{"kind":"linear","weights":[1e999],"bias":0}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.self) { try ModelFile.read(from: path) }

        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.self) { try ModelFile.read(from: path) }
        #expect(throws: ModelFileError.self) { try ModelFile.read(from: directory + "/missing.json") }
    }

    /// What reading would refuse is never written: the old file stays.
    @Test func writingRefusesWhatReadingWouldRefuse() throws {
        let path = directory + "/m.json"
        try sample().write(to: path)
        var file = sample()
        file.parameters[3] = .nan
        #expect(throws: ModelFileError.invalid(path: path, problem: .nonFinite)) { try file.write(to: path) }
        file = sample()
        file.parameters.removeLast()
        #expect(throws: ModelFileError.invalid(path: path, problem: .parameterCount(kind: .linear, expected: 4, got: 3))) { try file.write(to: path) }
        #expect(try ModelFile.read(from: path) == sample())
    }

    @Test func predictionDenormalisesTheTarget() throws {
        // z = 0.1·(1-0)/3 + (-0.2)·(1-1)/3 + 1e-17·(1-2)/3 + 0.3, then z·8 + 5
        let expected = (0.1 / 3 + 0.3 - 1e-17 / 3) * 8 + 5
        #expect(abs(try sample().predict(rawFeatures: [1, 1, 1]) - expected) < 1e-12)
    }
}
