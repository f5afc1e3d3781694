// Shrinking rejected bodies: the result stays valid and rejected, strings and numbers shrink
// as far as validity allows, nested containers shrink, the budget is honoured, and the sync
// and async variants agree. The predicates stand in for a schema check and a server.

import JSON
import XCTest
@testable import Scenario

final class BodyShrinkerTests: XCTestCase {
    private let signup: JSON = [
        "email": "someone@example.com",
        "name": "Ada Lovelace",
        "nickname": "long text",
        "age": 40,
        "tags": ["admin", "beta", "early"],
    ]

    /// The spec's rule in these examples: `email` and `name` are required strings.
    private static func hasEmailAndName(_ body: JSON) -> Bool {
        body["email"]?.stringValue != nil && body["name"]?.stringValue != nil
    }

    /// The server's bug in these examples: any body with a `nickname` is refused.
    private static func hasNickname(_ body: JSON) -> Bool {
        body["nickname"] != nil
    }

    /// Every string in `body`, however deep, has at least `length` Unicode scalars.
    private static func allStrings(in body: JSON, atLeast length: Int) -> Bool {
        switch body {
        case .string(let string): return string.unicodeScalars.count >= length
        case .array(let elements): return elements.allSatisfy { allStrings(in: $0, atLeast: length) }
        case .object(let object): return object.members.allSatisfy { allStrings(in: $0.value, atLeast: length) }
        default: return true
        }
    }

    // MARK: - What shrinks, and how far

    func testOptionalMembersGoAndStringsEmptyWhenTheRejectionNeedsOnlyTheMember() {
        let result = BodyShrinker().shrink(signup, isValid: Self.hasEmailAndName, isRejected: Self.hasNickname)
        XCTAssertEqual(result.body, ["email": "", "name": "", "nickname": ""])
        // Members keep their document order: the body reads like the one that failed.
        XCTAssertEqual(result.body.objectValue?.keys, ["email", "name", "nickname"])
        XCTAssertFalse(result.exhausted)
        XCTAssertGreaterThan(result.accepted, 0)
        XCTAssertGreaterThanOrEqual(result.attempts, result.accepted)
    }

    func testAMinimumLengthIsReachedExactlyNotJustWithinAHalving() {
        let valid = { (body: JSON) in Self.hasEmailAndName(body) && Self.allStrings(in: body, atLeast: 3) }
        let result = BodyShrinker().shrink(signup, isValid: valid, isRejected: Self.hasNickname)
        XCTAssertEqual(result.body, ["email": "som", "name": "Ada", "nickname": "lon"])
        XCTAssertFalse(result.exhausted)
    }

    func testStringsAreCutOnUnicodeScalarsAsJSONSchemaCountsLength() {
        let body: JSON = ["word": "\u{E9}t\u{E9}", "emoji": "\u{1F600}\u{1F601}"]
        let result = BodyShrinker().shrink(
            body, isValid: { Self.allStrings(in: $0, atLeast: 1) }, isRejected: { $0["word"] != nil && $0["emoji"] != nil })
        XCTAssertEqual(result.body, ["word": "\u{E9}", "emoji": "\u{1F600}"])
    }

    func testNestedObjectsAndArraysShrinkToTheOffendingElement() {
        let order: JSON = [
            "customer": ["profile": ["bio": "Likes tea", "nickname": "Ada"], "id": 12],
            "items": [
                ["sku": "A1", "qty": 3],
                ["sku": "B2", "qty": 5, "gift": true],
                ["sku": "C3", "qty": 1],
            ],
            "note": "leave at the door",
        ]
        // The server refuses any order with a gift item.
        let hasGift = { (body: JSON) in
            body["items"]?.arrayValue?.contains { $0["gift"] == true } ?? false
        }
        let result = BodyShrinker().shrink(order, isValid: { _ in true }, isRejected: hasGift)
        XCTAssertEqual(result.body, ["items": [["gift": true]]])
        XCTAssertFalse(result.exhausted)
    }

    func testAnArrayKeepsTheElementsTheSpecRequires() {
        let body: JSON = ["tags": ["admin", "beta", "early", "staff"]]
        // minItems: 2, and the server refuses any body with tags.
        let valid = { (body: JSON) in (body["tags"]?.arrayValue?.count ?? 0) >= 2 }
        let result = BodyShrinker().shrink(body, isValid: valid, isRejected: { $0["tags"] != nil })
        XCTAssertEqual(result.body, ["tags": ["", ""]])
    }

    func testNumbersGoToZeroAndBooleansToFalse() {
        let body: JSON = ["ratio": 3.75, "flag": true, "count": -9, "big": 9_000_000_000_000]
        let result = BodyShrinker().shrink(
            body, isValid: { _ in true }, isRejected: { $0.objectValue?.count == 4 })
        XCTAssertEqual(result.body.serialized(), #"{"ratio":0.0,"flag":false,"count":0,"big":0}"#)
    }

    func testNumbersStopExactlyAtTheBoundTheSpecOrTheServerSets() {
        // ratio >= 2.5 and count <= -4 (spec); the server refuses an id of 100 or more.
        let body: JSON = ["ratio": 3.75, "count": -9, "ids": [40, 1000, 7]]
        let valid = { (body: JSON) in
            (body["ratio"]?.doubleValue ?? 0) >= 2.5 && (body["count"]?.integerValue ?? 0) <= -4
        }
        let hasLargeID = { (body: JSON) in
            body["ids"]?.arrayValue?.contains { ($0.integerValue ?? 0) >= 100 } ?? false
        }
        let result = BodyShrinker().shrink(body, isValid: valid, isRejected: hasLargeID)
        // Doubles take whole values, integers stay integers.
        XCTAssertEqual(result.body.serialized(), #"{"ratio":3.0,"count":-4,"ids":[100]}"#)
    }

    func testABodyWithNothingToShrinkComesBackUntried() {
        for body: JSON in [[:], [], "", 0, false, nil] {
            let result = BodyShrinker().shrink(body, isValid: { _ in true }, isRejected: { _ in true })
            XCTAssertEqual(result, ShrinkResult(body: body, attempts: 0, accepted: 0, exhausted: false), "\(body)")
        }
    }

    // MARK: - The search itself

    func testEveryCandidateIsValidStrictlySmallerAndTriedOnce() {
        var sent: [String] = []
        let valid = { (body: JSON) in Self.hasEmailAndName(body) && Self.allStrings(in: body, atLeast: 3) }
        let result = BodyShrinker().shrink(signup, isValid: valid) { candidate in
            XCTAssertTrue(valid(candidate), "\(candidate)")
            sent.append(candidate.serialized())
            return Self.hasNickname(candidate)
        }
        XCTAssertEqual(sent.count, result.attempts)
        XCTAssertEqual(Set(sent).count, sent.count, "a candidate was sent twice")
        XCTAssertLessThan(result.body.serialized().utf8.count, signup.serialized().utf8.count)
    }

    func testTheSameInputGivesTheSameCandidatesInTheSameOrder() {
        func run() -> (ShrinkResult, [String]) {
            var sent: [String] = []
            let result = BodyShrinker().shrink(signup, isValid: Self.hasEmailAndName) { candidate in
                sent.append(candidate.serialized())
                return Self.hasNickname(candidate)
            }
            return (result, sent)
        }
        let (first, firstSent) = run()
        let (again, againSent) = run()
        XCTAssertEqual(first, again)
        XCTAssertEqual(first.body.serialized(), again.body.serialized())
        XCTAssertEqual(firstSent, againSent)
    }

    func testWholeMembersAreTriedBeforeTheirContentsAndInKeyOrder() {
        var sent: [String] = []
        let body: JSON = ["b": ["y": 1], "a": "xy"]
        _ = BodyShrinker().shrink(body, isValid: { _ in true }) { candidate in
            sent.append(candidate.serialized())
            return false
        }
        XCTAssertEqual(sent, [
            #"{"b":{"y":1}}"#,  // remove a (key order: a before b)
            #"{"a":"xy"}"#,  // remove b
            #"{"b":{},"a":"xy"}"#,  // then inside b
            #"{"b":{"y":1},"a":""}"#,  // then strings: "", first character
            #"{"b":{"y":1},"a":"x"}"#,
            #"{"b":{"y":0},"a":"xy"}"#,  // then numbers
        ])
    }

    func testTheAttemptBudgetStopsTheSearchAndSaysSo() {
        let result = BodyShrinker(maxAttempts: 3).shrink(
            signup, isValid: Self.hasEmailAndName, isRejected: Self.hasNickname)
        XCTAssertEqual(result.attempts, 3)
        XCTAssertTrue(result.exhausted)
        // Whatever it stopped on is still a valid, rejected body.
        XCTAssertTrue(Self.hasEmailAndName(result.body))
        XCTAssertTrue(Self.hasNickname(result.body))

        let none = BodyShrinker(maxAttempts: 0).shrink(
            signup, isValid: Self.hasEmailAndName, isRejected: Self.hasNickname)
        XCTAssertEqual(none, ShrinkResult(body: signup, attempts: 0, accepted: 0, exhausted: true))
    }

    func testABudgetSpentExactlyAtTheFixpointIsNotExhaustion() {
        // {"a":1} → {} takes one attempt, and {} has no candidates left.
        let result = BodyShrinker(maxAttempts: 1).shrink(["a": 1], isValid: { _ in true }, isRejected: { _ in true })
        XCTAssertEqual(result, ShrinkResult(body: [:], attempts: 1, accepted: 1, exhausted: false))
    }

    func testAnErrorFromIsRejectedStopsTheSearchAndPropagates() {
        var calls = 0
        XCTAssertThrowsError(
            try BodyShrinker().shrink(signup, isValid: Self.hasEmailAndName) { candidate in
                calls += 1
                if calls == 2 { throw ServerUnreachable() }
                return Self.hasNickname(candidate)
            }
        ) { error in
            XCTAssertTrue(error is ServerUnreachable)
        }
        XCTAssertEqual(calls, 2)
    }

    // MARK: - The async variant

    func testTheAsyncVariantAgreesWithTheSyncOne() async {
        let bodies: [JSON] = [signup, ["ratio": 3.75, "count": -9, "ids": [40, 1000, 7]]]
        for body in bodies {
            let expected = shrinkSynchronously(body)
            let result = await BodyShrinker().shrink(body, isValid: { _ in true }) { candidate async in
                await Task.yield()  // as a request would
                return candidate.objectValue?.count == body.objectValue?.count
            }
            XCTAssertEqual(result, expected)
            XCTAssertEqual(result.body.serialized(), expected.body.serialized())
        }
    }

    func testTheAsyncVariantPropagatesErrors() async {
        do {
            _ = try await BodyShrinker().shrink(signup, isValid: Self.hasEmailAndName) { _ async throws -> Bool in
                throw ServerUnreachable()
            }
            XCTFail("expected the error from isRejected")
        } catch {
            XCTAssertTrue(error is ServerUnreachable)
        }
    }

    /// The sync variant, called from outside an async context so that overload is chosen.
    private func shrinkSynchronously(_ body: JSON) -> ShrinkResult {
        BodyShrinker().shrink(body, isValid: { _ in true }) { candidate in
            candidate.objectValue?.count == body.objectValue?.count
        }
    }
}

private struct ServerUnreachable: Error {}
