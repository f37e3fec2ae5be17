extension Trainer.EpochReport {
    /// A report as the trainer makes it, for code that drives or tests an `onEpoch` callback itself:
    /// `losses` of the epoch's steps from `firstIteration` on (a whole epoch by default).
    ///
    /// (Its labels come in this order because the trainer's own memberwise initialiser, internal,
    /// takes `epoch:firstIteration:losses:completesEpoch:`.)
    public init(epoch: Int, losses: [Double], firstIteration: Int = 0, completesEpoch: Bool = true) {
        self.init(epoch: epoch, firstIteration: firstIteration, losses: losses, completesEpoch: completesEpoch)
    }
}
