extension DescentCache {
    /// The rows of a `.descent` file, checked field by field against the file's size (errors name
    /// the offset and what was expected there), copied from the mapping with no parsing.
    static func decode<Element: BinaryFloatingPoint>(_ bytes: UnsafeBufferPointer<UInt8>, source: String, as: Element.Type,
                                                     memoryBytes: UInt64) throws(DataError) -> ParsedRows<Element> {
        func corrupt(_ what: String) -> DataError { .unreadable(path: source, reason: "a corrupt .descent cache: \(what)") }
        let raw = UnsafeRawBufferPointer(bytes), size = UInt64(bytes.count)
        func load<Integer: FixedWidthInteger>(_ offset: Int, _: Integer.Type) -> Integer {
            Integer(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Integer.self))
        }
        guard bytes.count >= headerBytes else { throw corrupt("truncated: the file is \(size) bytes, shorter than the \(headerBytes)-byte header") }
        let version = load(8, UInt32.self)
        guard version == Self.version else { throw corrupt("version \(version) at offset 8, expected \(Self.version)") }
        let flags = load(12, UInt32.self), rows = load(16, UInt64.self), columns = load(24, UInt64.self)
        let namesOffset = load(32, UInt64.self), namesBytes = load(40, UInt64.self), statisticsOffset = load(48, UInt64.self)
        guard columns >= 1 else { throw corrupt("0 columns at offset 24, expected at least 1") }
        let valueBytes = rows.multipliedReportingOverflow(by: columns).partialValue.multipliedReportingOverflow(by: 4)
        guard rows < UInt64(Int.max) / columns, !valueBytes.overflow, valueBytes.partialValue < UInt64(Int.max) - 64 else {
            throw corrupt("\(rows) rows (offset 16) × \(columns) columns (offset 24) are more values than 64 bits can count")
        }
        let valuesEnd = UInt64(headerBytes) + valueBytes.partialValue
        guard namesOffset == valuesEnd else { throw corrupt("the names' offset at offset 32 is \(namesOffset), expected \(valuesEnd) (64 + rows × columns × 4)") }
        guard valuesEnd <= size else { throw corrupt("truncated: the values end at offset \(valuesEnd), the file at \(size)") }
        guard namesBytes <= size - namesOffset, statisticsOffset == namesOffset + namesBytes else {
            throw corrupt("the statistics' offset at offset 48 is \(statisticsOffset), expected \(namesOffset &+ namesBytes) (names' offset + their bytes, offset 40), within the file's \(size) bytes")
        }
        let end = statisticsOffset.addingReportingOverflow(columns.multipliedReportingOverflow(by: 24).partialValue).partialValue
        guard end == size else {
            throw corrupt(size < end ? "truncated: the statistics end at offset \(end), the file at \(size)" : "\(size - end) bytes after the statistics' end at offset \(end)")
        }
        guard let needed = DelimitedFileReader.loadBytes(fileBytes: 0, lines: Int(rows), fields: Int(columns)), needed <= memoryBytes else {
            throw .tooLargeToLoad(source: source, lines: Int(rows), fields: Int(columns),
                                  neededBytes: DelimitedFileReader.loadBytes(fileBytes: 0, lines: Int(rows), fields: Int(columns)), memoryBytes: memoryBytes)
        }
        var names = [String](), offset = Int(namesOffset)
        for column in 0..<Int(columns) {
            guard offset + 4 <= Int(statisticsOffset) else { throw corrupt("column name \(column + 1)'s length at offset \(offset) lies past the names' end at offset \(statisticsOffset)") }
            let length = Int(load(offset, UInt32.self))
            guard length <= Int(statisticsOffset) - offset - 4 else {
                throw corrupt("column name \(column + 1) at offset \(offset) is \(length) bytes, past the names' end at offset \(statisticsOffset)")
            }
            guard let name = String(validating: UnsafeBufferPointer(rebasing: bytes[(offset + 4)..<(offset + 4 + length)]), as: UTF8.self) else {
                throw corrupt("column name \(column + 1) at offset \(offset + 4) is not valid UTF-8")
            }
            names.append(name)
            offset += 4 + length
        }
        guard offset == Int(statisticsOffset) else { throw corrupt("the names end at offset \(offset), expected \(statisticsOffset)") }
        let count = Int(rows * columns)
        var bad: Int?
        let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let value = Float(bitPattern: load(headerBytes + 4 * index, UInt32.self))
                if !value.isFinite, bad == nil { bad = index }
                buffer[index] = Element(value)
            }
            initialized = count
        }
        if let bad {
            throw corrupt("the value at row \(bad / Int(columns) + 1), column \(bad % Int(columns) + 1) (offset \(headerBytes + 4 * bad)) is not finite")
        }
        return ParsedRows(columnNames: names, hasHeader: flags & 1 != 0, rows: Int(rows), columns: Int(columns), values: values)
    }
}
