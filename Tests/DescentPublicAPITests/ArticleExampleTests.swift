import Foundation
import Testing

/// The DocC article's example ("Using Descent from Swift") compiles (``ArticleExample.swift``),
/// runs, stops early from its callback, and is the code the article shows.
@Suite struct ArticleExampleTests {
    @Test func articleExampleRunsAndStopsEarly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try articleExample(csvPath: try directory.housingCSV(), modelPath: directory.path + "/housing.model.json")
        #expect(result.backend.steps > 0 && result.backend.steps < 500 * 5, "stopped early after \(result.backend.steps) steps")
        #expect(abs(result.predicted - result.actual) < 10, "predicted \(result.predicted), actual \(result.actual) ($1000s)")
    }

    /// Each ```swift block of the article equals the region of ``ArticleExample.swift`` marked with its number.
    @Test func articleShowsTheCompiledCode() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let root = tests.deletingLastPathComponent().deletingLastPathComponent()
        let article = try String(contentsOf: root.appendingPathComponent("Sources/Descent/Descent.docc/UsingDescentFromSwift.md"), encoding: .utf8)
        let source = try String(contentsOf: tests.appendingPathComponent("ArticleExample.swift"), encoding: .utf8)
        let blocks = Self.codeBlocks(article)
        #expect(blocks.count == 2)
        for (index, block) in blocks.enumerated() {
            let region = Self.region(source, number: index + 1)
            #expect(region != nil && block == region!, "article block \(index + 1) differs from ArticleExample.swift")
        }
    }

    /// The bodies of the ```swift blocks, in order.
    static func codeBlocks(_ text: String) -> [[String]] {
        var blocks = [[String]](), current: [String]?
        for line in text.components(separatedBy: "\n") {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" { current = [] }
            else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" { blocks.append(current!); current = nil }
            else if current != nil { current!.append(line) }
        }
        return blocks
    }

    /// The lines between `// --- article block N begins` and `ends`, their common indentation removed.
    static func region(_ text: String, number: Int) -> [String]? {
        let lines = text.components(separatedBy: "\n")
        guard let begin = lines.firstIndex(where: { $0.hasSuffix("// --- article block \(number) begins") }),
              let end = lines.firstIndex(where: { $0.hasSuffix("// --- article block \(number) ends") }), begin < end else { return nil }
        let body = lines[(begin + 1)..<end]
        let indent = body.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return body.map { $0.isEmpty ? $0 : String($0.dropFirst(indent)) }
    }
}
