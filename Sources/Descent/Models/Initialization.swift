/// Seeded initial parameters per kind, drawn from the trainer's random stream.
extension ModelSpec {
    /// The seeded initial parameters of this spec, in its ``ParameterLayout``:
    ///
    /// - linear: the course's draw, `randn(d)` for the weights and a bias of 0 (so
    ///   `--rng numpy --seed 0` reproduces the course's run line for line);
    /// - every other layer: normal weights scaled per He (`√(2/in)`) when a ReLU follows, per
    ///   Glorot (`√(2/(in+out))`) otherwise (tanh, sigmoid, and the output layer); biases 0.
    ///
    /// Drawn layer by layer, each weight row-major, from `random`.
    public func initialParameters(random: inout TrainingRandom) -> [Double] {
        if kind == .linear, hidden.isEmpty, outputs == 1 {
            return LinearModel(features: inputs, random: &random).flat
        }
        let layout = ParameterLayout(spec: self)
        var values = [Double](repeating: 0, count: layout.count)
        let widths = self.widths
        for layer in 0..<(widths.count - 1) {
            let (fanIn, fanOut) = (Double(widths[layer]), Double(widths[layer + 1]))
            let reluFollows = layer < hidden.count && activation == .relu
            let scale = reluFollows ? (2 / fanIn).squareRoot() : (2 / (fanIn + fanOut)).squareRoot()
            for index in layout.weight(layer).range { values[index] = scale * random.nextNormal() }
        }
        return values
    }
}
