import Foundation
import Testing
@testable import Descent

/// ``DecimalParser`` returns exactly today's ``DelimitedFileReader/parseNumber(_:)`` (which is
/// `Double(String)`): the same bits, and nil for the same fields.
@Suite struct DecimalParserTests {
    func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let expected = DelimitedFileReader.parseNumber(bytes[...])
        let found = bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, 0, $0.count) }
        #expect(found?.bitPattern == expected?.bitPattern, "'\(text)': \(String(describing: found)) vs \(String(describing: expected))", sourceLocation: sourceLocation)
        // Where the fast path answers at all, it is Double(String)'s answer.
        if let fast = bytes.withUnsafeBufferPointer({ $0.baseAddress.flatMap { DecimalParser.fastPath($0, 0, bytes.count) } }) {
            #expect(fast.bitPattern == Double(text)?.bitPattern, "'\(text)'", sourceLocation: sourceLocation)
        }
    }

    @Test func edgeCases() {
        for text in RandomDataFile.spellings + ["-0.0", "+0", "0e0", "0.000000000000000000000000001", "1e-22", "1e-23",
                                                "9007199254740992", "9007199254740991e22", "1234567890123456789", "12345678901234567890",
                                                "0.30000000000000004", "2.2250738585072014e-308", "2.4703282292062327e-324", "-4.9E-324",
                                                "1e+", "1e-", "+", "-", ".", "+.5", "1.5e3.2", "1..2", "٣", "１", "1 ", " 1", "1\t"] {
            expectSame(text)
        }
    }

    @Test func randomValuesInEverySpelling() {
        var random = SplitMix(seed: 99)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            expectSame("\(value)")
            expectSame(String(format: "%.17g", value))
            expectSame(String(format: "%.7g", value))
            let scaled = Double(Int64(bitPattern: random.next()) >> Int(random.next() % 60)) / Double(1 << (random.next() % 40))
            for format in ["%.7g", "%.9g", "%.15g", "%.17g", "%.3e", "%f", "%.12f"] { expectSame(String(format: format, scaled)) }
        }
    }
}
