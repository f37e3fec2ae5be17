import Descent
import Foundation

/// SIGBUS from a mapped data file that another program truncated while descent read it (the first
/// page past the new end faults): the run ends as for a data error, with a message naming the file
/// and exit status 1, after removing any half-written temporary file, instead of the shell's
/// "Bus error (core dumped)". A fault at any other address is left to end the process as before.
enum FileFault {
    static func install() {
        MappedRegions.prepare()  // the handler reads this storage and AtomicFile's: set both up outside it
        AtomicFile.removePendingTemporaryFile()
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = { _, info, _ in
            // Only async-signal-safe calls here: write, strlen, unlink, signal and _exit.
            guard let path = MappedRegions.path(containing: info?.pointee._sifields._sigfault.si_addr) else {
                signal(SIGBUS, SIG_DFL)  // not a data file's page: on return the fault repeats and ends the process
                return
            }
            AtomicFile.removePendingTemporaryFile()
            FileFault.write("Error: ")
            _ = Foundation.write(STDERR_FILENO, path, strlen(path))
            FileFault.write("""
                : the file became shorter while descent was reading it (another program truncated it or \
                rewrote it in place), so the run stopped. To replace a data file in use, write the new one \
                beside it and rename it over the old one.

                """)
            _exit(1)
        }
        action.sa_flags = SA_SIGINFO
        sigemptyset(&action.sa_mask)
        sigaction(SIGBUS, &action, nil)
    }

    private static func write(_ text: StaticString) {
        _ = Foundation.write(STDERR_FILENO, text.utf8Start, text.utf8CodeUnitCount)
    }
}
