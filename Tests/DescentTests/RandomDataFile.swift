import Foundation

/// Random small data files for comparing readers: numbers in many spellings, words, separators,
/// line endings, blank lines, headers, ragged rows and the odd binary byte.
enum RandomDataFile {
    static let spellings = ["0", "-0", "+1.5", "1e5", "1E-5", "2.5e+3", "0.1", "1.", ".5", "007", "4.9e-324", "5e-324",
                            "2.2250738585072011e-308", "1.7976931348623157e308", "1.7976931348623159e308", "9007199254740993",
                            "123456789012345678901234567890", "1e22", "1e23", "-1e-22", "inf", "-Infinity", "nan", "NaN",
                            "0x1p3", "1e", "e5", "--1", "", " ", "abc", "1,5", "3;4", "a|b", "12:30", "1_000", "1e400", "-1e-400",
                            "\"q\"", "2010", "x"]

    static func number(using random: inout SplitMix) -> String {
        let value = Double(bitPattern: random.next())
        let plain = Double(Int64(bitPattern: random.next()) % 2_000_000) / Double([1, 10, 1000, 1e7][Int(random.next() % 4)])
        switch random.next() % 8 {
        case 0: return value.isFinite ? "\(value)" : "1"
        case 1: return String(format: "%.7g", plain)
        case 2: return String(format: "%.17g", value.isFinite ? value : 0)
        case 3: return String(format: "%.3e", plain)
        case 4: return String(format: "%f", plain)
        default: return String(format: "%.7g", plain)
        }
    }

    /// Words for a column of labels; now and then a number (a typo, or a column of numbers after all).
    static let labels = ["yes", "no", "\"q x\"", "", "maybe", "a:b", "b;c", "1", "2.5", "inf"]

    /// A small random file; with `labels`, one column (or two) mostly of words (class labels).
    static func make(using random: inout SplitMix, labels withLabels: Bool = false) -> [UInt8] {
        let columns = Int(random.next() % 4) + 1
        let textColumns = withLabels ? Set((0..<Int(random.next() % 2 + 1)).map { _ in Int(random.next() % UInt64(columns)) }) : []
        let comma = random.next() % 2 == 0
        let endings = ["\n", "\r\n", "\r", "\n\n", " \n"]
        let ending = endings[Int(random.next() % UInt64(endings.count))]
        var lines = [String]()
        if random.next() % 3 == 0 { lines.append((1...columns).map { "c\($0)" }.joined(separator: comma ? "," : " ")) }
        for _ in 0..<Int(random.next() % 12) {
            var fields = (0..<columns).map { column in
                !textColumns.contains(column) ? number(using: &random)
                    : labels[Int(random.next() % UInt64(random.next() % 6 == 0 ? labels.count : 5))]
            }
            if random.next() % 10 == 0 { fields[Int(random.next() % UInt64(columns))] = spellings[Int(random.next() % UInt64(spellings.count))] }
            if random.next() % 25 == 0 { fields.append("1") }
            lines.append(fields.joined(separator: comma ? (random.next() % 4 == 0 ? " , " : ",") : (random.next() % 4 == 0 ? " \t " : " ")))
        }
        var bytes = Array(lines.joined(separator: random.next() % 8 == 0 ? "\r\n" : ending).utf8)
        if random.next() % 2 == 0 { bytes += Array(ending.utf8) }
        if random.next() % 12 == 0, !bytes.isEmpty { bytes.insert([0, 0xFF, 0xC3, 0xED][Int(random.next() % 4)], at: Int(random.next() % UInt64(bytes.count))) }
        if random.next() % 12 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        return bytes
    }
}
