import Testing
@testable import DescentCLI

/// One rule decides the CPU fallback, for a device that cannot be opened and for a run that fails
/// before its first step alike: only `--backend auto` without `--device`.
@Suite struct BackendOptionsTests {
    @Test(arguments: [([String](), true), (["--backend", "auto"], true), (["--device", "0"], false),
                      (["--backend", "auto", "--device", "0"], false), (["--backend", "opencl"], false), (["--backend", "cpu"], false)])
    func onlyAutoWithoutADeviceFallsBack(arguments: [String], falls: Bool) throws {
        #expect(try BackendOptions.parse(arguments).mayFallBack == falls)
    }
}
