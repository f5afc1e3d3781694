// `--flavor`: whose word the mock answers by — the seed spec's, or what public clients observe
// of the live Freshchat API (scenarios/overlays/freshchat-observed.yaml). The flavor is read in
// one place per concern: the list envelope (`ListEnvelope`), the error body (`ErrorBody`) and
// the rate-limit headers (`RateLimitHeaders`); requests are checked against the spec the flavor
// serves (`overlays`). The store, the seed data and the faults are the same in every flavor.
import OpenAPI

/// How the mock answers.
public enum MockFlavor: String, Sendable, CaseIterable, CustomStringConvertible {
    /// As `scenarios/freshchat.openapi.yaml` documents: `links.next_page` / `prev_page` as
    /// absolute URLs, Error bodies with a string `code`, `429` with `Retry-After`.
    case seed
    /// As the live API is observed to (docs/overlays.md): lists with `pagination` and link
    /// objects, the messages list with one `link`, Error bodies `{code: Int, status, message}`,
    /// `X-RateLimit-*` on every response and `429` without `Retry-After`; requests are checked
    /// against the spec with the observed overlay applied (six conversation statuses, pages of
    /// up to 100 users or agents, `from_time` on the messages list). Creates answer `200`,
    /// which both the spec and the overlay document (the overlay adds `202`).
    case observed

    /// `seed` or `observed`, as the CLI spells it.
    public var description: String { rawValue }

    /// The overlays this flavor applies to the spec before serving it, in order: none for
    /// `seed`; for `observed` the copy of `scenarios/overlays/freshchat-observed.yaml` built
    /// into the binary, so the flavor does not depend on the working directory.
    public func overlays() throws(OverlayError) -> [Overlay] {
        switch self {
        case .seed: return []
        case .observed: return [try Overlay.read(text: ObservedOverlay.yaml, file: ObservedOverlay.name)]
        }
    }
}
