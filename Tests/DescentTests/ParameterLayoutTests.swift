import Testing
@testable import Descent

/// The flat parameter buffer's layout: the linear model's is `(w…, b)`, bit for bit the buffer the
/// fused linear kernel has always used; every layer's weight `[out × in]`, then its bias.
@Suite struct ParameterLayoutTests {
    @Test func theLinearLayoutIsTheWeightsThenTheBias() {
        let layout = ParameterLayout(spec: .linear(inputs: 13))
        #expect(layout.count == 14)
        #expect(layout.tensors == [.init(name: "layer0.weight", shape: [1, 13], offset: 0, count: 13),
                                   .init(name: "layer0.bias", shape: [1], offset: 13, count: 1)])
        #expect(LinearModel(flat: [1, 2, 3]) == LinearModel(weights: [1, 2], bias: 3))
    }

    @Test func anMLPsLayersFollowEachOther() {
        let spec = ModelSpec(kind: .mlp, inputs: 3, hidden: [4, 5], activation: .tanh, head: .softmaxCrossEntropy(classes: 6))
        #expect(spec.widths == [3, 4, 5, 6] && spec.outputs == 6 && spec.layers == 3)
        let layout = ParameterLayout(spec: spec)
        #expect(layout.tensors.map(\.name) == ["layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias"])
        #expect(layout.tensors.map(\.shape) == [[4, 3], [4], [5, 4], [5], [6, 5], [6]])
        #expect(layout.tensors.map(\.offset) == [0, 12, 16, 36, 41, 71])
        #expect(layout.count == 77 && layout.bias(2).range == 71..<77)
    }

    @Test func theLinearInitialisationIsTheCoursesDraw() {
        var a = TrainingRandom(kind: .numpy, seed: 0), b = TrainingRandom(kind: .numpy, seed: 0)
        #expect(ModelSpec.linear(inputs: 13).initialParameters(random: &a) == LinearModel(features: 13, random: &b).flat)
    }

    /// He for a layer a ReLU follows, Glorot otherwise; biases 0; the same seed, the same numbers.
    @Test func hiddenLayersAreScaledPerHeOrGlorot() {
        let spec = ModelSpec(kind: .mlp, inputs: 200, hidden: [300], activation: .relu, head: .mse(.course))
        var random = TrainingRandom(kind: .standard, seed: 1)
        let values = spec.initialParameters(random: &random)
        let layout = ParameterLayout(spec: spec)
        func deviation(_ tensor: ParameterLayout.Tensor) -> Double {
            let slice = values[tensor.range]
            return (slice.reduce(0) { $0 + $1 * $1 } / Double(slice.count)).squareRoot()
        }
        #expect(abs(deviation(layout.weight(0)) - (2.0 / 200).squareRoot()) < 0.01 * (2.0 / 200).squareRoot() * 5)
        #expect(abs(deviation(layout.weight(1)) - (2.0 / 301).squareRoot()) < 0.2 * (2.0 / 301).squareRoot())
        #expect(values[layout.bias(0).range].allSatisfy { $0 == 0 } && values[layout.bias(1).range] == [0])
        var again = TrainingRandom(kind: .standard, seed: 1)
        #expect(spec.initialParameters(random: &again) == values)
    }
}
