import ArgumentParser
import DescentOpenCL

/// `descent devices`: what OpenCL sees on this machine.
struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the OpenCL platforms and devices Descent can train on.")

    func run() throws {
        let devices = try OpenCLDevice.all(notice: note)
        guard !devices.isEmpty else {
            let reason = NoDeviceError().description
            print(reason.prefix(1).uppercased() + reason.dropFirst() + ". `descent train` will use the CPU reference.")
            return
        }
        for device in devices {
            print("[\(device.index)] \(device.name)")
            print("    platform        \(device.platformName)")
            print("    type            \(device.typeName)")
            print("    compute units   \(device.computeUnits)")
            print("    global memory   \(mebibytes(device.globalMemoryBytes)) (largest buffer \(mebibytes(device.maxAllocationBytes)))")
            print("    local memory    \(device.localMemoryBytes / 1024) KiB, work-groups up to \(device.maxWorkGroupSize)")
            print("    OpenCL C        \(device.openCLCVersion), driver \(device.driverVersion)")
            print("    fp64            \(device.hasFloat64 ? "yes" : "no") (Descent trains in float32; validation runs its reference on the host)")
        }
    }

    private func mebibytes(_ bytes: UInt64) -> String { "\(bytes / (1024 * 1024)) MiB" }
}
