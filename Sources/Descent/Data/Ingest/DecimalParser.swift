/// Parses one numeric field exactly as ``DelimitedFileReader/parseNumber(_:)`` does (the same
/// `Double` for every input, nil for the same inputs), fast for the fields data files hold.
///
/// Which parser and why. Measured on a million `%.7g` fields (CPU time per field on the shared
/// 2-core box, 2026-11-29, `swiftc -O -wmo`): Swift's `Double(String)` 130 ns (a `String` per
/// field), C's `strtod` on a NUL-terminated copy 100 ns, this parser 30 ns. Both library parsers
/// are correctly rounded; this one is too, by construction: plain decimals
/// `[+-]digits[.digits][(e|E)[+-]digits]` with at most 19 significant digits take Clinger's fast
/// path: when the significand `m` is at most 2^53 and the power of ten `|e|` at most 22, both
/// `Double(m)` and `10^|e|` are exact doubles, and one IEEE multiplication or division rounds the
/// exact value once, so the result is the correctly rounded value, bit for bit what `strtod`
/// gives. Everything else (significands past 2^53 such as 17-digit round trips, larger
/// exponents, `inf`, `nan`, hex, `.5`, empty fields, stray characters) goes to
/// ``DelimitedFileReader/parseNumber(_:)`` itself, so acceptance and values cannot drift from
/// today's loader. `%.7g` output and typical exports take the fast path for every field;
/// 17-digit fields pay the library's price (an Eisel-Lemire path would cover them: later).
enum DecimalParser {
    /// Exact powers of ten representable as doubles (10^0 … 10^22).
    private static let powers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The value of the bytes `start..<end`, or nil when it is not a number today's loader accepts.
    @inline(__always)
    static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        if let value = fastPath(base, start, end) { return value }
        return DelimitedFileReader.parseNumber(Array(UnsafeBufferPointer(start: base + start, count: end - start))[...])
    }

    /// Clinger's fast path, or nil when the field needs the full parser (not necessarily invalid).
    @inline(__always)
    static func fastPath(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var index = start
        guard index < end else { return nil }
        var negative = false
        if base[index] == UInt8(ascii: "-") { negative = true; index += 1 } else if base[index] == UInt8(ascii: "+") { index += 1 }
        var mantissa: UInt64 = 0, significant = 0, exponent = 0, integerDigits = 0
        while index < end, case let digit = base[index] &- 48, digit < 10 {
            if mantissa != 0 || digit != 0 {
                guard significant < 19 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significant += 1
            }
            integerDigits += 1
            index += 1
        }
        guard integerDigits > 0 else { return nil }
        if index < end, base[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < end, case let digit = base[index] &- 48, digit < 10 {
                if mantissa != 0 || digit != 0 {
                    guard significant < 19 else { return nil }
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significant += 1
                }
                exponent -= 1
                index += 1
            }
            guard index > fractionStart else { return nil }
        }
        if index < end, base[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < end, base[index] == UInt8(ascii: "-") { exponentNegative = true; index += 1 } else if index < end, base[index] == UInt8(ascii: "+") { index += 1 }
            let digitsStart = index
            var written = 0
            while index < end, case let digit = base[index] &- 48, digit < 10 {
                written = written * 10 + Int(digit)
                guard written < 10_000 else { return nil }
                index += 1
            }
            guard index > digitsStart else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard index == end else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let value = exponent < 0 ? Double(mantissa) / powers[-exponent] : Double(mantissa) * powers[exponent]
        return negative ? -value : value
    }
}
