// Runs a CompiledProgram over an instance. There is one evaluator, compiled twice: as a
// `Verdict` (`Schema.isValid`: stop at the first failure, record nothing — the load path, run
// on every response of a load test) and as a `Diagnosis` (`Schema.validate`: keep going up to
// the error cap and record where and why). The mode is a type parameter, so each keyword is
// written once, and the compiler's specialisation for `Verdict` keeps no trace of reporting:
// messages, paths and the continue-after-failure bookkeeping fold away.
//
// Both read the instance in place (InstancePointer) and the program through borrowed tables
// (ProgramTables), and keyword payloads are borrowed (Unretained.withObject): a verdict counts
// no references for the schema, and for the document only one retain and release per container
// a keyword looks into (what holding its members for the traversal costs).

import JSON

/// What an evaluation produces besides its answer.
protocol EvaluationMode {
    /// Whether failures are recorded, with where and why, rather than only answered.
    static var recordsErrors: Bool { get }
}

/// Yes or no, stopping at the first failure.
enum Verdict: EvaluationMode {
    static var recordsErrors: Bool { false }
}

/// Every failure up to the report's cap.
enum Diagnosis: EvaluationMode {
    static var recordsErrors: Bool { true }
}

/// Deeper than this many nested node evaluations, a schema is taken to recurse without
/// consuming the instance.
let maximumEvaluationDepth = 600

/// The state of one validation run.
struct Evaluator<Mode: EvaluationMode> {
    private let program: CompiledProgram
    private let tables: ProgramTables
    /// Copied from the program, as they are read for every node.
    private let hasReferences: Bool
    private let usesDynamicScope: Bool
    /// Where failures go: set in Diagnosis mode, nil in Verdict mode (and ignored there).
    private let report: ErrorReport?
    /// Where patterns not run on a text are noted (PatternRegex.test), when the caller asks.
    private let unchecked: UncheckedPatterns?
    /// The resources whose schemas are being evaluated, outermost first (tracked only when the
    /// program uses `$dynamicRef`, the one keyword that reads it).
    private var dynamicScope: [Int]
    /// Nesting of node evaluations, counted only when the schema has references.
    private var depth: Int

    /// An evaluator of `program` (whose tables are `tables`) starting at the top of an instance.
    init(program: CompiledProgram, tables: ProgramTables, report: ErrorReport?, unchecked: UncheckedPatterns? = nil) {
        self.init(program: program, tables: tables, report: report, unchecked: unchecked, dynamicScope: [], depth: 0)
    }

    private init(program: CompiledProgram, tables: ProgramTables, report: ErrorReport?, unchecked: UncheckedPatterns?,
                 dynamicScope: [Int], depth: Int) {
        self.unchecked = unchecked
        self.program = program
        self.tables = tables
        hasReferences = program.hasReferences
        usesDynamicScope = program.usesDynamicScope
        self.report = report
        self.dynamicScope = dynamicScope
        self.depth = depth
    }

    // MARK: - Reporting

    /// True when no more errors are wanted: always for a verdict, at the cap for a diagnosis.
    private var shouldStop: Bool {
        guard Mode.recordsErrors, let report else { return true }
        return report.isFull
    }

    @inline(__always)
    private func fail(_ keyword: @autoclosure () -> String, _ message: @autoclosure () -> String) {
        guard Mode.recordsErrors, let report else { return }
        report.add(keyword: keyword(), message: message())
    }

    /// Notes that `regex` was not run on `text` (when the caller collects such notes).
    @inline(never)
    private func notRun(_ regex: PatternRegex, _ text: String) {
        unchecked?.add(regex, length: text.unicodeScalars.count, at: report?.instancePointer)
    }

    private func currentLocation(_ segment: String) -> String {
        guard let report else { return "" }
        return report.schemaPath.map { "/" + $0 }.joined() + "/" + segment
    }

    // MARK: - Nodes

    /// Whether the value at `instance` matches `node`; records into `evaluated` what the node's
    /// in-place keywords evaluated (callers pass nil unless an `unevaluated*` keyword needs it).
    @inline(__always)
    mutating func evaluate(_ node: Int, _ instance: InstancePointer, _ evaluated: EvaluatedLocations?) -> Bool {
        // The commonest leaf, `{"type": "string"}`, is answered here, inline in the caller's
        // loop (a diagnosis still takes the long way on failure, for the message).
        let shape = tables.node(node)
        if shape.pointee.checksTypeOnly && depth < maximumEvaluationDepth {
            if shape.pointee.typeMask.admits(instance) { return true }
            if !Mode.recordsErrors { return false }
        }
        return evaluateNode(shape, instance, evaluated)
    }

    @inline(never)
    private mutating func evaluateNode(
        _ shape: UnsafePointer<SchemaNode>, _ instance: InstancePointer, _ evaluated: EvaluatedLocations?
    ) -> Bool {
        if let constant = shape.pointee.constant {
            if !constant {
                fail("", "no value is allowed here (the schema is false), found \(ValueText.describe(instance.pointee))")
            }
            return constant
        }
        // Only a schema with references can recurse without moving into the instance.
        guard hasReferences else { return evaluateKeywords(shape, instance, evaluated) }
        depth += 1
        defer { depth -= 1 }
        guard depth <= maximumEvaluationDepth else {
            fail("", "schema recursion deeper than \(maximumEvaluationDepth) levels: a $ref cycle that never moves into the instance")
            return false
        }
        return evaluateKeywords(shape, instance, evaluated)
    }

    @inline(__always)
    private mutating func evaluateKeywords(
        _ shape: UnsafePointer<SchemaNode>, _ instance: InstancePointer, _ evaluated: EvaluatedLocations?
    ) -> Bool {
        if !Mode.recordsErrors && !usesDynamicScope && !shape.pointee.collectsEvaluated {
            // A verdict needs no particular order: the type first (it turns most mismatches
            // away without a keyword dispatch), then the others until one fails.
            guard shape.pointee.typeMask.admits(instance) else { return false }
            for index in shape.pointee.keywordsAfterType where !check(tables.keyword(index), instance, evaluated) {
                return false
            }
            return true
        }
        return evaluateKeywordsInOrder(shape, instance, evaluated)
    }

    /// Every keyword in schema order, as a diagnosis reports them, tracking the dynamic scope and
    /// the evaluated locations `unevaluated*` reads.
    @inline(never)
    private mutating func evaluateKeywordsInOrder(
        _ shape: UnsafePointer<SchemaNode>, _ instance: InstancePointer, _ evaluated: EvaluatedLocations?
    ) -> Bool {
        var pushedScope = false
        if usesDynamicScope, dynamicScope.last != shape.pointee.resource {
            dynamicScope.append(shape.pointee.resource)
            pushedScope = true
        }
        let collects = shape.pointee.collectsEvaluated
        let own = collects ? EvaluatedLocations() : evaluated
        var valid = true
        for index in shape.pointee.keywords where !checkOutOfLine(tables.keyword(index), instance, own) {
            valid = false
            if shouldStop { break }
        }
        if collects, valid, let evaluated, let own { evaluated.merge(own) }
        if pushedScope { dynamicScope.removeLast() }
        return valid
    }

    /// Evaluates a child on the same instance (allOf, $ref, then, ...).
    @inline(__always)
    private mutating func inPlace(_ child: ChildSchema, _ instance: InstancePointer, _ evaluated: EvaluatedLocations?) -> Bool {
        guard Mode.recordsErrors, let report else { return evaluate(child.node, instance, evaluated) }
        report.schemaPath.append(child.segment)
        let valid = evaluate(child.node, instance, evaluated)
        report.schemaPath.removeLast()
        return valid
    }

    /// Evaluates a child on the member `key` of the instance.
    @inline(__always)
    private mutating func descend(_ child: ChildSchema, _ value: InstancePointer, key: @autoclosure () -> String) -> Bool {
        guard Mode.recordsErrors, let report else { return evaluate(child.node, value, nil) }
        return descend(child, value, .key(key()), report)
    }

    /// Evaluates a child on the item at `index` of the instance.
    @inline(__always)
    private mutating func descend(_ child: ChildSchema, _ value: InstancePointer, index: Int) -> Bool {
        guard Mode.recordsErrors, let report else { return evaluate(child.node, value, nil) }
        return descend(child, value, .index(index), report)
    }

    private mutating func descend(_ child: ChildSchema, _ value: InstancePointer, _ step: InstanceStep, _ report: ErrorReport) -> Bool {
        report.schemaPath.append(child.segment)
        report.instancePath.append(step)
        let valid = evaluate(child.node, value, nil)
        report.instancePath.removeLast()
        report.schemaPath.removeLast()
        return valid
    }

    /// Evaluates without recording errors, as a verdict (for `not`, `if`, `contains`, whose
    /// failures are not errors).
    private mutating func quietly(_ child: ChildSchema, _ instance: InstancePointer, _ evaluated: EvaluatedLocations?) -> Bool {
        guard Mode.recordsErrors else { return evaluate(child.node, instance, evaluated) }
        var verdict = Evaluator<Verdict>(program: program, tables: tables, report: nil, unchecked: unchecked,
                                         dynamicScope: dynamicScope, depth: depth)
        return verdict.evaluate(child.node, instance, evaluated)
    }

    /// Evaluates one alternative of anyOf/oneOf, returning its errors separately.
    private mutating func alternative(_ child: ChildSchema, _ instance: InstancePointer,
                                      _ evaluated: EvaluatedLocations?) -> (Bool, [ValidationError]) {
        guard Mode.recordsErrors, let report else { return (evaluate(child.node, instance, evaluated), []) }
        let savedErrors = report.errors
        let savedLimit = report.limit
        report.errors = []
        report.limit = 20
        let valid = inPlace(child, instance, evaluated)
        let errors = report.errors
        report.errors = savedErrors
        report.limit = savedLimit
        return (valid, errors)
    }

    // MARK: - Keywords

    /// `check` for the ordered loop, kept out of line so that the verdict's loop is the one
    /// place the keyword switch is inlined.
    @inline(never)
    private mutating func checkOutOfLine(_ keyword: UnsafePointer<CompiledKeyword>, _ instance: InstancePointer,
                                         _ evaluated: EvaluatedLocations?) -> Bool {
        check(keyword, instance, evaluated)
    }

    @inline(__always)
    private mutating func check(_ keyword: UnsafePointer<CompiledKeyword>, _ instance: InstancePointer,
                                _ evaluated: EvaluatedLocations?) -> Bool {
        switch keyword.pointee {
        case .type(let mask):
            if mask.admits(instance) { return true }
            fail("type", "expected \(mask.listText), found \(ValueText.typed(instance.pointee))")
            return false
        case .enumeration(let values):
            if values.withObject({ $0.contains(instance) }) { return true }
            fail("enum", "\(ValueText.describe(instance.pointee)) is not one of \(ValueText.list(values.object.values))")
            return false
        case .constant(let value):
            if value.withObject({ $0.value == instance.pointee }) { return true }
            fail("const", "expected \(ValueText.describe(value.object.value)), found \(ValueText.describe(instance.pointee))")
            return false
        case .multipleOf(let divisor):
            guard instance.pointee.isNumber, !divisor.divides(instance.pointee) else { return true }
            fail("multipleOf", "expected a multiple of \(divisor.value), found \(ValueText.describe(instance.pointee))")
            return false
        case .bound(let bound, let kind):
            return checkBound(bound, kind, instance)
        case .maxLength(let limit):
            guard case .string(let text) = instance.pointee, text.utf8.count > limit else { return true }
            let length = text.unicodeScalars.count
            if length <= limit { return true }
            fail("maxLength", "expected at most \(ValueText.counted(limit, "character")), found \(length) in \(ValueText.describe(instance.pointee))")
            return false
        case .minLength(let limit):
            guard case .string(let text) = instance.pointee else { return true }
            // A string has at most as many code points as UTF-8 bytes.
            let length = text.utf8.count < limit ? text.utf8.count : text.unicodeScalars.count
            if length >= limit { return true }
            fail("minLength", "expected at least \(ValueText.counted(limit, "character")), found \(length) in \(ValueText.describe(instance.pointee))")
            return false
        case .pattern(let regex):
            guard case .string(let text) = instance.pointee else { return true }
            switch regex.withObject({ $0.test(text) }) {
            case true?:
                return true
            case nil:
                // Not run on this text (PatternRegex): not a failure, and noted for the caller.
                notRun(regex.object, text)
                return true
            case false?:
                fail("pattern", "\(ValueText.describe(instance.pointee)) does not match the pattern \(regex.object.source)")
                return false
            }
        case .format(let format):
            guard case .string(let text) = instance.pointee, !format.acceptsInPlace(text) else { return true }
            fail("format", "\(ValueText.describe(instance.pointee)) is not a valid \(format.rawValue)")
            return false

        case .properties(let map):
            return map.withObject { checkProperties($0, instance, evaluated) }
        case .patternProperties(let entries):
            return entries.withObject { checkPatternProperties($0.value, instance, evaluated) }
        case .additionalProperties(let child, let context):
            return context.withObject { checkAdditionalProperties(child, $0.value, instance, evaluated) }
        case .unevaluatedProperties(let child):
            return checkUnevaluatedProperties(child, instance, evaluated)
        case .required(let names):
            return names.withObject { checkRequired($0.value, instance) }
        case .dependentRequired(let entries):
            return entries.withObject { checkDependentRequired($0.value, instance) }
        case .dependentSchemas(let entries):
            return entries.withObject { checkDependentSchemas($0.value, instance, evaluated) }
        case .propertyNames(let child):
            return checkPropertyNames(child, instance)
        case .maxProperties(let limit):
            guard let count = instance.withObjectMembers({ $0.count }), count > limit else { return true }
            fail("maxProperties", "expected at most \(ValueText.counted(limit, "property", plural: "properties")), found \(count)")
            return false
        case .minProperties(let limit):
            guard let count = instance.withObjectMembers({ $0.count }), count < limit else { return true }
            fail("minProperties", "expected at least \(ValueText.counted(limit, "property", plural: "properties")), found \(count)")
            return false

        case .prefixItems(let list):
            return list.withObject { checkPrefixItems($0.value, instance, evaluated) }
        case .items(let child, let start):
            return checkItems(child, start, instance, evaluated)
        case .unevaluatedItems(let child):
            return checkUnevaluatedItems(child, instance, evaluated)
        case .contains(let child, let minimum, let maximum):
            return checkContains(child, minimum, maximum, instance, evaluated)
        case .maxItems(let limit):
            guard let count = instance.withArrayElements({ $0.count }), count > limit else { return true }
            fail("maxItems", "expected at most \(ValueText.counted(limit, "item")), found \(count)")
            return false
        case .minItems(let limit):
            guard let count = instance.withArrayElements({ $0.count }), count < limit else { return true }
            fail("minItems", "expected at least \(ValueText.counted(limit, "item")), found \(count)")
            return false
        case .uniqueItems:
            guard case .array(let elements) = instance.pointee, let (first, second) = firstDuplicate(elements) else { return true }
            fail("uniqueItems", "items \(first) and \(second) are equal (\(ValueText.describe(elements[first]))); items must be unique")
            return false

        case .allOf(let children):
            return children.withObject { children in
                var valid = true
                for child in children.value where !inPlace(child, instance, evaluated) {
                    valid = false
                    if shouldStop { return false }
                }
                return valid
            }
        case .anyOf(let children):
            return children.withObject { checkAnyOf($0.value, instance, evaluated) }
        case .oneOf(let children):
            return children.withObject { checkOneOf($0.value, instance, evaluated) }
        case .not(let child):
            if !quietly(child, instance, nil) { return true }
            fail("not", "\(ValueText.describe(instance.pointee)) must not match the schema at \(currentLocation(child.segment))")
            return false
        case .conditional(let branches):
            return branches.withObject { checkConditional($0.value, instance, evaluated) }
        case .ref(let child):
            return inPlace(child, instance, evaluated)
        case .dynamicRef(let child, let anchor):
            return inPlace(dynamicTarget(child, anchor: anchor), instance, evaluated)
        }
    }

    // MARK: - Numbers

    private func checkBound(_ bound: SchemaNumber, _ kind: BoundKind, _ instance: InstancePointer) -> Bool {
        // The number is copied out of the instance by value (no reference counting for a number).
        let value: JSON
        switch instance.pointee {
        case .integer(let integer): value = .integer(integer)
        case .double(let double): value = .double(double)
        default: return true
        }
        guard let order = bound.compare(value) else { return true }
        let (holds, expectation, name) =
            switch kind {
            case .minimum: (order >= 0, "at least", "minimum")
            case .exclusiveMinimum: (order > 0, "more than", "exclusiveMinimum")
            case .maximum: (order <= 0, "at most", "maximum")
            case .exclusiveMaximum: (order < 0, "less than", "exclusiveMaximum")
            }
        if holds { return true }
        fail(name, "expected \(expectation) \(bound), found \(ValueText.describe(value))")
        return false
    }

    // MARK: - Objects

    private mutating func checkProperties(_ map: PropertyMap, _ instance: InstancePointer, _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withObjectMembers { members in
            var valid = true
            var hint = 0
            for position in members.indices {
                let member = members.member(at: position)
                guard let declared = map.position(of: member.pointee.key, hint: hint) else { continue }
                hint = declared + 1
                evaluated?.markMember(position)
                if !descend(map.children[declared], member.valuePointer, key: member.pointee.key) {
                    valid = false
                    if shouldStop { return false }
                }
            }
            return valid
        } ?? true
    }

    private mutating func checkPatternProperties(_ entries: [PatternProperty], _ instance: InstancePointer,
                                                 _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withObjectMembers { members in
            var valid = true
            for position in members.indices {
                let member = members.member(at: position)
                for entry in entries {
                    guard let matched = entry.regex.test(member.pointee.key) else {
                        // Whether the schema applies is unknown: the member is taken as evaluated, unchecked.
                        notRun(entry.regex, member.pointee.key)
                        evaluated?.markMember(position)
                        continue
                    }
                    guard matched else { continue }
                    evaluated?.markMember(position)
                    if !descend(entry.schema, member.valuePointer, key: member.pointee.key) {
                        valid = false
                        if shouldStop { return false }
                    }
                }
            }
            return valid
        } ?? true
    }

    private mutating func checkAdditionalProperties(_ child: ChildSchema, _ context: AdditionalContext, _ instance: InstancePointer,
                                                    _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withObjectMembers { members in
            var valid = true
            for position in members.indices {
                let member = members.member(at: position)
                if let known = context.known, known.position(of: member.pointee.key) != nil { continue }
                // A pattern not run on the key may have matched it: not an additional property then.
                if context.patterns.contains(where: { $0.test(member.pointee.key) != false }) { continue }
                evaluated?.markMember(position)
                if !checkExtra(child, member, keyword: "additionalProperties") {
                    valid = false
                    if shouldStop { return false }
                }
            }
            return valid
        } ?? true
    }

    private mutating func checkUnevaluatedProperties(_ child: ChildSchema, _ instance: InstancePointer,
                                                     _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withObjectMembers { members in
            var valid = true
            for position in members.indices where !(evaluated?.isMemberEvaluated(position) ?? false) {
                if !checkExtra(child, members.member(at: position), keyword: "unevaluatedProperties") {
                    valid = false
                    if shouldStop { return false }
                }
            }
            if valid { evaluated?.markAllMembers() }
            return valid
        } ?? true
    }

    /// A member that no `properties` / pattern claimed, against additional/unevaluatedProperties.
    private mutating func checkExtra(_ child: ChildSchema, _ member: UnsafePointer<JSONObject.Member>, keyword: String) -> Bool {
        if Mode.recordsErrors, tables.node(child.node).pointee.constant == false {
            // Said at the object, naming the member, rather than "no value is allowed" inside it.
            fail(keyword, "property \"\(member.pointee.key)\" is not allowed")
            return false
        }
        return descend(child, member.valuePointer, key: member.pointee.key)
    }

    private func checkRequired(_ names: [String], _ instance: InstancePointer) -> Bool {
        instance.withObjectMembers { members in
            var valid = true
            // Instances usually list required members in the schema's order.
            for (hint, name) in names.enumerated() where !members.containsKey(name, hint: hint) {
                valid = false
                fail("required", "missing required property \"\(name)\"")
                if shouldStop { break }
            }
            return valid
        } ?? true
    }

    private func checkDependentRequired(_ entries: [(property: String, required: [String])], _ instance: InstancePointer) -> Bool {
        instance.withObjectMembers { members in
            var valid = true
            for entry in entries where members.containsKey(entry.property, hint: 0) {
                for name in entry.required where !members.containsKey(name, hint: 0) {
                    valid = false
                    fail("dependentRequired", "missing property \"\(name)\", required when \"\(entry.property)\" is present")
                    if shouldStop { return false }
                }
            }
            return valid
        } ?? true
    }

    private mutating func checkDependentSchemas(_ entries: [(property: String, schema: ChildSchema)], _ instance: InstancePointer,
                                                _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withObjectMembers { members in
            var valid = true
            for entry in entries where members.containsKey(entry.property, hint: 0) && !inPlace(entry.schema, instance, evaluated) {
                valid = false
                if shouldStop { return false }
            }
            return valid
        } ?? true
    }

    private mutating func checkPropertyNames(_ child: ChildSchema, _ instance: InstancePointer) -> Bool {
        instance.withObjectMembers { members in
            var valid = true
            for position in members.indices {
                let name = JSON.string(members[position].key)
                if !withUnsafePointer(to: name, { inPlace(child, $0, nil) }) {
                    valid = false
                    if shouldStop { return false }
                }
            }
            return valid
        } ?? true
    }

    // MARK: - Arrays

    private mutating func checkPrefixItems(_ children: [ChildSchema], _ instance: InstancePointer,
                                           _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withArrayElements { elements in
            var valid = true
            for position in 0..<min(children.count, elements.count) {
                evaluated?.markItem(position)
                if !descend(children[position], elements.element(at: position), index: position) {
                    valid = false
                    if shouldStop { return false }
                }
            }
            return valid
        } ?? true
    }

    private mutating func checkItems(_ child: ChildSchema, _ start: Int, _ instance: InstancePointer,
                                     _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withArrayElements { elements in
            guard start < elements.count else { return true }
            if Mode.recordsErrors, tables.node(child.node).pointee.constant == false {
                // Said once for the array, rather than once per extra item.
                fail("items", "expected at most \(ValueText.counted(start, "item")), found \(elements.count)")
                return false
            }
            var valid = true
            for position in start..<elements.count where !descend(child, elements.element(at: position), index: position) {
                valid = false
                if shouldStop { return false }
            }
            if valid { evaluated?.markAllItems() }
            return valid
        } ?? true
    }

    private mutating func checkUnevaluatedItems(_ child: ChildSchema, _ instance: InstancePointer,
                                                _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withArrayElements { elements in
            var valid = true
            for position in elements.indices where !(evaluated?.isItemEvaluated(position) ?? false) {
                if Mode.recordsErrors, tables.node(child.node).pointee.constant == false {
                    fail("unevaluatedItems", "item \(position) is not allowed (no other keyword evaluated it)")
                    valid = false
                } else if !descend(child, elements.element(at: position), index: position) {
                    valid = false
                }
                if !valid && shouldStop { return false }
            }
            if valid { evaluated?.markAllItems() }
            return valid
        } ?? true
    }

    private mutating func checkContains(_ child: ChildSchema, _ minimum: Int, _ maximum: Int?, _ instance: InstancePointer,
                                        _ evaluated: EvaluatedLocations?) -> Bool {
        instance.withArrayElements { elements in
            var matches = 0
            // Annotations and `maxContains` need every match counted; otherwise enough is enough.
            let mustSeeAll = evaluated != nil || maximum != nil
            for position in elements.indices where quietly(child, elements.element(at: position), nil) {
                matches += 1
                evaluated?.markItem(position)
                if !mustSeeAll && matches >= minimum { return true }
            }
            if matches < minimum {
                fail("contains", "expected at least \(ValueText.counted(minimum, "item")) matching \"contains\", found \(matches)")
                return false
            }
            if let maximum, matches > maximum {
                fail("contains", "expected at most \(ValueText.counted(maximum, "item")) matching \"contains\", found \(matches)")
                return false
            }
            return true
        } ?? true
    }

    // MARK: - Combinators

    private mutating func checkAnyOf(_ children: [ChildSchema], _ instance: InstancePointer, _ evaluated: EvaluatedLocations?) -> Bool {
        if !Mode.recordsErrors && evaluated == nil {
            for child in children where evaluate(child.node, instance, nil) { return true }
            return false
        }
        var anyValid = false
        var failures: [(Int, [ValidationError])] = []
        for (position, child) in children.enumerated() {
            // With annotations wanted, every valid alternative contributes its own.
            let record = evaluated.map { _ in EvaluatedLocations() }
            let (valid, errors) = alternative(child, instance, record)
            if valid {
                anyValid = true
                if let record { evaluated?.merge(record) } else { break }
            } else {
                failures.append((position, errors))
            }
        }
        if anyValid { return true }
        reportBestAlternative("anyOf", failures, total: children.count)
        return false
    }

    private mutating func checkOneOf(_ children: [ChildSchema], _ instance: InstancePointer, _ evaluated: EvaluatedLocations?) -> Bool {
        var matching: [Int] = []
        var failures: [(Int, [ValidationError])] = []
        var matchedRecord: EvaluatedLocations?
        for (position, child) in children.enumerated() {
            let record = evaluated.map { _ in EvaluatedLocations() }
            let (valid, errors) = alternative(child, instance, record)
            if valid {
                matching.append(position)
                matchedRecord = record
                if matching.count > 1 && !Mode.recordsErrors { return false }
            } else {
                failures.append((position, errors))
            }
        }
        if matching.count == 1 {
            if let matchedRecord { evaluated?.merge(matchedRecord) }
            return true
        }
        if matching.isEmpty {
            reportBestAlternative("oneOf", failures, total: children.count)
        } else {
            fail("oneOf", "\(ValueText.describe(instance.pointee)) matches \(matching.count) oneOf alternatives (\(matching.map { "#\($0)" }.joined(separator: ", "))); exactly one must match")
        }
        return false
    }

    /// One error naming how many alternatives failed, then the closest alternative's own errors.
    private func reportBestAlternative(_ keyword: String, _ failures: [(Int, [ValidationError])], total: Int) {
        guard Mode.recordsErrors, let report else { return }
        let here = report.instancePointer.description
        func score(_ errors: [ValidationError]) -> Int {
            // An alternative that failed on the instance's very type is a worse guess than one
            // that got the type right and failed deeper.
            let typeMismatch = errors.contains { $0.keyword == "type" && $0.instanceLocation.description == here }
            return (typeMismatch ? 10_000 : 0) + errors.count
        }
        guard let best = failures.min(by: { score($0.1) < score($1.1) }) else { return }
        let reasons = best.1.prefix(3).map(\.message).joined(separator: "; ")
        let summary =
            total == 1
            ? "does not match the only \(keyword) alternative, #\(best.0), which fails with: "
            : "matches none of the \(total) \(keyword) alternatives; the closest, #\(best.0), fails with: "
        report.add(keyword: keyword, message: summary + reasons)
        for error in best.1 where !report.isFull { report.errors.append(error) }
    }

    private mutating func checkConditional(_ branches: Conditional, _ instance: InstancePointer, _ evaluated: EvaluatedLocations?) -> Bool {
        // The condition's annotations count only when it holds.
        let conditionRecord = evaluated.map { _ in EvaluatedLocations() }
        if quietly(branches.condition, instance, conditionRecord) {
            if let conditionRecord { evaluated?.merge(conditionRecord) }
            guard let then = branches.then else { return true }
            return inPlace(then, instance, evaluated)
        }
        guard let otherwise = branches.otherwise else { return true }
        return inPlace(otherwise, instance, evaluated)
    }

    /// Where a `$dynamicRef` leads: the outermost resource in the dynamic scope with the anchor,
    /// or the statically resolved target.
    private func dynamicTarget(_ child: ChildSchema, anchor: Unretained<Box<String>>?) -> ChildSchema {
        guard let anchor else { return child }
        let name = CodePointString(anchor.object.value)
        for resource in dynamicScope {
            if let node = program.dynamicAnchors[resource]?[name] { return child.leading(to: node) }
        }
        return child
    }
}

/// Positions of the first two equal items, if any.
private func firstDuplicate(_ elements: [JSON]) -> (Int, Int)? {
    if elements.count <= 16 {
        for first in elements.indices {
            for second in (first + 1)..<elements.count where elements[first] == elements[second] { return (first, second) }
        }
        return nil
    }
    var seen: [JSON: Int] = [:]
    for (position, element) in elements.enumerated() {
        if let earlier = seen[element] { return (earlier, position) }
        seen[element] = position
    }
    return nil
}

extension JSON {
    /// Whether this is a number (integer or double).
    var isNumber: Bool {
        switch self {
        case .integer, .double: return true
        default: return false
        }
    }
}
