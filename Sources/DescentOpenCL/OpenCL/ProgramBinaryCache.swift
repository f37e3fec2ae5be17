import Foundation

/// Program binaries on disk, so that a second process skips the OpenCL C compiler (hundreds of
/// milliseconds per build on PoCL, seconds on some GPU drivers).
///
/// The key is everything a binary depends on: platform name and version, device name, driver
/// version, build options and the full source text. A file holds the key's text, a newline and the
/// binary; a file whose key differs (a hash collision, a driver update) is ignored and rewritten.
/// Files are written atomically, so concurrent processes at worst both build.
package struct ProgramBinaryCache: Sendable {
    package var directory: String

    package init(directory: String) {
        self.directory = directory
    }

    /// `DESCENT_KERNEL_CACHE` (a directory, or `off`), else `$XDG_CACHE_HOME/descent/kernels`,
    /// else `~/.cache/descent/kernels`.
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgramBinaryCache? {
        if let chosen = environment["DESCENT_KERNEL_CACHE"], !chosen.isEmpty {
            return chosen == "off" ? nil : ProgramBinaryCache(directory: chosen)
        }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { ($0 as NSString).appendingPathComponent(".cache") }
        return base.map { ProgramBinaryCache(directory: ($0 as NSString).appendingPathComponent("descent/kernels")) }
    }

    /// The key's text for a build of `source` with `options` on `device`.
    package static func key(device: OpenCLDevice, options: String, source: String) -> String {
        let sourceHash = String(fnv1a(Array(source.utf8), basis: 0xcbf2_9ce4_8422_2325), radix: 16)
            + String(fnv1a(Array(source.utf8), basis: 0x8422_2325_cbf2_9ce4), radix: 16)
        return [device.platformName, device.platformVersion, device.name, device.driverVersion, options,
                "\(source.utf8.count) bytes", sourceHash].joined(separator: "|")
    }

    func path(for key: String) -> String {
        (directory as NSString).appendingPathComponent(String(Self.fnv1a(Array(key.utf8), basis: 0xcbf2_9ce4_8422_2325), radix: 16) + ".clbin")
    }

    /// The binary stored under `key`, if any.
    package func load(key: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path(for: key)) else { return nil }
        let header = Array((key + "\n").utf8)
        guard data.count > header.count, data.prefix(header.count).elementsEqual(header) else { return nil }
        return Array(data.dropFirst(header.count))
    }

    /// Stores `binary` under `key`; a failure (read-only home, full disk) only costs a rebuild later.
    package func store(_ binary: [UInt8], key: String) {
        let target = path(for: key)
        let temporary = target + ".\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try (Data((key + "\n").utf8) + Data(binary)).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, target) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    /// FNV-1a, 64 bits: a stable hash (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ bytes: [UInt8], basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
