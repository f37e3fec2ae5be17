import Foundation

/// PoCL's kernel cache: PoCL offers no device when it cannot write there, so "no OpenCL device"
/// on a machine with PoCL installed is often an unwritable cache, which this names.
enum PoCLCache {
    /// The directory PoCL uses: `POCL_CACHE_DIR`, else `$XDG_CACHE_HOME/pocl`, else `~/.cache/pocl`.
    static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["POCL_CACHE_DIR"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".cache")
        return (base as NSString).appendingPathComponent("pocl")
    }

    /// Why PoCL cannot use its cache directory, or nil when it can (or PoCL is not installed).
    static func problem(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard isInstalled(environment: environment) else { return nil }
        let path = directory(environment: environment)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return "PoCL's kernel cache \(path) is not a directory" }
            return access(path, W_OK | X_OK) == 0 ? nil : "PoCL's kernel cache \(path) is not writable"
        }
        // Missing: PoCL creates it, so the nearest existing ancestor must be a writable directory.
        var ancestor = (path as NSString).deletingLastPathComponent
        while !FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory), ancestor.count > 1 {
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        guard isDirectory.boolValue else { return "PoCL's kernel cache \(path) cannot be created: \(ancestor) is not a directory" }
        return access(ancestor, W_OK | X_OK) == 0 ? nil : "PoCL's kernel cache \(path) cannot be created: \(ancestor) is not writable"
    }

    /// True when an ICD file names PoCL (in `OCL_ICD_VENDORS` or /etc/OpenCL/vendors).
    private static func isInstalled(environment: [String: String]) -> Bool {
        let vendors = environment["OCL_ICD_VENDORS"] ?? "/etc/OpenCL/vendors"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: vendors)) ?? [vendors]
        return files.contains { $0.lowercased().contains("pocl") }
    }
}
