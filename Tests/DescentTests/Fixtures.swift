import Foundation
@testable import Descent

/// The numbers the course's numpy script produced (`Fixtures/course_numpy.py`, seed 0).
struct CourseFixture: Decodable {
    var trainRows: Int
    var testRows: Int
    var maximums: [Double]
    var minimums: [Double]
    var averages: [Double]
    var firstTestRowNormalised: [Double]
    var initialWeights: [Double]
    var finalWeights: [Double]
    var finalBias: Double
    var losses: [Double]
    var testMSE: Double
    var optimumWeights: [Double]
    var optimumBias: Double
    var optimumTestMSE: Double
    var exampleRowFromEnd: Int
    var examplePredictionDollars: Double
    var exampleLabelDollars: Double

    static func load() throws -> CourseFixture {
        try JSONDecoder().decode(CourseFixture.self, from: Data(contentsOf: url("course_seed0.json")))
    }

    static func logLines() throws -> [String] {
        try String(contentsOf: url("course_seed0.log"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }
}

/// `|a - b| <= tolerance * max(1, |b|)` for every element.
func close(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}
