// The one edit that turns a valid request into a negative one, and how a body edit is applied.
// A change names what to alter; the runner builds the valid request and applies it last.

import JSON

/// One change that turns a valid request into one the API must refuse.
public enum RequestChange: Sendable, Hashable {
    /// Send header `name` with `value`; an empty `value` means send no such header at all, which
    /// removes the runner's default (no token).
    case header(name: String, value: String)
    /// Use `value` for the path parameter `name`.
    case pathValue(name: String, value: String)
    /// Send `value` as the text of the query parameter `name`.
    case query(name: String, value: String)
    /// Remove the member (or array element) at the pointer from the body.
    case bodyRemove(JSONPointer)
    /// Set the value at the pointer, adding it or replacing what is there; its parent exists in
    /// the base body.
    case bodySet(JSONPointer, JSON)
}

extension RequestChange {
    /// `body` with this change applied; header, path and query changes return it unchanged.
    ///
    /// Only the addressed value is touched, so a body whose other strings are templates
    /// (`"{{user_id}}"`) keeps them for the runner to render. A pointer whose parent is missing
    /// leaves the body as it is, and so does removing the root.
    public func apply(toBody body: JSON) -> JSON {
        switch self {
        case .header, .pathValue, .query:
            return body
        case .bodyRemove(let pointer):
            return body.removing(at: pointer) ?? body
        case .bodySet(let pointer, let value):
            return body.setting(value, at: pointer) ?? body
        }
    }
}
