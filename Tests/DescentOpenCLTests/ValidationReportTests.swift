import DescentOpenCL
import Testing

/// The validate table: its columns line up, and a stage name longer than the usual 12 characters
/// is printed whole (`matmul_tn+bias` and `matmul_tn+bias Σ` were both cut to `matmul_tn+bi`).
@Suite struct ValidationReportTests {
    @Test func longStageNamesStayWholeAndColumnsAlign() {
        let checks = ["forward", "matmul_tn+bias", "matmul_tn+bias Σ"].map {
            ValidationCheck(stage: $0, shape: "7×5", configuration: "WGS=8", device: [1, 2], reference: [1, 2], bounds: [1e-6, 1e-6])
        }
        let lines = ValidationReport(device: "test device", seed: 0, checks: checks).text().split(separator: "\n").map(String.init)
        #expect(lines[2].hasPrefix("matmul_tn+bias   7×5"), "\(lines[2])")
        #expect(lines[3].hasPrefix("matmul_tn+bias Σ 7×5"), "\(lines[3])")
        let shapeColumn = lines[0].range(of: "shape")!.lowerBound.utf16Offset(in: lines[0])
        for line in lines[1...3] { #expect(line.range(of: "7×5")!.lowerBound.utf16Offset(in: line) == shapeColumn, "\(line)") }
    }
}
