import Descent
import Foundation

/// The files a command reads and writes, checked together before any work: each output must be
/// writable (``AtomicFile/checkWritable(_:)``), and no output may name an input or another output,
/// compared after following links (by device and inode where the file exists, by resolved path
/// where it does not yet), so `--model-out d.data` cannot replace the data and `--plot m.json` the
/// model. A new output joins with one `output(_:_:)` line.
struct OutputPaths {
    private struct Entry { var flag: String; var path: String }
    private var inputs = [Entry]()
    private var outputs = [Entry]()
    private var allowed = Set<[String]>()

    mutating func input(_ flag: String, _ path: String?) { if let path { inputs.append(Entry(flag: flag, path: path)) } }
    mutating func output(_ flag: String, _ path: String?) { if let path { outputs.append(Entry(flag: flag, path: path)) } }

    /// Lets `output` name the same file as `input`: `--checkpoint` and `--resume`, to continue a run in place.
    mutating func allow(output: String, sameAs input: String) { allowed.insert([output, input]) }

    func check() throws {
        for output in outputs {
            do { try AtomicFile.checkWritable(output.path) } catch { throw InputError("\(output.flag) \(error)") }
        }
        for (index, output) in outputs.enumerated() {
            guard let identity = FileIdentity(output.path) else { continue }
            if let input = inputs.first(where: { !allowed.contains([output.flag, $0.flag]) && FileIdentity($0.path) == identity }) {
                throw InputError("\(output.flag) \(output.path) is the same file as \(input.flag) \(input.path): writing it would replace the input; give the output another path")
            }
            if let other = outputs[..<index].first(where: { FileIdentity($0.path) == identity }) {
                throw InputError("\(output.flag) \(output.path) is the same file as \(other.flag) \(other.path): one output would replace the other; give each its own path")
            }
        }
    }
}

/// Which file a path names: an existing regular file by device and inode (so links, `./` and hard
/// links all match), a file still to be created by its resolved path. Nil for what writing cannot
/// destroy (a device such as /dev/null, a pipe): several outputs may share it.
enum FileIdentity: Hashable {
    case inode(device: UInt64, inode: UInt64)
    case path(String)

    init?(_ path: String) {
        var status = stat()
        if stat(path, &status) == 0 {
            let kind = status.st_mode & S_IFMT
            guard kind == S_IFREG || kind == S_IFDIR else { return nil }
            for descriptor: Int32 in [STDOUT_FILENO, STDERR_FILENO] {  // /dev/stdout appends to the stream
                var open = stat()
                if fstat(descriptor, &open) == 0, open.st_dev == status.st_dev, open.st_ino == status.st_ino { return nil }
            }
            self = .inode(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            return
        }
        guard let resolved = try? AtomicFile.resolvingLinks(path) else { return nil }
        let url = URL(fileURLWithPath: resolved)
        let directory = url.deletingLastPathComponent().path
        guard let real = realpath(directory, nil) else { self = .path(url.standardizedFileURL.path); return }
        defer { free(real) }
        self = .path(String(cString: real) + "/" + url.lastPathComponent)
    }
}
