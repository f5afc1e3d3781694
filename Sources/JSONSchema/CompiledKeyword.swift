// The check one keyword performs, as the compiler left it for the Evaluator: numbers and
// masks inline, everything larger behind an Unretained reference.

import JSON

/// The check one keyword performs. Every payload is trivially copyable (numbers, enums or
/// Unretained references), so keyword lists are read without reference counting.
enum CompiledKeyword: Sendable {
    case type(TypeMask)
    case enumeration(Unretained<EnumValues>)
    case constant(Unretained<Box<JSON>>)
    case multipleOf(Divisor)
    case bound(SchemaNumber, BoundKind)
    case maxLength(Int)
    case minLength(Int)
    case pattern(Unretained<PatternRegex>)
    case format(KnownFormat)

    case properties(Unretained<PropertyMap>)
    case patternProperties(Unretained<Box<[PatternProperty]>>)
    case additionalProperties(ChildSchema, Unretained<Box<AdditionalContext>>)
    case required(Unretained<Box<[String]>>)
    case dependentRequired(Unretained<Box<[(property: String, required: [String])]>>)
    case dependentSchemas(Unretained<Box<[(property: String, schema: ChildSchema)]>>)
    case propertyNames(ChildSchema)
    case maxProperties(Int)
    case minProperties(Int)

    case prefixItems(Unretained<Box<[ChildSchema]>>)
    case items(ChildSchema, startingAt: Int)
    case contains(ChildSchema, min: Int, max: Int?)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems

    case allOf(Unretained<Box<[ChildSchema]>>)
    case anyOf(Unretained<Box<[ChildSchema]>>)
    case oneOf(Unretained<Box<[ChildSchema]>>)
    case not(ChildSchema)
    case conditional(Unretained<Box<Conditional>>)
    case ref(ChildSchema)
    case dynamicRef(ChildSchema, anchor: Unretained<Box<String>>?)

    case unevaluatedProperties(ChildSchema)
    case unevaluatedItems(ChildSchema)

    /// The keyword's name, for error locations.
    var name: String {
        switch self {
        case .type: return "type"
        case .enumeration: return "enum"
        case .constant: return "const"
        case .multipleOf: return "multipleOf"
        case .bound(_, let kind):
            switch kind {
            case .minimum: return "minimum"
            case .exclusiveMinimum: return "exclusiveMinimum"
            case .maximum: return "maximum"
            case .exclusiveMaximum: return "exclusiveMaximum"
            }
        case .maxLength: return "maxLength"
        case .minLength: return "minLength"
        case .pattern: return "pattern"
        case .format: return "format"
        case .properties: return "properties"
        case .patternProperties: return "patternProperties"
        case .additionalProperties: return "additionalProperties"
        case .required: return "required"
        case .dependentRequired: return "dependentRequired"
        case .dependentSchemas: return "dependentSchemas"
        case .propertyNames: return "propertyNames"
        case .maxProperties: return "maxProperties"
        case .minProperties: return "minProperties"
        case .prefixItems: return "prefixItems"
        case .items: return "items"
        case .contains: return "contains"
        case .maxItems: return "maxItems"
        case .minItems: return "minItems"
        case .uniqueItems: return "uniqueItems"
        case .allOf: return "allOf"
        case .anyOf: return "anyOf"
        case .oneOf: return "oneOf"
        case .not: return "not"
        case .conditional: return "if"
        case .ref: return "$ref"
        case .dynamicRef: return "$dynamicRef"
        case .unevaluatedProperties: return "unevaluatedProperties"
        case .unevaluatedItems: return "unevaluatedItems"
        }
    }
}

/// Which bound keyword a number is compared with.
enum BoundKind: Sendable {
    case minimum, exclusiveMinimum, maximum, exclusiveMaximum
}

/// One entry of `patternProperties`: the names it claims and their schema.
struct PatternProperty: Sendable {
    let regex: PatternRegex
    let schema: ChildSchema
}

/// `if` / `then` / `else` of one schema.
struct Conditional: Sendable {
    let condition: ChildSchema
    let then: ChildSchema?
    let otherwise: ChildSchema?
}

/// What `additionalProperties` must skip: the sibling `properties` names and `patternProperties` regexes.
struct AdditionalContext: Sendable {
    let known: PropertyMap?
    let patterns: [PatternRegex]
}
