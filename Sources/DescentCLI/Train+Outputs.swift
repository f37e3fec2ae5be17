/// The files `descent train` reads and writes, checked before any work (see ``OutputPaths``).
extension Train {
    var outputPaths: OutputPaths {
        var paths = OutputPaths()
        paths.input("--data", dataOptions.data)
        paths.input("--resume", resume)
        paths.output("--model-out", modelPath)
        paths.output("--checkpoint", checkpointPath)
        paths.output("--plot", plot)
        paths.output("--loss-csv", lossCSV)
        paths.output("--json", json)
        paths.allow(output: "--checkpoint", sameAs: "--resume")  // continuing a run in place
        return paths
    }
}
