import Testing
@testable import Descent

@Suite struct RandomTests {
    @Test func mersenneTwisterMatchesTheReferenceOutput() {
        // mt19937ar.c's published first output for init_genrand(5489).
        var twister = MersenneTwister(seed: 5489)
        #expect(twister.next32() == 3_499_211_612)
    }

    @Test func numpyKindReproducesNumpysFirstDraws() {
        // np.random.seed(0); np.random.randn(2); np.random.seed(0); np.random.permutation(10)
        var random = TrainingRandom(kind: .numpy, seed: 0)
        #expect(random.nextNormal() == 1.764052345967664)
        #expect(random.nextNormal() == 0.4001572083672233)
        var shuffled = TrainingRandom(kind: .numpy, seed: 0)
        var items = Array(0..<10)
        shuffled.shuffle(&items)
        #expect(items == [2, 8, 4, 9, 1, 6, 7, 3, 0, 5])
    }

    @Test(arguments: RandomKind.allCases)
    func sameSeedSameNumbersDifferentSeedDifferentNumbers(kind: RandomKind) {
        func draws(_ seed: UInt64) -> [Double] {
            var random = TrainingRandom(kind: kind, seed: seed)
            var order = Array(0..<50)
            random.shuffle(&order)
            return (0..<20).map { _ in random.nextNormal() } + order.map(Double.init)
        }
        #expect(draws(7) == draws(7))
        #expect(draws(7) != draws(8))
    }

    /// The built-in generators shuffle through their concrete type (fast); a generator behind
    /// another `RandomBits` goes through the generic loop. Both give the same permutation and
    /// leave the stream at the same place (the concrete copy's state is written back).
    @Test(arguments: RandomKind.allCases)
    func concreteShuffleMatchesTheGenericOne(kind: RandomKind) {
        struct Forwarding: RandomBits {
            var inner: any RandomBits
            mutating func next32() -> UInt32 { inner.next32() }
        }
        let bits: any RandomBits = kind == .numpy ? MersenneTwister(seed: 11) : Xoshiro256(seed: 11)
        var concrete = TrainingRandom(bits: bits), generic = TrainingRandom(bits: Forwarding(inner: bits))
        var a = (0..<Int32(500)).map { $0 }, b = a
        concrete.shuffle(&a)
        generic.shuffle(&b)
        #expect(a == b)
        concrete.shuffle(&a)
        generic.shuffle(&b)
        #expect(a == b)
        #expect((0..<8).map { _ in concrete.nextNormal() } == (0..<8).map { _ in generic.nextNormal() })
    }

    @Test func shuffleIsAPermutation() {
        var random = TrainingRandom(kind: .standard, seed: 3)
        var items = Array(0..<1001)
        random.shuffle(&items)
        #expect(items.sorted() == Array(0..<1001))
        #expect(items != Array(0..<1001))
    }

    @Test func sameSeedGivesTheSameTrainingRun() throws {
        let data = try PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)
        func run() throws -> ([Double], LinearModel) {
            var losses = [Double]()
            let model = try Trainer(settings: TrainingSettings()).runLinear(on: CPUBackend(), train: data.train) { losses += $0.losses }
            return (losses, model.linearModel)
        }
        let (a, modelA) = try run(), (b, modelB) = try run()
        #expect(a == b)
        #expect(modelA == modelB)
    }
}
