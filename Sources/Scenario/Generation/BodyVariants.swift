// What `generate --examples N` means: variant 0 is the minimal body, variant 1 the full one,
// and variants 2… sample optional members and values from the seed.

import JSON
import OpenAPI
import Quantities

/// How much of a schema a generated value exercises.
public enum GenerationStyle: Sendable, Equatable {
    /// Required members only, the first enum value and first listed non-null type, `minItems` items,
    /// the shortest strings (one character when the schema allows any length) and the number
    /// nearest zero. Only string contents depend on the seed.
    case minimal
    /// Every optional member, arrays with two items where allowed; values drawn from the seed.
    case full
    /// Each optional member kept or left out by the seed, values and lengths drawn from it.
    case sampled

    /// The style of variant `variant` of a body: 0 minimal, 1 full, every later one sampled.
    public init(variant: Int) {
        switch variant {
        case ...0: self = .minimal
        case 1: self = .full
        default: self = .sampled
        }
    }
}

extension BodyGenerator {
    /// The random source for one attempt at one variant of the schema at `pointer`: a function
    /// of these alone, so variant 3 is the same whether or not 0…2 were generated, and two
    /// operations sharing a component schema still get different bodies.
    static func random(seed: UInt64, pointer: JSONPointer, variant: Int, attempt: Int) -> SeededRandom {
        // FNV-1a over the pointer text: stable across processes, unlike Hasher.
        var place: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in pointer.description.utf8 { place = (place ^ UInt64(byte)) &* 0x100_0000_01B3 }
        // "body" in ASCII keeps these streams apart from the template and mock streams.
        let salt = (0x626F_6479 ^ place) &+ UInt64(attempt)
        return SeededRandom.stream(seed: seed, salt: salt, index: UInt64(max(0, variant)))
    }

    /// Variants 0…count-1 of a body for `schema` (see `GenerationStyle(variant:)`).
    public func bodies(for schema: SchemaRef, in document: JSON, count: Int) throws(BodyGenerationError) -> [JSON] {
        var bodies: [JSON] = []
        for variant in 0..<max(0, count) { bodies.append(try body(for: schema, in: document, variant: variant)) }
        return bodies
    }

    /// Variants 0…count-1 of the JSON request body of `operationId`.
    public func bodies(forOperation operationId: String, in index: OperationIndex, count: Int) throws(BodyGenerationError) -> [JSON] {
        try bodies(for: try Self.requestBodySchema(operationId: operationId, in: index), in: index.document.root, count: count)
    }
}
