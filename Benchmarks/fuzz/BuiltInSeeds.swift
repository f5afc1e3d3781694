// Seeds compiled in beside the real files: shapes the shipped files do not show (every
// executor, every assertion kind, `$ref` chains, template edge cases), so the mutations start
// close to the corners of each grammar.

enum BuiltInSeeds {
    static let scenarios = [
        """
        name: every assertion
        tags: [fuzz]
        variables:
          count: 3
          prefix: "n-{{random.string(8)}}"
        steps:
          - operation: listAgents
            query: { items_per_page: "{{count}}", page: [1, 2] }
            headers: { X-Trace: "{{uuid}}" }
            expect:
              status: [200, 2XX]
              json:
                $.agents: { length: { gte: 0, lt: 100 }, type: array }
                $.agents[0].id: { exists: true, type: string, matches: "^[a-z0-9-]+$" }
                $.agents[-1].email: { oneOf: ["{{prefix}}", null, 1.5] }
                $..id: { exists: true }
                $.meta.total: { gt: -1, lte: 1e9, equals: 3 }
            capture: { agent_id: "$.agents[0].id" }
          - operation: getAgent
            path: { agent_id: "{{agent_id}}" }
            expect: { status: 200, json: { $.id: "{{agent_id}}" } }
        """,
    ]

    /// Template-heavy scenarios: every expression kind in every place a template may stand.
    static let templateScenarios = [
        """
        name: templates everywhere
        variables:
          count: 3
          base: "n-{{random.string(8)}}"
          who: { name: "{{base}}", tags: ["{{uuid}}", "{{now}}", 7], score: "{{random.int(-5, 5)}}" }
          raw: "{{{{not a template}}"
          mail: "{{random.email}}"
        steps:
          - operation: createUser
            body:
              email: "{{mail}}"
              first_name: "{{who}}"
              last_name: "{{base}}-{{count}}-{{{{"
              phone: "{{random.int(-9223372036854775808, 9223372036854775807)}}"
              properties: [{ name: "{{count}}", value: "{{raw}}" }, "{{who}}", ["{{uuid}}"]]
            headers: { X-Request: "{{uuid}}", X-Time: "{{now}}" }
            expect:
              json:
                $.email: { equals: "{{mail}}", matches: "^user-[a-z0-9]+@example\\\\.com$" }
                $.first_name: "{{who}}"
                $.properties[0]: { oneOf: [{ name: "{{count}}", value: "{{raw}}" }, "{{base}}"] }
            capture: { user_id: $.first_name.name }
          - operation: getUser
            path: { user_id: "{{user_id}}/{{ base }}" }
            expect: { json: { $.id: "{{ user_id }}" } }
        """,
        """
        variables: { a: "{{b}}", b: "{{a}}", e: "{{env.FUZZ_SET}}", u: "{{env.FUZZ_UNSET}}" }
        steps:
          - { operation: listChannels, query: { x: "{{a}}{{e}}{{u}}" } }
        """,
    ]

    /// Bare template strings for `Template(parsing:)`, which sees the whole input as one template.
    static let templates = [
        "{{uuid}}", "{{now}}", "{{random.email}}", "{{ random.int( -1 , 1 ) }}", "{{random.string(4096)}}",
        "{{random.string(0)}}", "{{random.int(9, 1)}}", "{{random.int(-9223372036854775808,9223372036854775807)}}",
        "{{env.FUZZ_SET}}", "{{env.}}", "a{{{{b}}", "{{{{{{x}}", "{{x}}{{n}}{{o}}{{a}}", "{{", "}}{{", "{{}}",
        "{{ x }}", "{{x.y}}", "{{random.nope(1)}}", "{{random.int(1,)}}", "{{x}", "é{{x}}\u{301}",
    ]

    static let profiles = [
        """
        name: ramping users
        executor: ramping-vus
        start_vus: 0
        stages:
          - { duration: 10s, target: 5 }
          - { duration: 1m30s, target: 0 }
        graceful_stop: 500ms
        think: 100ms..2s
        mix: [{ scenario: ../contract/browse-agents.yaml }]
        thresholds: ["p99(listAgents) < 300ms", { expr: "checks >= 99.5%", abort_on_fail: true }, "rps > 2"]
        """,
        """
        executor: constant-vus
        vus: 2
        duration: 1h
        think: 1s
        budgets: { listAgents: 10/s, sendMessage: 1/2s }
        mix:
          - { scenario: ../contract/users.yaml, weight: 9 }
        thresholds: ["error_rate < 1%", "dropped <= 0", "throttled_rate < 5%", "p50 < 1.5s"]
        """,
    ]

    static let overlays = [
        """
        overlay: 1.0.0
        info: { title: fuzz, version: "1" }
        actions:
          - target: $.info
            update: { description: overlaid, x-n: [1, 2] }
          - target: $.paths.*.get
            update: { x-safe: true }
          - target: $.paths.*.get.parameters[?@.in == 'query']
            remove: true
          - target: $.paths.*.*.responses
            update: { '429': { description: too many } }
        """,
        """
        {"overlay": "1.0.0", "info": {"title": "j", "version": "1"},
         "actions": [{"target": "$..schema[?@.type == 'string']", "update": {"maxLength": 9}},
                     {"target": "$.tags", "update": [{"name": "t"}]}, {"target": "$.x", "remove": true}]}
        """,
    ]

    static let specs = [
        """
        openapi: 3.1.0
        info: { title: fuzz, version: "1" }
        servers: [{ url: "https://{host}/v2", variables: { host: { default: api.example.com } } }]
        security: [{ bearer: [] }]
        paths:
          /items/{item_id}:
            parameters: [{ $ref: "#/components/parameters/ItemId" }]
            get:
              operationId: getItem
              responses:
                "200": { $ref: "#/components/responses/Item" }
                default: { description: error, content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
            put:
              operationId: putItem
              requestBody: { $ref: "#/components/requestBodies/Item" }
              responses: { "204": { description: done } }
          /items:
            $ref: "#/components/pathItems/Items"
        components:
          securitySchemes: { bearer: { type: http, scheme: bearer } }
          parameters:
            ItemId: { name: item_id, in: path, required: true, schema: { type: string, pattern: "^[a-z]+$" } }
          requestBodies:
            Item: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } }
          responses:
            Item: { description: one, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } }
          pathItems:
            Items:
              get:
                operationId: listItems
                parameters: [{ name: page, in: query, schema: { type: integer, minimum: 1 } }]
                responses: { "200": { description: all, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Item" } } } } } }
          schemas:
            Item:
              type: object
              required: [id]
              properties:
                id: { type: string }
                children: { type: array, items: { $ref: "#/components/schemas/Item" } }
                kind: { oneOf: [{ const: a }, { enum: [b, c] }], discriminator: { propertyName: kind } }
              additionalProperties: false
            Error: { allOf: [{ $ref: "#/components/schemas/Item" }, { properties: { message: { type: string } } }] }
        """,
        ##"{"openapi":"3.0.3","info":{"title":"j","version":"1"},"paths":{"/a":{"get":{"operationId":"a","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}}}}},"components":{"schemas":{"A":{"$ref":"#/components/schemas/B"},"B":{"type":"object","properties":{"a":{"$ref":"#/components/schemas/A"}}}}}}"##,
    ]

    static let json = [
        #"{"a":[1,-0,1.5e300,-2.5E-300,true,false,null,"\u00e9\ud83d\ude00\n"],"b":{"c":{}},"":[]}"#,
        "[9223372036854775807,-9223372036854775808,9223372036854775808,0.1,1e22,5e-324]",
        #""\"\\\/\b\f\n\r\t\u0000""#,
    ]
}
