/// Where each tensor of a model lives in its one flat parameter buffer, the way llm.c keeps
/// `params_memory` with `param_sizes`: per layer `l` (0-based), `layer{l}.weight` `[out × in]`
/// row-major, then `layer{l}.bias` `[out]`.
///
/// For the linear model this is `(w₀ … w_{d-1}, b)`: bit for bit the buffer the fused linear
/// kernel has always used.
public struct ParameterLayout: Codable, Equatable, Sendable {
    /// One named block of the flat parameter buffer: a layer's weight or bias.
    public struct Tensor: Codable, Equatable, Sendable {
        /// `layer{l}.weight` or `layer{l}.bias`.
        public var name: String
        /// `[out, in]` for a weight, `[out]` for a bias.
        public var shape: [Int]
        /// Where the block starts in the flat buffer.
        public var offset: Int
        /// Values in the block: the product of ``shape``.
        public var count: Int

        /// A block as a model file describes it.
        public init(name: String, shape: [Int], offset: Int, count: Int) {
            self.name = name
            self.shape = shape
            self.offset = offset
            self.count = count
        }

        /// The tensor's elements' indices in the flat buffer.
        public var range: Range<Int> { offset..<(offset + count) }
    }

    /// The blocks in buffer order.
    public var tensors: [Tensor]
    /// Total parameters.
    public var count: Int

    /// The layout of `spec`'s parameters: per layer its weight, then its bias.
    public init(spec: ModelSpec) {
        var tensors: [Tensor] = []
        var offset = 0
        let widths = spec.widths
        for layer in 0..<(widths.count - 1) {
            let (inputs, outputs) = (widths[layer], widths[layer + 1])
            tensors.append(Tensor(name: "layer\(layer).weight", shape: [outputs, inputs], offset: offset, count: outputs * inputs))
            offset += outputs * inputs
            tensors.append(Tensor(name: "layer\(layer).bias", shape: [outputs], offset: offset, count: outputs))
            offset += outputs
        }
        self.tensors = tensors
        self.count = offset
    }

    /// Layer `l`'s weight tensor.
    public func weight(_ layer: Int) -> Tensor { tensors[2 * layer] }
    /// Layer `l`'s bias tensor.
    public func bias(_ layer: Int) -> Tensor { tensors[2 * layer + 1] }
}
