// swift-tools-version: 6.1
import Foundation
import PackageDescription

let package = Package(
    name: "Descent",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Descent", targets: ["Descent"]),
        .library(name: "DescentOpenCL", targets: ["DescentOpenCL"]),
        .executable(name: "descent", targets: ["descent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation --target Descent` (Sources/Descent/Descent.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: C shim: the OpenCL C API through the system's ICD loader (Linux) or OpenCL.framework
        // (macOS: shim.h includes <OpenCL/opencl.h>, DescentOpenCL links the framework). No Swift API of its own.
        .systemLibrary(
            name: "COpenCL",
            pkgConfig: "OpenCL",
            providers: [.apt(["ocl-icd-opencl-dev", "opencl-headers"])]
        ),

        // MARK: Kernel sources, embedded into the binary at build time (never read from disk at run time).
        .target(
            name: "DescentKernels",
            path: "Kernels",
            resources: [.embedInCode("common.cl"), .embedInCode("linear.cl"), .embedInCode("bench.cl"), .embedInCode("network.cl"), .embedInCode("optimizer.cl"), .embedInCode("update_rules.cl"), .embedInCode("fused_rules.cl")]
        ),

        // MARK: Core: data, models, the backend protocol, the CPU reference, the trainer.
        .target(
            name: "Descent",
            resources: [.embedInCode("Resources/housing.data")]
        ),

        // MARK: The OpenCL backend: a thin owned-handle layer over COpenCL, and the trainer's device path.
        .target(
            name: "DescentOpenCL",
            dependencies: ["COpenCL", "Descent", "DescentKernels"],
            linkerSettings: [
                .linkedLibrary("OpenCL", .when(platforms: [.linux])),
                .linkedFramework("OpenCL", .when(platforms: [.macOS])),
            ]
        ),

        // MARK: The command-line interface, as a library so that tests can parse and run commands.
        .target(
            name: "DescentCLI",
            dependencies: [
                "Descent", "DescentOpenCL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "descent", dependencies: ["DescentCLI"]),

        // MARK: Benchmarks: `swift run -c release descent-bench` (see BENCHMARKS.md).
        .executableTarget(
            name: "descent-bench",
            dependencies: ["DescentCLI"],
            path: "Bench/Sources"
        ),

        // MARK: Fuzzing the data loader (README: "Fuzzing the loaders"); without -DFUZZING it replays a corpus.
        .executableTarget(name: "descent-fuzz", dependencies: ["Descent"], path: "Fuzz/Sources"),
        // The model-file and checkpoint loader, the same way; its corpus is Fuzz/model-corpus.
        .executableTarget(name: "descent-fuzz-model", dependencies: ["Descent"], path: "Fuzz/ModelSources"),

        // MARK: Tests
        // What several test targets share (a test target cannot import another): the optimiser fixture, a child-process runner.
        .target(name: "DescentTestSupport", dependencies: ["Descent"], path: "Tests/DescentTestSupport"),
        .testTarget(name: "DescentTests", dependencies: ["Descent", "DescentTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DescentOpenCLTests", dependencies: ["Descent", "DescentOpenCL", "DescentKernels", "DescentTestSupport"]),
        .testTarget(name: "DescentCLITests", dependencies: ["DescentCLI", "Descent", "DescentTestSupport"], exclude: ["Corpus"]),
        // What a library user can do: compiled under another package name, so that only `public` API is in reach.
        .testTarget(
            name: "DescentPublicAPITests",
            dependencies: ["Descent", "DescentOpenCL"],
            swiftSettings: [.unsafeFlags(["-package-name", "DescentPublicAPIUser"])]
        ),
    ]
)

// MARK: - MPI (issue 13) ------------------------------------------------------------------------
// Built only where Open MPI's C library is installed (`pkg-config --exists ompi-c`), so a plain
// `swift build` works on every machine and, where Open MPI is installed, builds and tests the MPI
// targets with no flag. DESCENT_MPI=1 or DESCENT_MPI=0 overrides the probe (README: "Train on
// several machines"). Keep this block together; the targets above know nothing of MPI.
let mpiAvailable: Bool = {
    switch Context.environment["DESCENT_MPI"] {
    case "1": return true
    case "0": return false
    default: break
    }
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["pkg-config", "--exists", "ompi-c"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
}()

if mpiAvailable {
    package.targets += [
        // C shim: Open MPI's handles (macros) as functions Swift can call. No Swift API of its own.
        .systemLibrary(name: "CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"]), .brew(["open-mpi"])]),
        // MPICommunicator: the core's `Communicator` over MPI.
        .target(name: "DescentMPI", dependencies: ["CMPI", "Descent"]),
        // `mpirun -np N descent-mpi-selftest [--bench]`: checks (and times) the collectives.
        .executableTarget(
            name: "descent-mpi-selftest",
            dependencies: ["DescentMPI", "Descent", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "DescentMPITests", dependencies: ["descent-mpi-selftest", "descent", "DescentTestSupport"]),
    ]
    package.products += [.library(name: "DescentMPI", targets: ["DescentMPI"])]
    // `descent train` under mpirun (`#if canImport(DescentMPI)` in DescentCLI).
    package.targets.first { $0.name == "DescentCLI" }?.dependencies.append("DescentMPI")
}
// MARK: - end of MPI ----------------------------------------------------------------------------

// MARK: - Without OpenCL (issue 16) -------------------------------------------------------------
// DESCENT_OPENCL=0 declares only what needs no OpenCL: the core library, its tests and the
// loaders' fuzzers. `scripts/check-no-opencl` builds and tests that with OpenCL hidden from
// pkg-config, which proves the core needs neither the OpenCL headers nor the loader (README: "As a
// library"). Without the variable nothing changes.
if Context.environment["DESCENT_OPENCL"] == "0" {
    let core: Set = ["Descent", "DescentTestSupport", "DescentTests", "descent-fuzz", "descent-fuzz-model"]
    package.targets.removeAll { !core.contains($0.name) }
    package.products.removeAll { $0.name != "Descent" }
}
// MARK: - end of without OpenCL -----------------------------------------------------------------
