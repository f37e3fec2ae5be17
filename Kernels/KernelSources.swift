/// The OpenCL C sources in this folder, embedded into the binary at build time by SwiftPM
/// (`resources: [.embedInCode(...)]`), so nothing is read from the working directory at run time.
public enum KernelSources {
    /// Shared helpers (`group_sum`) and default tuning values.
    public static var common: String { String(decoding: PackageResources.common_cl, as: UTF8.self) }
    /// The linear model's stage kernels and fused training kernels.
    public static var linear: String { String(decoding: PackageResources.linear_cl, as: UTF8.self) }
    /// The network stages: tiled matrix multiplies, activations, losses per head, updates.
    public static var network: String { String(decoding: PackageResources.network_cl, as: UTF8.self) }
    /// The update rules over the flat parameter buffer (one kernel per optimiser), and the linear
    /// model's gradient for them.
    public static var optimizer: String { String(decoding: PackageResources.optimizer_cl, as: UTF8.self) }
    /// Each update rule's per-parameter arithmetic (`static inline`), shared by the optimizer kernels
    /// and the linear model's fused epoch kernel.
    public static var updateRules: String { String(decoding: PackageResources.update_rules_cl, as: UTF8.self) }
    /// The fused epoch kernel's update under a rule other than plain SGD (compiled only with `RULE`).
    public static var fusedRules: String { String(decoding: PackageResources.fused_rules_cl, as: UTF8.self) }
    /// The benchmark's bandwidth yardstick.
    public static var bench: String { String(decoding: PackageResources.bench_cl, as: UTF8.self) }
}
