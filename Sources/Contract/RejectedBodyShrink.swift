// `contract --shrink`: when the server refuses a body the spec calls valid, find the smallest
// body that the spec still calls valid and the server still refuses — what a bug report
// against the API (or the spec) should quote.
import Curl
import JSON
import JSONSchema
import OpenAPI
import Report
import Scenario

/// Shrinks one refused request body by re-sending smaller valid candidates.
struct RejectedBodyShrink {
    let runner: ContractRunner
    let operation: OpenAPI.Operation
    let rendered: RenderedRequest
    /// The refusal being reproduced: its status (4xx) and body.
    let status: Int
    let responseBody: [UInt8]

    /// At most this many candidates are sent per step.
    static let maxAttempts = 200

    /// The note for the step: the smallest refused body, or nil when the sent body is not one
    /// the spec calls valid (then the refusal is the spec's, not a finding). Rate-limit waits
    /// of the re-sent bodies are added to `waits`.
    func note(waits: inout ContractRateLimitWaits) async -> String? {
        guard let bytes = rendered.body, let body = try? JSON.parse(bytes),
              let schemaRef = operation.requestBody?.schema(forContentType: "application/json"),
              let schema = try? Schema(document: runner.validators.index.document.root, pointer: schemaRef.pointer, formats: .assert),
              schema.validate(body, maxErrors: 1).isEmpty else { return nil }
        let shrinker = BodyShrinker(maxAttempts: Self.maxAttempts)
        let result: ShrinkResult
        do {
            result = try await shrinker.shrink(body, isValid: { schema.validate($0, maxErrors: 1).isEmpty }) { candidate in
                try await refused(candidate, waits: &waits)
            }
        } catch {
            return "the server refused (\(status)) a body the spec calls valid; shrinking stopped: \(error)"
        }
        let bound = result.exhausted ? " (stopped after \(result.attempts) requests; smaller ones may exist)" : ""
        return "the server refused (\(status)) a body the spec calls valid; the smallest valid body it still refuses, "
            + "found in \(result.attempts) requests\(bound): \(result.body.serialized())"
    }

    /// Whether the server answers `candidate` with the same refusal: the same status and the
    /// same reason. Without the second, shrinking wanders off to a smaller body refused for
    /// another reason (an id emptied into one that does not exist).
    ///
    /// Each candidate goes through the run's rate-limit gate like any step: up to 200 requests
    /// must not spend a live account's allowance faster than the rest of the run may.
    private func refused(_ candidate: JSON, waits: inout ContractRateLimitWaits) async throws(CurlError) -> Bool {
        var request = rendered
        request.body = candidate.serializedBytes()
        let built = RequestBuilder.request(for: request, target: runner.target)
        var notes: [String] = []  // a hold is counted in `waits`; 200 notes of it would drown the finding
        guard let ticket = await runner.passGate(paced: true, notes: &notes, waits: &waits) else {
            throw .cancelled(url: RequestBuilder.displayURL(built.url))
        }
        let response: HTTPResponse
        do {
            response = try await runner.client.perform(built, options: runner.options.transfer)
        } catch {
            await runner.leaveGate(nil, ticket: ticket)
            throw error
        }
        await runner.leaveGate(response.headers, ticket: ticket)
        return response.status == status && Self.reason(of: response.body) == Self.reason(of: responseBody)
    }

    /// A refusal's reason with the values that come from the request left out: the text of the
    /// response body without quoted parts ('no-such-user', "x") and digits, so "user 'ab' does
    /// not exist" and "user '' does not exist" are one reason.
    static func reason(of body: [UInt8]) -> String {
        var reason = ""
        var quote: Character?
        for character in String(decoding: body, as: UTF8.self) {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "`" {
                quote = character
            } else if !character.isNumber {
                reason.append(character)
            }
        }
        return reason
    }
}
