// Resolves local `$ref`s ("#/components/..."): one hop with a precise complaint about what is
// missing, or a whole chain with cycle detection. Remote references are refused by name.

import JSON

/// Follows `$ref`s within one document.
struct ReferenceResolver {
    let document: OpenAPIDocument

    /// The pointer tokens of the value `reference` points to, checked to exist.
    ///
    /// `refTokens` is where the `$ref` member itself sits; errors are reported there.
    func target(of reference: String, writtenAt refTokens: [String]) throws(SpecError) -> [String] {
        let at = document.location(of: refTokens)
        guard reference.hasPrefix("#") else { throw .remoteReference(at, reference: reference) }
        let tokens: [String]
        do {
            tokens = try JSONPointer(fragment: reference).tokens
        } catch {
            let isPlainName = !reference.dropFirst().isEmpty && !reference.dropFirst().hasPrefix("/")
            let reason = isPlainName
                ? "only JSON Pointer fragments ('#/...') are supported, not plain-name anchors"
                : "the fragment is not a valid JSON Pointer (\(error.reason))"
            throw .unresolvableReference(at, reference: reference, reason: reason)
        }
        var current = document.root
        for (depth, token) in tokens.enumerated() {
            if let next = current.value(at: JSONPointer(tokens: [token])) {
                current = next
                continue
            }
            let parent = describe(Array(tokens[..<depth]))
            switch current {
            case .object:
                throw .unresolvableReference(at, reference: reference, reason: "no '\(token)' under \(parent)")
            case .array(let elements):
                throw .unresolvableReference(
                    at, reference: reference,
                    reason: "no element '\(token)' in \(parent), which has \(elements.count) \(elements.count == 1 ? "element" : "elements")"
                )
            default:
                throw .unresolvableReference(
                    at, reference: reference,
                    reason: "\(parent) is \(article(current.typeName)), which has no '\(token)'"
                )
            }
        }
        return tokens
    }

    /// Follows `$ref`s from the value at `tokens` until a value that is not a reference; returns
    /// it with its own tokens. A chain that comes back on itself is a `.referenceCycle`.
    func follow(from tokens: [String]) throws(SpecError) -> (value: JSON, tokens: [String]) {
        var visited = [tokens]
        var current = tokens
        var value = document.root.value(at: JSONPointer(tokens: tokens)) ?? .null
        while case .string(let reference)? = value["$ref"] {
            let next = try target(of: reference, writtenAt: current + ["$ref"])
            if let start = visited.firstIndex(of: next) {
                let cycle = Array(visited[start...]) + [next]
                throw .referenceCycle(document.location(of: next + ["$ref"]), chain: cycle.map(Self.referenceText))
            }
            visited.append(next)
            current = next
            value = document.root.value(at: JSONPointer(tokens: next)) ?? .null
        }
        return (value, current)
    }

    /// `#/components/schemas/User`: how a pointer reads as a `$ref`.
    static func referenceText(_ tokens: [String]) -> String {
        "#" + JSONPointer(tokens: tokens).description
    }

    private func describe(_ tokens: [String]) -> String {
        tokens.isEmpty ? "the document root" : JSONPointer(tokens: tokens).description
    }
}
