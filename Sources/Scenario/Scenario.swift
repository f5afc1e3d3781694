// The Scenario module: scenario and load-profile files, their templates, assertions and
// captures. It knows the spec's operations (OpenAPI) but nothing of HTTP transport: a step
// renders to a `RenderedRequest` value, and the Contract and Load runners send it.
//
// # Scenario files
//
//     name: conversation lifecycle          # optional; default: the file name
//     tags: [smoke, conversations]          # optional; a list or one string
//     variables:                            # optional defaults, rendered in order
//       app_id: "{{env.FRESHCHAT_APP_ID}}"  # (later ones may use earlier ones)
//       limit: 10                           # non-strings keep their JSON type
//     steps:
//       - operation: getUser                # an operationId of the spec (required)
//         name: fetch the user              # optional label for reports
//         path: { user_id: "{{user_id}}" }  # every {param} of the path template, no others
//         query: { limit: 10, tag: [a, b] } # a list repeats the parameter
//         headers: { X-Trace: "{{uuid}}" }
//         body: { email: "{{random.email}}", age: "{{age}}" }
//         expect:
//           status: 200                     # a code, a class (2xx) or a list: [200, 201]
//           json: { ... }                   # assertions, below
//         capture: { user_id: $.id }        # JSONPath into the response body
//
// Unknown keys are errors naming the nearest valid key. Every error carries
// file:line:column (`ScenarioError`).
//
// # Assertions (`expect.json`)
//
// Each key is a JSONPath; each value is one of:
//
//     $.first_name: Ada                  # a scalar or a list: equals
//     $.id: "{{user_id}}"                # expected values may hold templates
//     $.user: { equals: {name: Ada} }    # to compare with an object, use `equals`
//     $.email: { exists: true }          # false: the path finds nothing (null is a value)
//     $.age: { type: integer }           # string|number|integer|boolean|array|object|null
//     $.age: { gt: 17, lte: 130 }        # gt, gte, lt, lte on numbers
//     $.agents: { length: 3 }            # arrays, strings (Unicode scalars), objects (members)
//     $.agents: { length: { gte: 1 } }   # length with equals, gt, gte, lt, lte
//     $.email: { matches: "^[^@]+@" }    # regex, searched unanchored (dialect below)
//     $.status: { oneOf: [new, open] }   # equals one of the list
//
// A mapping value is always the object form (so a typo like `exist:` is an error, not a
// silent equality); several kinds in one mapping become several assertions.
//
// `matches` patterns are the same dialect as a schema's `pattern` (ECMA-262-like: ASCII `\d`
// and `\w`, matching by Unicode scalar), documented once in JSONSchema's PatternRegex.swift.
// An invalid pattern is a load error at its file:line:column.
//
// # Templates
//
// Strings in `variables`, `path`, `query`, `headers`, `body` and expected values may hold
// `{{ expression }}` (spaces inside the braces are allowed):
//
//     {{name}}               a variable, an override, or a capture of an earlier step
//     {{env.NAME}}           the environment variable NAME (unset: an error)
//     {{uuid}}               a random version-4 UUID
//     {{now}}                the time, RFC 3339 UTC with milliseconds: 2024-05-01T12:34:56.789Z
//     {{random.email}}       user-<10 lowercase letters/digits>@example.com
//     {{random.int(1, 9)}}   an integer in 1...9
//     {{random.string(8)}}   8 letters and digits
//
// `{{{{` writes a literal `{{` (so `{{{{x}}` renders `{{x}}`). Names are letters, digits and
// `_`; `env`, `random`, `uuid` and `now` are reserved. Templates are parsed when the file
// loads; `ScenarioFile.checkVariables(defined:environment:)` rejects undefined names before
// anything is sent. Values render as text: strings raw, other JSON compact. A body leaf that
// is exactly one expression keeps the value's JSON type (`"{{count}}"` with count = 3
// renders `3`; `"{{random.int(1,9)}}"` renders a number); any text around it makes a string.
// Randomness comes from `TemplateContext`'s seeded generator, so `--seed N` repeats a run.
//
// Variable precedence: `--var NAME=VALUE` > `FCHARNESS_VAR_NAME` > `variables:` defaults
// (`ScenarioFile.variableOverrides(flags:environment:)` and `applyVariables(overrides:to:)`).
//
// # Load profiles
//
// See `LoadProfile` and `LoadProfileLoader`; durations read `250ms`, `10s`, `2m`, `1m30s`
// (`Duration(parsing:)`), rates `200/s`, `30/m`, `100/10s` (`Rate(parsing:)`), both from the
// Quantities module, so files and flags share one grammar.
