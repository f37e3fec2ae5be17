// swift-tools-version: 6.1
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
    ],
    targets: [
        // MARK: C shim: the OpenCL C API through the system's ICD loader. No Swift API of its own.
        .systemLibrary(
            name: "COpenCL",
            pkgConfig: "OpenCL",
            providers: [.apt(["ocl-icd-opencl-dev", "opencl-headers"])]
        ),

        // MARK: Kernel sources, embedded into the binary at build time (never read from disk at run time).
        .target(
            name: "DescentKernels",
            path: "Kernels",
            resources: [.embedInCode("common.cl"), .embedInCode("linear.cl"), .embedInCode("bench.cl"), .embedInCode("network.cl")]
        ),

        // MARK: Core: data, models, the backend protocol, the CPU reference, the trainer.
        .target(
            name: "Descent",
            resources: [.embedInCode("Resources/housing.data")]
        ),

        // MARK: The OpenCL backend: a thin owned-handle layer over COpenCL, and the trainer's device path.
        .target(
            name: "DescentOpenCL",
            dependencies: ["COpenCL", "Descent", "DescentKernels"]
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
        .testTarget(name: "DescentTests", dependencies: ["Descent"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DescentOpenCLTests", dependencies: ["Descent", "DescentOpenCL", "DescentKernels"]),
        .testTarget(name: "DescentCLITests", dependencies: ["DescentCLI", "Descent"], exclude: ["Corpus"]),
    ]
)
