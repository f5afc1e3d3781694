// Why a load run cannot be planned: bad input, reported before anything is sent (exit 2).

/// A profile, flag or scenario that cannot make a run; the message names file:line:column
/// where there is one.
public struct LoadPlanError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and where.
    public var message: String

    /// Creates an error.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
