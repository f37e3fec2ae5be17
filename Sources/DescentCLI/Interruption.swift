import Foundation
import Descent

/// Ctrl-C (SIGINT), SIGTERM and SIGHUP during training, all alike: the first asks the run to stop
/// after the step in hand (the trainer looks between submissions of about 0.1 s of steps); the run
/// then saves a checkpoint if asked, removes its temporary files and exits with 128 + the signal's
/// number (130, 143, 129), as a shell reports a process the signal ended. A second signal ends the
/// process at once, after removing any half-written temporary file.
enum Interruption {
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// The first signal's number, 0 before any; set from the signal handler, read between submissions.
    nonisolated(unsafe) private static var received: sig_atomic_t = 0

    static var isRequested: Bool { received != 0 }

    /// The exit status for the signal received: 128 + its number.
    static var exitStatus: Int32 { 128 + Int32(received) }

    /// The signal received, as people know it.
    static var signalName: String {
        switch received {
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "Ctrl-C"
        }
    }

    static func install() {
        AtomicFile.removePendingTemporaryFile()  // nothing pending yet: sets up its storage outside any handler
        // A parent may have started us with these signals blocked (threads of a dispatch pool do): unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        for number in signals {
            let previous = signal(number) { number in
                guard Interruption.received == 0 else {
                    // Only async-signal-safe calls here: unlink and _exit.
                    AtomicFile.removePendingTemporaryFile()
                    _exit(128 + number)
                }
                Interruption.received = number
            }
            // `nohup` ignores SIGHUP so that a run outlives its terminal: keep it so.
            if number == SIGHUP, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(number, SIG_IGN) }
        }
    }
}
