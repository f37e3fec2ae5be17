import Foundation
import Testing
@testable import Descent

/// Model file version 2 (spec, layout, flat parameters, class names), and version 1 still read.
@Suite struct ModelFileVersionTests {
    let path = NSTemporaryDirectory() + "descent-v2-\(UUID().uuidString).json"

    func normalization(_ features: Int) -> Normalization {
        Normalization(features: (0..<features).map { ColumnStatistics(name: "f\($0)", mean: 0, minimum: 0, maximum: 1) },
                      target: ColumnStatistics(name: "y", mean: 0, minimum: 0, maximum: 1))
    }

    @Test func aVersion1FileReadsAsTheLinearModel() throws {
        defer { unlink(path) }
        let v1 = #"{"format":"descent-model","version":1,"model":{"kind":"linear","weights":[0.5,-1],"bias":0.25},"normalization":{"features":[{"name":"a","mean":0,"minimum":0,"maximum":1},{"name":"b","mean":0,"minimum":0,"maximum":1}],"target":{"name":"y","mean":10,"minimum":0,"maximum":2}},"targetUnit":{"multiplier":1,"prefix":""}}"#
        try Data(v1.utf8).write(to: URL(fileURLWithPath: path))
        let file = try ModelFile.read(from: path)
        #expect(file.version == 2 && file.spec == .linear(inputs: 2) && file.parameters == [0.5, -1, 0.25])
        #expect(try file.predict(rawFeatures: [1, 1]) == (0.5 - 1 + 0.25) * 2 + 10)
        try file.write(to: path)  // written back as version 2
        #expect(try ModelFile.read(from: path) == file)
    }

    @Test func aClassifierRoundTripsWithItsClassNames() throws {
        defer { unlink(path) }
        let spec = ModelSpec(kind: .mlp, inputs: 2, hidden: [3], activation: .tanh, head: .softmaxCrossEntropy(classes: 3))
        var random = TrainingRandom(kind: .standard, seed: 4)
        let file = ModelFile(spec: spec, parameters: spec.initialParameters(random: &random), normalization: normalization(2),
                             classNames: ["a", "b", "c"], targetUnit: .plain, training: nil)
        try file.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""loss" : "softmaxCrossEntropy""#) && text.contains(#""classes" : 3"#) && text.contains(#""classNames""#))
        let read = try ModelFile.read(from: path)
        #expect(read == file)
        for head in [Head.mse(.exact), .huber(delta: 0.5), .binaryCrossEntropy, .softmaxCrossEntropy(classes: 4)] {
            #expect(try JSONDecoder().decode(Head.self, from: JSONEncoder().encode(head)) == head)
        }
        let (best, probabilities) = try read.classify(rawFeatures: [0.3, -0.2])
        #expect(probabilities.count == 3 && abs(probabilities.reduce(0, +) - 1) < 1e-12 && probabilities[best] == probabilities.max())
    }

    @Test func shapesThatDoNotFitAreRefused() throws {
        var file = ModelFile(spec: ModelSpec(kind: .logistic, inputs: 2, head: .binaryCrossEntropy), parameters: [1, 2, 3],
                             normalization: normalization(2), classNames: ["no", "yes"], targetUnit: .plain, training: nil)
        try file.write(to: path)
        defer { unlink(path) }
        file.classNames = ["only"]
        #expect(throws: ModelFileError.invalid(path: path, problem: .binaryClassNames(count: 1))) { try file.write(to: path) }
        file.classNames = ["no", "yes"]
        file.spec.hidden = [1 << 40]  // a width that would overflow the layout: refused before it is multiplied
        #expect(throws: ModelFileError.self) { try file.write(to: path) }
        file.spec.hidden = []
        file.spec.kind = .softmax
        #expect(throws: ModelFileError.invalid(path: path, problem: .headMismatch(kind: .softmax))) { try file.write(to: path) }
    }
}
