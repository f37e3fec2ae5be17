extension MemoryLimit {
    /// What sets a ``MemoryLimit``: the smallest of these is the one that bounds the process.
    public enum Source: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
        /// The machine's physical memory.
        case physicalMemory = "physical memory"
        /// What the cgroup (a container) still allows.
        case cgroup = "the cgroup's limit"
        /// What the address-space limit (`ulimit -v`) still allows.
        case addressSpace = "the address-space limit (ulimit -v)"

        /// In words, for messages.
        public var description: String { rawValue }
    }
}
