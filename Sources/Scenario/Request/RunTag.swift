// The run id a create carries into a live account (`fcharness_run_id: <run id>`), so that a
// team can find what a run made and clean it up. Added to the step's body template before
// rendering, so contract steps, load steps prepared once, and dry runs all send the same bytes.

import Foundation
import JSON
import OpenAPI

/// Tags the bodies of creates with a run id, where their schema has room (`RunTagSite`).
public struct RunTag: Sendable, Equatable {
    /// The property name the tag is written under.
    public static let propertyName = "fcharness_run_id"

    /// The run's id (`RunID.make()`).
    public let runID: String

    /// A tag carrying `runID`.
    public init(runID: String) {
        self.runID = runID
    }

    /// A new run id: `fch-20261208T101500Z-3f9a2c` — the start time in UTC, so tagged records
    /// sort by run, and six random hex digits, so two runs started in the same second differ.
    public static func newRunID(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
        return "fch-" + formatter.string(from: date) + "-" + String(repeating: "0", count: 6 - suffix.count) + suffix
    }

    /// `step` with the tag added to its body when `operation`'s schema has a site for it; the
    /// step as it was otherwise — no body (the scenario sends none on purpose), a body that
    /// is not an object, or a member at the site that is not the shape the schema gives it
    /// (a negative case sending a string there is left to test what it tests).
    public func tagging(_ step: Step, operation: OpenAPI.Operation, root: JSON) -> Step {
        guard let body = step.body, let site = RunTagSite.site(of: operation, root: root),
              let tagged = tagging(body, at: site) else { return step }
        var copy = step
        copy.body = tagged
        return copy
    }

    /// `body` with the tag at `site`; nil when the body cannot take it there.
    public func tagging(_ body: BodyTemplate, at site: RunTagSite) -> BodyTemplate? {
        switch body {
        case .literal(.object(var object)):
            guard let value = tagging(object[site.member].map(BodyTemplate.literal), at: site) else { return nil }
            guard case .literal(let json) = value else { return nil }
            object[site.member] = json
            return .literal(.object(object))
        case .object(var members):
            let position = members.firstIndex { $0.key.hasSameCodePoints(as: site.member) }
            guard let value = tagging(position.map { members[$0].value }, at: site) else { return nil }
            if let position { members[position].value = value } else { members.append((site.member, value)) }
            return .object(members)
        default:
            return nil
        }
    }

    /// The member's value with the tag added (a new value when the body has no such member).
    private func tagging(_ member: BodyTemplate?, at site: RunTagSite) -> BodyTemplate? {
        switch (site, member) {
        case (.namedPairs, nil): return .literal(.array([pair]))
        case (.namedPairs, .literal(.array(let elements))?): return .literal(.array(elements + [pair]))
        case (.namedPairs, .array(let elements)?): return .array(elements + [.literal(pair)])
        case (.freeFormObject, nil): return .literal(.object([Self.propertyName: .string(runID)]))
        case (.freeFormObject, .literal(.object(var object))?):
            object[Self.propertyName] = .string(runID)
            return .literal(.object(object))
        case (.freeFormObject, .object(var members)?):
            members.removeAll { $0.key.hasSameCodePoints(as: Self.propertyName) }
            members.append((Self.propertyName, .literal(.string(runID))))
            return .object(members)
        default:
            return nil
        }
    }

    /// `{"name": "fcharness_run_id", "value": RUN_ID}`.
    private var pair: JSON { .object(["name": .string(Self.propertyName), "value": .string(runID)]) }
}
