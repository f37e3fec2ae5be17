import Foundation

/// Ctrl-C during training: the first one asks the run to stop after the step in hand (the trainer
/// looks between submissions of about 0.1 s of steps), the second one ends the process at once.
enum Interruption {
    /// Set from the signal handler; read between submissions.
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    static var isRequested: Bool { requested != 0 }

    static func install() {
        // A parent may have started us with SIGINT blocked (threads of a dispatch pool do): unblock it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            if Interruption.requested != 0 { _exit(130) }
            Interruption.requested = 1
        }
    }
}
