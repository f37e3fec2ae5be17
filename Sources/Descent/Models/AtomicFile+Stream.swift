import Foundation

extension AtomicFile {
    /// A file written in pieces and put in place whole (a long run's loss CSV), by the same rules
    /// as ``AtomicFile/write(_:to:)``: a regular file (or a new one) is written as an exclusive
    /// temporary file beside it and renamed over it by ``commit()``, keeping its mode, so a
    /// half-written file never replaces the user's; a link is followed; a device, FIFO or standard
    /// output is written as the pieces come. ``discard()`` (and a signal that ends the process,
    /// through ``AtomicFile/removePendingTemporaryFile()``) removes the temporary file.
    package final class Stream {
        package let path: String
        private var descriptor: Int32
        /// The file replaced at commit; nil when writing in place.
        private let replacing: (temporary: String, target: String, existing: stat?, slot: Int)?
        private var buffer = [UInt8]()
        /// Bytes gathered before a `write(2)`.
        private static let chunk = 1 << 20

        package init(path: String) throws(Failure) {
            self.path = path
            switch try destination(of: path) {
            case let .descriptor(open):
                fflush(nil)
                descriptor = dup(open)
                replacing = nil
            case let .inPlace(special):
                descriptor = open(special, O_WRONLY | O_CLOEXEC)
                replacing = nil
            case let .replace(target, existing):
                guard let slot = PendingTemporary.claim() else { throw Failure(path: path, problem: .tooManyPending) }
                let created: (String, Int32)
                do { created = try createTemporary(beside: target, reportingAs: path, slot: slot) } catch {
                    PendingTemporary.release(slot)
                    throw error
                }
                descriptor = created.1
                replacing = (created.0, target, existing, slot)
            }
            guard descriptor >= 0 else { throw Failure(path: path, problem: .system(errno: errno)) }
            buffer.reserveCapacity(Self.chunk)
        }

        deinit { discard() }

        package func write(_ text: String) throws(Failure) {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.chunk { try flush() }
        }

        /// Writes what is buffered and puts the file in place.
        package func commit() throws(Failure) {
            try flush()
            let descriptor = self.descriptor
            self.descriptor = -1
            guard let replacing else {
                close(descriptor)
                return
            }
            defer { PendingTemporary.release(replacing.slot) }
            try install(replacing.temporary, descriptor: descriptor, over: replacing.target, existing: replacing.existing,
                        slot: replacing.slot, failure: nil, reportingAs: path)
        }

        /// Removes the temporary file; the destination keeps whatever it held. Does nothing after ``commit()``.
        package func discard() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
            if let replacing {
                unlink(replacing.temporary)
                PendingTemporary.release(replacing.slot)
            }
        }

        private func flush() throws(Failure) {
            guard descriptor >= 0 else { throw Failure(path: path, problem: .writtenAfterCommit) }
            if let problem = writeAll(Data(buffer), to: descriptor) {
                discard()
                throw Failure(path: path, problem: problem)
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
