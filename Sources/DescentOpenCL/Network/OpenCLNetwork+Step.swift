import Descent

/// The launches of one step, enqueued in order on the context's in-order queue, never waited on.
extension OpenCLNetwork {
    /// Gathers positions `begin..<begin + count` of the uploaded order into batch slot `slot`
    /// (`gather_rows`): a submission's first step; the others' rows come with the step before (``enqueueStep``).
    func enqueueGather(begin: Int, count: Int, slot: Int) throws {
        let (program, buffers) = try prepared()
        let gather = try program.kernel("gather_rows"), wgs = program.tuning.workGroupSize
        try gatherRows(buffers, begin..<begin + count, into: slot).set(on: gather, from: 0)
        try gather.launch(groups: groups(count, wgs), groupSize: wgs, profile: profile)  // a work-item per row
    }

    /// Positions `positions` of the uploaded order, gathered into batch slot `slot`.
    private func gatherRows(_ buffers: NetworkBuffers, _ positions: Range<Int>, into slot: Int) -> OpenCLNetworkStages.GatherRows {
        OpenCLNetworkStages.GatherRows(x: buffers.x, y: buffers.y, order: buffers.order, begin: positions.lowerBound, count: positions.count,
                                       features: spec!.widths[0], batchX: buffers.input(slot), batchY: buffers.targets(slot))
    }

    /// One step on the `count` rows gathered into batch slot `slot`: forward, loss and delta
    /// (`scale` per row; `lossScale · Σℓ` into `losses[lossIndex]`), backward into the gradient,
    /// and the update unless `learningRate` is nil. The loss launch also gathers positions `next`
    /// of the uploaded order into the other slot, for the step after (one launch fewer a step).
    func enqueueStep(slot: Int, count: Int, next: Range<Int>? = nil, scale: Double, lossScale: Double, lossIndex: Int,
                     learningRate: Double?) throws {
        let (program, buffers) = try prepared()
        let spec = spec!, widths = spec.widths, last = widths.count - 1, wgs = program.tuning.workGroupSize
        try enqueueForward(count: count, slot: slot)

        let loss = try program.kernel(OpenCLNetworkStages.lossKernel(spec.head))
        let rows = next.map { gatherRows(buffers, $0, into: 1 - slot) }
        try OpenCLNetworkStages.setLossArguments(loss, head: spec.head, z: buffers.activations[last], y: buffers.targets(slot),
                                                 delta: buffers.deltas[last], losses: buffers.losses!, rows: count,
                                                 outs: widths[last], scale: scale, lossScale: lossScale, lossIndex: lossIndex, next: rows)
        try loss.launch(groups: OpenCLNetworkStages.lossGroups(next: rows, groupSize: wgs), groupSize: wgs, profile: profile)

        let tn = try program.kernel("matmul_tn"), nn = try program.kernel("matmul_nn")
        for l in stride(from: last - 1, through: 0, by: -1) {
            let (inner, outs) = (widths[l], widths[l + 1])
            let weight = layout.weight(l).offset, bias = layout.bias(l).offset
            if l == last - 1, l > 0, outs == 1, program.tuning.fusesHeadBackward {
                try enqueueHeadBackward(program, buffers, layer: l, count: count)
                continue
            }
            try tn.set(0, buffers.deltas[l + 1]); try tn.set(1, l == 0 ? buffers.input(slot) : buffers.activations[l]); try tn.set(2, buffers.gradient)
            try tn.set(3, Int32(weight)); try tn.set(4, Int32(count)); try tn.set(5, Int32(outs)); try tn.set(6, Int32(inner))
            try tn.set(7, Int32(bias))  // the bias gradient (column_sums's value) in the same launch
            try launchTiled(tn, program, outRows: outs, outColumns: inner)
            guard l > 0 else { continue }
            // D·W times act'(a) into the layer's delta: activation_backward fused as matmul_nn's epilogue
            try nn.set(0, buffers.deltas[l + 1]); try nn.set(1, buffers.params); try nn.set(2, Int32(weight)); try nn.set(3, buffers.deltas[l])
            try nn.set(4, Int32(count)); try nn.set(5, Int32(outs)); try nn.set(6, Int32(inner))
            try nn.set(7, buffers.activations[l]); try nn.set(8, OpenCLNetworkStages.code(spec.activation))
            try launchTiled(nn, program, outRows: count, outColumns: inner)
        }
        if let learningRate { try launchUpdate(program, buffers, learningRate: learningRate) }
    }

    /// The forward pass of the `count` rows in batch slot `slot`: the logits end in the last activation buffer.
    func enqueueForward(count: Int, slot: Int = 0) throws {
        let (program, buffers) = try prepared()
        let spec = spec!, widths = spec.widths
        let nt = try program.kernel("matmul_nt")
        for l in 0..<(widths.count - 1) {
            let (inner, outs) = (widths[l], widths[l + 1])
            let activation = l == widths.count - 2 ? Activation.identity : spec.activation
            try nt.set(0, l == 0 ? buffers.input(slot) : buffers.activations[l]); try nt.set(1, buffers.params); try nt.set(2, Int32(layout.weight(l).offset))
            try nt.set(3, buffers.activations[l + 1]); try nt.set(4, Int32(count)); try nt.set(5, Int32(inner)); try nt.set(6, Int32(outs))
            try nt.set(7, Int32(layout.bias(l).offset)); try nt.set(8, OpenCLNetworkStages.code(activation))  // bias and activation fused
            try launchTiled(nt, program, outRows: count, outColumns: outs)
        }
    }

    /// The output layer `l` of one output: both gradients and the delta back in one `head_backward`.
    private func enqueueHeadBackward(_ program: NetworkProgram, _ buffers: NetworkBuffers, layer l: Int, count: Int) throws {
        let kernel = try program.kernel("head_backward"), weight = Int32(layout.weight(l).offset), inner = spec!.widths[l]
        try kernel.set(0, buffers.deltas[l + 1]); try kernel.set(1, buffers.activations[l]); try kernel.set(2, buffers.gradient)
        try kernel.set(3, weight); try kernel.set(4, Int32(layout.bias(l).offset)); try kernel.set(5, buffers.params)
        try kernel.set(6, weight); try kernel.set(7, buffers.deltas[l]); try kernel.set(8, Int32(count)); try kernel.set(9, Int32(inner))
        try kernel.set(10, OpenCLNetworkStages.code(spec!.activation))
        let (groups, size) = program.tuning.headBackwardLaunch(inner: inner)
        try kernel.launch(groups: groups, groupSize: size, profile: profile)
    }

    func launchUpdate(_ program: NetworkProgram, _ buffers: NetworkBuffers, learningRate: Double) throws {
        let wgs = program.tuning.workGroupSize
        if let optimizer { return try optimizer.enqueue(params: buffers.params, gradient: buffers.gradient, learningRate: learningRate, groupSize: wgs) }
        let update = try program.kernel("sgd_update")
        try update.set(0, buffers.params); try update.set(1, buffers.gradient)
        try update.set(2, Int32(layout.count)); try update.set(3, Float(learningRate))
        try update.launch(groups: groups(layout.count, wgs), groupSize: wgs, profile: profile)
    }

    private func launchTiled(_ kernel: OpenCLKernel, _ program: NetworkProgram, outRows: Int, outColumns: Int) throws {
        let (groups, size) = program.tuning.matmulLaunch(kernel.name, outRows: outRows, outColumns: outColumns)
        try kernel.launch(groups: groups, groupSize: size, profile: profile)
    }

    private func groups(_ count: Int, _ size: Int) -> Int { max((count + size - 1) / size, 1) }
}
