// Shrinking a request body the server wrongly rejects to the smallest one the spec still calls
// valid and the server still rejects, so a contract failure is reported on a body a person can
// read at a glance. Pure: the caller supplies both predicates; nothing here sends a request.

import JSON

/// The outcome of shrinking.
public struct ShrinkResult: Sendable, Equatable {
    /// The smallest body found that is valid and still rejected; the input itself when no
    /// smaller candidate was both.
    public let body: JSON
    /// Candidates tried: each is one call of `isRejected`.
    public let attempts: Int
    /// Shrink steps taken: candidates found valid and rejected, each replacing the body.
    public let accepted: Int
    /// True when `maxAttempts` stopped the search before a fixpoint: a valid candidate that
    /// had not been tried was left when the budget ran out.
    public let exhausted: Bool
}

/// Shrinks a JSON body by greedy, deterministic delta debugging.
///
/// From the current body it tries candidates in a fixed order and keeps the first that is
/// valid and still rejected, then starts again from that smaller body (first improvement),
/// until no candidate is kept (a fixpoint) or `maxAttempts` calls of `isRejected` are spent.
/// The candidates, in the order tried, each one edit of the current body:
/// 1. remove one object member: objects top-down (a parent before its children, so whole
///    subtrees go first), members in key order (UTF-8 bytes, as `sortedKeys` writes them);
/// 2. remove one array element: arrays top-down, elements from the last to the first;
/// 3. shorten one string to a prefix: `""`, then its first character, then its first half,
///    then ever longer prefixes up to all but the last character — so a `minLength` is
///    reached exactly (lengths count Unicode scalars, as JSON Schema counts them);
/// 4. bring one number nearer zero — `0`, then `±1`, then half, then values ever closer to
///    the number, integers staying integers and doubles taking whole values — and turn one
///    `true` into `false`.
///
/// Every candidate is strictly smaller than the body it came from, comparing (number of
/// nodes, Unicode scalars in strings, total magnitude of numbers, count of `true`)
/// lexicographically: removals lower the first, prefixes the second, and number and boolean
/// moves the last two without touching the others. A double's first move makes it whole, so
/// the measure is well-founded and the search ends even without a budget.
public struct BodyShrinker: Sendable {
    /// The most calls of `isRejected` one shrink makes.
    public let maxAttempts: Int

    /// A shrinker that makes at most `maxAttempts` calls of `isRejected` (a negative budget
    /// counts as zero).
    public init(maxAttempts: Int = 400) {
        self.maxAttempts = max(0, maxAttempts)
    }

    /// Shrinks `body` (which the caller knows is valid and rejected).
    ///
    /// A candidate is kept when `isValid(candidate)` (checked first, cheap, no attempt counted
    /// when false) and then `isRejected(candidate)` (expensive: a request) are both true.
    ///
    /// A candidate whose compact text was already passed to `isRejected` is not passed again.
    /// - Throws: whatever `isRejected` throws; the search stops there.
    public func shrink(
        _ body: JSON, isValid: (JSON) -> Bool, isRejected: (JSON) throws -> Bool
    ) rethrows -> ShrinkResult {
        var search = ShrinkSearch(body: body, maxAttempts: maxAttempts)
        while let candidate = search.nextCandidate(isValid: isValid) {
            search.record(candidate, rejected: try isRejected(candidate))
        }
        return search.result
    }

    /// Shrinks `body` as the synchronous variant does, for callers whose `isRejected` sends a
    /// request.
    ///
    /// Candidates are tried one at a time, in the same order as the synchronous variant, so
    /// both give the same result for the same predicates.
    /// - Throws: whatever `isRejected` throws; the search stops there.
    public func shrink(
        _ body: JSON, isValid: (JSON) -> Bool, isRejected: (JSON) async throws -> Bool
    ) async rethrows -> ShrinkResult {
        var search = ShrinkSearch(body: body, maxAttempts: maxAttempts)
        while let candidate = search.nextCandidate(isValid: isValid) {
            search.record(candidate, rejected: try await isRejected(candidate))
        }
        return search.result
    }
}

/// One shrink in progress: the current body, its candidate edits in the order they are tried,
/// and the counts. Both `shrink` variants drive this one state machine, so they cannot
/// disagree; only the call of `isRejected` differs between them.
struct ShrinkSearch {
    private(set) var body: JSON
    private let maxAttempts: Int
    private var edits: [BodyEdit]
    private var nextEdit = 0
    /// Compact texts of the candidates passed to `isRejected`: at most `maxAttempts` of them.
    private var tried: Set<[UInt8]> = []
    private var attempts = 0
    private var accepted = 0
    private var exhausted = false

    init(body: JSON, maxAttempts: Int) {
        self.body = body
        self.maxAttempts = maxAttempts
        edits = BodyEdit.edits(of: body)
    }

    /// The next candidate to pass to `isRejected`, counted as an attempt: valid and never
    /// tried before. Nil at a fixpoint, or when the budget is spent with such a candidate
    /// left (then the search is exhausted).
    mutating func nextCandidate(isValid: (JSON) -> Bool) -> JSON? {
        while nextEdit < edits.count {
            let candidate = edits[nextEdit].applied(to: body)
            nextEdit += 1
            guard isValid(candidate) else { continue }
            let text = candidate.serializedBytes()
            guard !tried.contains(text) else { continue }
            guard attempts < maxAttempts else {
                exhausted = true
                return nil
            }
            tried.insert(text)
            attempts += 1
            return candidate
        }
        return nil
    }

    /// Takes `isRejected`'s verdict on the candidate `nextCandidate` returned: a rejected one
    /// becomes the body and the candidates start again from it.
    mutating func record(_ candidate: JSON, rejected: Bool) {
        guard rejected else { return }
        body = candidate
        accepted += 1
        edits = BodyEdit.edits(of: candidate)
        nextEdit = 0
    }

    /// The result so far.
    var result: ShrinkResult {
        ShrinkResult(body: body, attempts: attempts, accepted: accepted, exhausted: exhausted)
    }
}

/// One edit that turns a body into a strictly smaller candidate: the place, and the change
/// made to the value there. Kept as a description rather than a built body, so the candidates
/// of a body cost a few words each until they are tried.
struct BodyEdit {
    /// One step from a container to a child, by position (not key: the position is what the
    /// candidate is rebuilt from).
    enum Step {
        case member(Int)
        case element(Int)
    }

    /// What happens to the value at the place.
    enum Change {
        /// Remove the object member at this index of `members`.
        case removeMember(Int)
        /// Remove the array element at this index.
        case removeElement(Int)
        /// Keep this many leading Unicode scalars of the string.
        case keepPrefix(Int)
        /// Replace the number by this nearer-zero one.
        case replaceNumber(JSON)
        /// Replace `true` by `false`.
        case setFalse
    }

    let path: [Step]
    let change: Change

    /// The candidate edits of `body`, in the order they are tried.
    static func edits(of body: JSON) -> [BodyEdit] {
        var collector = EditCollector()
        collector.visit(body, path: [])
        return collector.memberRemovals + collector.elementRemovals + collector.stringPrefixes
            + collector.scalarMoves
    }

    /// `body` with this edit made. Paths come from `body` itself; one that does not fit
    /// leaves the body unchanged rather than trapping.
    func applied(to body: JSON) -> JSON {
        applying(at: path[...], to: body)
    }

    private func applying(at path: ArraySlice<Step>, to value: JSON) -> JSON {
        guard let step = path.first else { return changed(value) }
        switch (step, value) {
        case (.member(let index), .object(let object)) where object.members.indices.contains(index):
            var members = object.members
            members[index].value = applying(at: path.dropFirst(), to: members[index].value)
            return .object(JSONObject(uniqueMembers: members))
        case (.element(let index), .array(var elements)) where elements.indices.contains(index):
            elements[index] = applying(at: path.dropFirst(), to: elements[index])
            return .array(elements)
        default:
            return value
        }
    }

    private func changed(_ value: JSON) -> JSON {
        switch (change, value) {
        case (.removeMember(let index), .object(let object)) where object.members.indices.contains(index):
            var members = object.members
            members.remove(at: index)
            return .object(JSONObject(uniqueMembers: members))
        case (.removeElement(let index), .array(var elements)) where elements.indices.contains(index):
            elements.remove(at: index)
            return .array(elements)
        case (.keepPrefix(let count), .string(let string)):
            let scalars = string.unicodeScalars
            let end = scalars.index(scalars.startIndex, offsetBy: count, limitedBy: scalars.endIndex) ?? scalars.endIndex
            return .string(String(scalars[..<end]))
        case (.replaceNumber(let number), .integer), (.replaceNumber(let number), .double):
            return number
        case (.setFalse, .bool):
            return .bool(false)
        default:
            return value
        }
    }
}

/// Walks a body top-down (a container before its children, members in key order, elements in
/// order) and files each candidate edit under its kind, so that all removals of members come
/// before all removals of elements, and so on.
private struct EditCollector {
    var memberRemovals: [BodyEdit] = []
    var elementRemovals: [BodyEdit] = []
    var stringPrefixes: [BodyEdit] = []
    var scalarMoves: [BodyEdit] = []

    mutating func visit(_ value: JSON, path: [BodyEdit.Step]) {
        switch value {
        case .object(let object):
            let inKeyOrder = object.members.indices.sorted {
                object.members[$0].key.utf8.lexicographicallyPrecedes(object.members[$1].key.utf8)
            }
            for index in inKeyOrder { memberRemovals.append(BodyEdit(path: path, change: .removeMember(index))) }
            for index in inKeyOrder { visit(object.members[index].value, path: path + [.member(index)]) }
        case .array(let elements):
            for index in elements.indices.reversed() {
                elementRemovals.append(BodyEdit(path: path, change: .removeElement(index)))
            }
            for (index, element) in elements.enumerated() { visit(element, path: path + [.element(index)]) }
        case .string(let string):
            for length in sizes(below: UInt64(string.unicodeScalars.count)) {
                stringPrefixes.append(BodyEdit(path: path, change: .keepPrefix(Int(length))))
            }
        case .integer, .double:
            for number in nearerZero(than: value) {
                scalarMoves.append(BodyEdit(path: path, change: .replaceNumber(number)))
            }
        case .bool(true):
            scalarMoves.append(BodyEdit(path: path, change: .setFalse))
        case .bool(false), .null:
            break
        }
    }
}

/// The sizes below `size` worth trying, smallest first: 0, 1, half, then ever closer to `size`
/// (size − size/4, size − size/8, …, size − 1). Halving alone would stop up to twice above a
/// minimum the validator imposes; the closing steps land on it, at a cost of log2(size)
/// candidates, most of them rejected by the cheap validity check.
private func sizes(below size: UInt64) -> [UInt64] {
    guard size > 0 else { return [] }
    var sizes: [UInt64] = [0, 1, size / 2]
    var cut = size / 4
    while cut > 1 {
        sizes.append(size - cut)
        cut /= 2
    }
    sizes.append(size - 1)
    var seen: Set<UInt64> = []
    return sizes.filter { $0 < size && seen.insert($0).inserted }
}

/// The numbers nearer zero than `number` to try, with its sign and kind: integers stay
/// integers; a double takes whole values (its own whole part last, when it has a fraction),
/// so its second move, if any, is already on integers.
private func nearerZero(than number: JSON) -> [JSON] {
    switch number {
    case .integer(let value):
        return sizes(below: value.magnitude).map { magnitude in
            // magnitude < |Int64.min| = 2^63, so it fits in Int64.
            let positive = Int64(magnitude)
            return .integer(value < 0 ? -positive : positive)
        }
    case .double(let value) where value != 0 && value.isFinite:
        let whole = value.rounded(.towardZero).magnitude
        func signed(_ magnitude: Double) -> JSON {
            .double(magnitude == 0 ? 0 : (value < 0 ? -magnitude : magnitude))
        }
        // Beyond 2^63 whole magnitudes no longer fit the integer ladder: zero, then halving.
        guard whole < 9.223372036854775808e18 else {
            return [signed(0), signed((value.magnitude / 2).rounded(.towardZero))]
        }
        var magnitudes = sizes(below: UInt64(whole)).map(Double.init)
        if whole != value.magnitude { magnitudes.append(whole) }
        return magnitudes.map(signed)
    default:
        return []
    }
}
