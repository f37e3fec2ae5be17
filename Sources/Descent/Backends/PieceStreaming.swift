/// A backend that trains on rows handed over piece by piece while keeping the parameters and the
/// update rule's state where it computes (issue 14: data larger than the device).
///
/// It holds two pieces: the one being trained on and the next, whose upload is enqueued while the
/// device still trains on the current one, so the host never waits inside a piece. Streaming
/// training (``Trainer/runStreaming(on:spec:train:plan:normalization:onEpoch:)``) uses it when the backend
/// offers it for the model, and otherwise prepares the backend afresh for every piece.
public protocol PieceStreaming: TrainingBackend {
    /// Prepares `spec` for pieces of at most `capacity` rows of `features` features, in place of
    /// ``TrainingBackend/prepare(spec:data:)``. Returns false (preparing nothing) for a model it
    /// streams no pieces for; the trainer then prepares a piece at a time instead.
    func prepareStreaming(spec: ModelSpec, features: Int, capacity: Int) throws -> Bool
    /// Enqueues the upload of `piece` (at most the capacity) into the piece buffer not trained on,
    /// without waiting for it, and returns that buffer's slot for ``trainOn(slot:)``.
    func enqueuePiece(_ piece: TrainingData) throws -> Int
    /// Makes the piece uploaded into `slot` the rows that the next submissions index.
    func trainOn(slot: Int) throws
}
