import CMPI

/// An MPI call that did not succeed, or a job MPI cannot serve. Every MPI call in this module goes
/// through `mpiCheck`, and the communicator sets `MPI_ERRORS_RETURN`, so a failed call becomes this
/// error instead of Open MPI's default of ending the whole job from inside the library.
public enum MPIError: Error, Equatable, CustomStringConvertible {
    /// `call` returned `code`; `message` is `MPI_Error_string`'s wording of it.
    case callFailed(call: String, code: Int32, message: String)
    /// The library cannot give the thread support Descent asks for.
    case threadSupport(requested: Int32, provided: Int32)
    /// A vector longer than one MPI message can count (`Int32.max` elements).
    case countTooLarge(Int)
    /// `MPI_Init_thread` was already called in this process (a second communicator), or MPI is finalized.
    case alreadyInitialized

    public var description: String {
        switch self {
        case let .callFailed(call, code, message):
            return "\(call) failed: \(message) (MPI error \(code))"
        case let .threadSupport(requested, provided):
            return "the MPI library gives thread support level \(provided), below the \(requested) (MPI_THREAD_SERIALIZED) Descent needs"
        case let .countTooLarge(count):
            return "a vector of \(count) values is longer than one MPI message can carry (\(Int32.max))"
        case .alreadyInitialized:
            return "MPI is already initialized or finalized in this process; create one MPICommunicator per process"
        }
    }
}

/// Throws `MPIError.callFailed` naming `call` unless `code` is `MPI_SUCCESS`.
@inlinable
public func mpiCheck(_ code: Int32, _ call: String) throws(MPIError) {
    guard code != descent_mpi_success() else { return }
    throw .callFailed(call: call, code: code, message: mpiErrorString(code))
}

/// `MPI_Error_string`'s words for `code` (the code's number where the library has none).
public func mpiErrorString(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: Int(descent_mpi_max_error_string()) + 1)
    var length: Int32 = 0
    guard MPI_Error_string(code, &buffer, &length) == descent_mpi_success() else { return "MPI error code \(code)" }
    return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `count` as an MPI element count.
@usableFromInline
func mpiCount(_ count: Int) throws(MPIError) -> Int32 {
    guard let narrow = Int32(exactly: count) else { throw .countTooLarge(count) }
    return narrow
}
