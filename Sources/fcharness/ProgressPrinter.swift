// Where the live progress of a load run goes: one line rewritten in place on a terminal, a
// plain line every 5 seconds otherwise (CI logs), nothing with --no-progress. Standard error,
// so that standard output holds only the summary.
import Foundation
import Report
import NIOConcurrencyHelpers

/// Prints progress snapshots to standard error.
final class ProgressPrinter: Sendable {
    private let enabled: Bool
    private let terminal: Bool
    private let color: Bool
    /// Whether a line is on screen, and when the last plain line went out.
    private let state = NIOLockedValueBox<(shown: Bool, lastPlain: Double)>((false, 0))

    /// Non-terminal output prints a line this often (seconds).
    static let plainInterval = 5.0

    init(enabled: Bool, color: Bool) {
        self.enabled = enabled
        terminal = isatty(2) == 1
        self.color = color && terminal
    }

    /// Shows one snapshot.
    func show(_ snapshot: ProgressSnapshot) {
        guard enabled else { return }
        if terminal {
            let line = ProgressLine.render(snapshot, width: Self.terminalWidth(), forTerminal: true, color: color)
            state.withLockedValue { $0.shown = true }
            writeError("\r" + line + "\u{1B}[K")
        } else {
            let due = state.withLockedValue { state -> Bool in
                guard snapshot.elapsedSeconds - state.lastPlain >= Self.plainInterval else { return false }
                state.lastPlain = snapshot.elapsedSeconds
                return true
            }
            if due { writeError(ProgressLine.render(snapshot, width: 200, forTerminal: false, color: false) + "\n") }
        }
    }

    /// Ends the in-place line so the summary starts on a line of its own.
    func finish() {
        if state.withLockedValue({ $0.shown }) { writeError("\n") }
    }

    private func writeError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// The terminal's width in columns (`COLUMNS`, else the terminal's own, else 100).
    private static func terminalWidth() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}
