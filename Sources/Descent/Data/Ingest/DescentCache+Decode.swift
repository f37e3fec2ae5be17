extension DescentCache {
    /// The rows of a `.descent` file, checked field by field against the file's size (errors name
    /// the offset and what was expected there), copied from the mapping with no parsing.
    /// Where a `.descent` file's values lie, checked field by field against the file's size (errors
    /// name the offset and what was expected there); the values themselves are not read.
    static func layout(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(DataError) -> BinaryLayout {
        func corrupt(_ problem: CacheProblem) -> DataError { .unreadable(path: source, cause: .corruptCache(problem)) }
        let raw = UnsafeRawBufferPointer(bytes), size = UInt64(bytes.count)
        func load<Integer: FixedWidthInteger>(_ offset: Int, _: Integer.Type) -> Integer {
            Integer(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Integer.self))
        }
        guard bytes.count >= headerBytes else { throw corrupt(.truncatedHeader(fileBytes: size, headerBytes: headerBytes)) }
        let version = load(8, UInt32.self)
        guard version == Self.version else { throw corrupt(.unsupportedVersion(found: version, expected: Self.version)) }
        let flags = load(12, UInt32.self), rows = load(16, UInt64.self), columns = load(24, UInt64.self)
        let namesOffset = load(32, UInt64.self), namesBytes = load(40, UInt64.self), statisticsOffset = load(48, UInt64.self)
        guard columns >= 1 else { throw corrupt(.noColumns) }
        let valueBytes = rows.multipliedReportingOverflow(by: columns).partialValue.multipliedReportingOverflow(by: 4)
        guard rows < UInt64(Int.max) / columns, !valueBytes.overflow, valueBytes.partialValue < UInt64(Int.max) - 64 else {
            throw corrupt(.countOverflow(rows: rows, columns: columns))
        }
        let valuesEnd = UInt64(headerBytes) + valueBytes.partialValue
        guard namesOffset == valuesEnd else { throw corrupt(.namesOffset(found: namesOffset, expected: valuesEnd)) }
        guard valuesEnd <= size else { throw corrupt(.truncatedValues(valuesEnd: valuesEnd, fileBytes: size)) }
        guard namesBytes <= size - namesOffset, statisticsOffset == namesOffset + namesBytes else {
            throw corrupt(.statisticsOffset(found: statisticsOffset, expected: namesOffset &+ namesBytes, fileBytes: size))
        }
        let end = statisticsOffset.addingReportingOverflow(columns.multipliedReportingOverflow(by: 24).partialValue).partialValue
        guard end == size else {
            throw corrupt(size < end ? .truncatedStatistics(statisticsEnd: end, fileBytes: size) : .trailingBytes(count: size - end, statisticsEnd: end))
        }
        var names = [String](), offset = Int(namesOffset)
        for column in 0..<Int(columns) {
            guard offset + 4 <= Int(statisticsOffset) else { throw corrupt(.nameLengthPastEnd(column: column + 1, offset: offset, namesEnd: statisticsOffset)) }
            let length = Int(load(offset, UInt32.self))
            guard length <= Int(statisticsOffset) - offset - 4 else {
                throw corrupt(.namePastEnd(column: column + 1, offset: offset, length: length, namesEnd: statisticsOffset))
            }
            guard let name = String(validating: UnsafeBufferPointer(rebasing: bytes[(offset + 4)..<(offset + 4 + length)]), as: UTF8.self) else {
                throw corrupt(.nameNotUTF8(column: column + 1, offset: offset + 4))
            }
            names.append(name)
            offset += 4 + length
        }
        guard offset == Int(statisticsOffset) else { throw corrupt(.namesEnd(found: offset, expected: statisticsOffset)) }
        return BinaryLayout(columnNames: names, hasHeader: flags & 1 != 0, rows: Int(rows), columns: Int(columns),
                            dataOffset: headerBytes, itemBytes: 4, kind: .cache)
    }

    /// The rows of a `.descent` file (``layout(_:source:)``), copied from the mapping with no parsing.
    static func decode<Element: BinaryFloatingPoint>(_ bytes: UnsafeBufferPointer<UInt8>, source: String, as: Element.Type,
                                                     memoryBytes: UInt64) throws(DataError) -> ParsedRows<Element> {
        func corrupt(_ problem: CacheProblem) -> DataError { .unreadable(path: source, cause: .corruptCache(problem)) }
        let layout = try layout(bytes, source: source)
        let rows = layout.rows, columns = layout.columns
        guard let needed = DelimitedFileReader.loadBytes(fileBytes: 0, lines: rows, fields: columns, precision: Element.self == Float.self ? .float32 : .float64), needed <= memoryBytes else {
            throw .tooLargeToLoad(source: source, lines: rows, fields: columns,
                                  neededBytes: DelimitedFileReader.loadBytes(fileBytes: 0, lines: rows, fields: columns, precision: Element.self == Float.self ? .float32 : .float64), memoryBytes: memoryBytes)
        }
        let raw = UnsafeRawBufferPointer(bytes)
        func load<Integer: FixedWidthInteger>(_ offset: Int, _: Integer.Type) -> Integer {
            Integer(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Integer.self))
        }
        let count = rows * columns
        var bad: Int?
        let (values, offset) = LargeRows.make(count: count) { (buffer: UnsafeMutablePointer<Element>) in
            for index in 0..<count {
                let value = Float(bitPattern: load(headerBytes + 4 * index, UInt32.self))
                if !value.isFinite, bad == nil { bad = index }
                buffer[index] = Element(value)
            }
        }
        if let bad {
            throw corrupt(.notFinite(row: bad / columns + 1, column: bad % columns + 1, offset: headerBytes + 4 * bad))
        }
        return ParsedRows(columnNames: layout.columnNames, hasHeader: layout.hasHeader, rows: rows, columns: columns, values: values, offset: offset,
                          fromCache: true)
    }
}
