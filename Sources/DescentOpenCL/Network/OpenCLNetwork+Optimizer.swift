import Descent

/// The update rule of the network path: plain SGD runs `sgd_update` as always; any other rule
/// runs its ``OpenCLOptimizer`` kernel on the same flat gradient buffer.
extension OpenCLNetwork {
    public func setUpdateRule(_ rule: UpdateRule) throws {
        guard spec != nil else { throw BackendError.notPrepared }
        optimizer = rule.isPlainSGD ? nil : try OpenCLOptimizer(context: context, rule: rule, layout: layout, source: optimizerKernelSource, profile: profile)
    }

    public func optimizerState() throws -> OptimizerState { try optimizer?.state() ?? OptimizerState() }

    public func setOptimizerState(_ state: OptimizerState) throws {
        guard let optimizer else {
            guard state.first.isEmpty, state.second.isEmpty else { throw BackendError.optimizerState(kind: .sgd, parameters: layout.count) }
            return
        }
        try optimizer.setState(state)
    }
}
