// Bodies from the body generator, sent to the in-process mock: every generated request body the
// spec accepts is accepted by the mock too, once its references name records the mock holds.

import Curl
import JSON
import MockServer
import OpenAPI
import Scenario
import XCTest

final class GeneratedBodyMockTests: XCTestCase {
    func testTheMockAcceptsEveryGeneratedVariantOfEveryRequestBody() async throws {
        let index = try OperationIndex.embedded()
        try await withMock { mock in
            let client = CurlClient()
            func call(_ operationId: String, path: [String: String] = [:], body: JSON? = nil) async throws -> (Int, JSON?) {
                let operation = try XCTUnwrap(index.operation(id: operationId))
                var headers: Curl.HTTPHeaders = ["Authorization": "Bearer \(mock.token)"]
                if body != nil { headers.append(name: "Content-Type", value: "application/json") }
                let request = HTTPRequest(method: operation.method, url: mock.baseURL + (try operation.path(with: path)),
                                          headers: headers, body: body?.serializedBytes())
                let response = try await client.perform(request, options: TransferOptions(timeout: .seconds(20)))
                return (response.status, try? JSON.parse(response.body))
            }
            // Generated ids are schema-valid but name nothing: point references at seeded records
            // (inferring those links is the dependency step's job, not the generator's).
            let channels = try await call("listChannels").1
            let users = try await call("listUsers").1
            let agents = try await call("listAgents").1
            let groups = try await call("listGroups").1
            let channel = try XCTUnwrap(channels?["channels"]?[0]?["id"]?.stringValue)
            let user = try XCTUnwrap(users?["users"]?[0]?["id"]?.stringValue)
            let agent = try XCTUnwrap(agents?["agents"]?[0]?["id"]?.stringValue)
            let group = try XCTUnwrap(groups?["groups"]?[0]?["id"]?.stringValue)
            func withExistingReferences(_ body: JSON) -> JSON {
                guard case .object(var object) = body else { return body }
                if object["channel_id"] != nil { object["channel_id"] = .string(channel) }
                if object["assigned_agent_id"] != nil { object["assigned_agent_id"] = .string(agent) }
                if object["assigned_group_id"] != nil { object["assigned_group_id"] = .string(group) }
                if object["actor_id"] != nil { object["actor_id"] = .string(object["actor_type"] == "agent" ? agent : user) }
                for key in ["users", "messages"] {
                    guard let items = object[key]?.arrayValue else { continue }
                    object[key] = .array(items.map { item in
                        // The schema leaves a user's id optional; the mock needs it to find the user.
                        key == "users" ? ["id": .string(user)] : withExistingReferences(item)
                    })
                }
                return .object(object)
            }

            var sent = 0
            for seed: UInt64 in [1, 2, 3] {
                let generator = BodyGenerator(seed: seed)
                var conversation = ""
                var createdUser = ""
                for operationId in ["createConversation", "createUser", "updateConversation", "sendMessage", "updateUser"] {
                    for body in try generator.bodies(forOperation: operationId, in: index, count: 5) {
                        let path = ["conversation_id": conversation, "user_id": createdUser].filter { !$0.value.isEmpty }
                        let (status, reply) = try await call(operationId, path: path, body: withExistingReferences(body))
                        XCTAssertEqual(status, 200, "\(operationId) seed \(seed): \(body) → \(reply.map { "\($0)" } ?? "")")
                        if let id = reply?["conversation_id"]?.stringValue { conversation = id }
                        if operationId == "createUser", let id = reply?["id"]?.stringValue { createdUser = id }
                        sent += 1
                    }
                }
            }
            XCTAssertEqual(sent, 3 * 5 * 5)
        }
    }
}
