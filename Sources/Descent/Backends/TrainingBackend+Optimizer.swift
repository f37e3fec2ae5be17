/// Defaults for a backend that only runs plain SGD (test doubles): it accepts that rule and its
/// empty state, and refuses every other.
extension TrainingBackend {
    public func setUpdateRule(_ rule: UpdateRule) throws {
        guard rule.isPlainSGD else { throw BackendError.unsupportedRule(kind: rule.kind, backend: name) }
    }

    public func optimizerState() throws -> OptimizerState { OptimizerState() }

    public func setOptimizerState(_ state: OptimizerState) throws {
        guard state.first.isEmpty, state.second.isEmpty else { throw BackendError.optimizerState(kind: .sgd, parameters: 0) }
    }
}
