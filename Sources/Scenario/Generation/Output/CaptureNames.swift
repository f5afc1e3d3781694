// The names a lifecycle's captures go by: the id's resource in the singular (`user_id`), so a
// generated file reads like a hand-written one; numbered when two steps yield ids of one
// resource.

import JSON

/// Capture names for one lifecycle: which step captures what, and what each input reads.
struct CaptureNames {
    /// Per producing step, its captures in first-use order.
    private var madeAt: [Int: [NamedText]] = [:]
    /// The capture name of each (step, response path) source.
    private var bySource: [String: String] = [:]

    init(lifecycle: ResourceLifecycle, resources: [InferredResource]) {
        let singular = Dictionary(resources.map { ($0.name, $0.singular) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = []
        for step in lifecycle.steps {
            for input in step.inputs {
                let key = Self.key(input)
                guard bySource[key] == nil else { continue }
                let stem = "\(singular[input.edge.resource] ?? input.edge.resource)_id"
                var name = stem
                var number = 2
                while used.contains(name) {
                    name = "\(stem)_\(number)"
                    number += 1
                }
                used.insert(name)
                bySource[key] = name
                madeAt[input.fromStep, default: []].append(NamedText(name, input.edge.source.path.description))
            }
        }
    }

    /// The capture an input reads.
    func name(for input: StepInput) -> String { bySource[Self.key(input)] ?? input.sink.location.name }

    /// The captures step `position` makes.
    func captures(madeAt position: Int) -> [NamedText] { madeAt[position] ?? [] }

    private static func key(_ input: StepInput) -> String { "\(input.fromStep)|\(input.edge.source.path)" }
}

/// Turning resource names into file names.
enum FileNames {
    /// `conversations` stays; `Line Items` becomes `line-items`: lower-case letters, digits
    /// and single dashes.
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "resource" : slug
    }
}
