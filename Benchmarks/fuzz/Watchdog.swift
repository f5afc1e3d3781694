// Watches the input that is running from a second thread: one that runs too long is a hang,
// one that makes the process too big is unbounded memory. Either ends the run at once, with the
// input kept as a reproducer.

import Foundation
import NIOConcurrencyHelpers
import Synchronization

/// Polls the running input's age and the process's resident memory.
final class Watchdog: Sendable {
    private let timeLimitNanoseconds: UInt64
    private let memoryLimitBytes: Int
    /// The target being run and its reproducer file.
    private let current = NIOLockedValueBox<(target: String, reproducer: Reproducer)?>(nil)
    /// When the current input started (monotonic nanoseconds), 0 between inputs.
    private let started = Atomic<UInt64>(0)
    private let inputNumber = Atomic<Int>(0)

    init(timeLimitSeconds: Double, memoryLimitMegabytes: Int) {
        self.timeLimitNanoseconds = UInt64(timeLimitSeconds * 1e9)
        self.memoryLimitBytes = memoryLimitMegabytes << 20
        Thread { [self] in watch() }.start()
    }

    /// Names the target whose inputs run from now on.
    func watch(_ target: String, reproducer: Reproducer) {
        current.withLockedValue { $0 = (target, reproducer) }
    }

    /// Marks input `number` as running.
    func begin(_ number: Int) {
        inputNumber.store(number, ordering: .relaxed)
        started.store(Self.now(), ordering: .releasing)
    }

    /// Marks the input done; how long it ran, in nanoseconds.
    func end() -> UInt64 {
        let start = started.exchange(0, ordering: .acquiringAndReleasing)
        return Self.now() - start
    }

    private func watch() {
        while true {
            usleep(50_000)
            let start = started.load(ordering: .acquiring)
            guard start != 0 else { continue }
            if Self.now() - start > timeLimitNanoseconds {
                stop("hang", detail: "input ran longer than \(Double(timeLimitNanoseconds) / 1e9) s")
            }
            if let resident = Self.residentBytes(), resident > memoryLimitBytes {
                stop("memory", detail: "the process grew to \(resident >> 20) MiB (limit \(memoryLimitBytes >> 20) MiB)")
            }
        }
    }

    /// Keeps the reproducer and ends the process: the input is still running and cannot be stopped.
    private func stop(_ kind: String, detail: String) -> Never {
        let number = inputNumber.load(ordering: .relaxed)
        guard let (target, reproducer) = current.withLockedValue({ $0 }) else { _exit(3) }
        let kept = reproducer.keep(as: "\(kind)-\(target)-\(number)")
        let line = "\(target): \(kind) on input \(number): \(detail); reproducer \(kept)\n"
        FileHandle.standardError.write(Data(line.utf8))
        _exit(3)
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Resident memory from /proc (Linux); nil elsewhere, where memory is not watched.
    private static func residentBytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
