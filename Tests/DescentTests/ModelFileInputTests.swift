import Foundation
import Testing
@testable import Descent

/// A model file's `"input"` section (issue 12) is checked on reading: a damaged one is refused
/// with a reason, never used to read out of bounds; and files without one still load.
@Suite struct ModelFileInputTests {
    func model(_ input: TableEncoding?) -> ModelFile {
        var file = ModelFile(spec: .linear(inputs: 2, gradient: .course), parameters: [1, 2, 3],
                             normalization: Normalization(features: [.init(name: "a", mean: 0, minimum: 0, maximum: 1),
                                                                     .init(name: "b", mean: 0, minimum: 0, maximum: 1)],
                                                          target: .init(name: "y", mean: 0, minimum: 0, maximum: 1)),
                             targetUnit: .plain, training: nil)
        file.input = input
        return file
    }

    func decode(_ file: ModelFile) throws -> ModelFile {
        try ModelFile.decode(try JSONEncoder().encode(file), path: "m.json")
    }

    @Test func aGoodInputRoundTripsAndNoneLoads() throws {
        let input = TableEncoding(columns: [.init(name: "a", position: 0, fill: 0.5), .init(name: "b", position: 1)], id: nil, target: "y",
                                  missing: .mean, headerless: HeaderlessLayout(width: 3, target: 2))
        #expect(try decode(model(input)).input == input)
        #expect(try decode(model(nil)).input == nil)
    }

    @Test(arguments: [
        (TableEncoding(columns: [.init(name: "a", position: 0)], id: nil, target: "y", missing: .error, headerless: nil),
         "m.json: input columns: they make 1 features that do not match the model's 2"),
        (TableEncoding(columns: [.init(name: "a", position: 0), .init(name: "b", position: 7)], id: nil, target: "y", missing: .error,
                       headerless: HeaderlessLayout(width: 3, target: 2)),
         "m.json: input columns: position 7 of 'b' in rows of 3 columns, target 2"),
        (TableEncoding(columns: [.init(name: "a", position: -1), .init(name: "b", position: 1)], id: nil, target: "y", missing: .error, headerless: nil),
         "m.json: input columns: position -1 of 'a'"),
        (TableEncoding(columns: [.init(name: "a", position: 0), .init(name: "b", position: 1)], id: nil, target: "y", missing: .error,
                       headerless: HeaderlessLayout(width: 3, target: 5)),
         "m.json: input columns: a headerless layout of 3 columns with the target in column 6"),
    ])
    func aDamagedInputIsRefused(input: TableEncoding, message: String) throws {
        do {
            _ = try decode(model(input))
            Issue.record("accepted")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }
}
