// `fcharness operations`: what the spec offers, one line per operation (or JSON for scripts).
import ArgumentParser
import JSON
import OpenAPI

struct OperationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operations",
        abstract: "List every operation of the spec: operationId, method, path, documented statuses.",
        discussion: """
            Examples:
              fcharness operations
              fcharness operations --json | jq -r '.[].operationId'
              fcharness operations --spec my-fork.openapi.yaml
            """
    )

    @OptionGroup var specOptions: SpecOptions

    @Flag(name: .long, help: "Print a JSON array instead of a table.")
    var json = false

    func run() throws {
        let index = try specOptions.loadIndex()
        if json {
            writeOutput(Self.json(for: index.operations).serialized(pretty: true) + "\n")
        } else {
            writeOutput(Self.table(for: index.operations, source: specOptions.sourceDescription))
        }
    }

    static func json(for operations: [OpenAPI.Operation]) -> JSON {
        .array(operations.map { operation in
            .object([
                "operationId": .string(operation.id),
                "method": .string(operation.method),
                "path": .string(operation.pathTemplate),
                "statuses": .array(operation.documentedStatuses.map(JSON.string)),
                "summary": operation.summary.map(JSON.string) ?? .null,
                "tags": .array(operation.tags.map(JSON.string)),
                "parameters": .array(operation.parameters.map { parameter in
                    .object([
                        "name": .string(parameter.name),
                        "in": .string(parameter.location.rawValue),
                        "required": .bool(parameter.required),
                    ])
                }),
                "requestBody": .bool(operation.requestBody != nil),
            ])
        })
    }

    static func table(for operations: [OpenAPI.Operation], source: String) -> String {
        let idWidth = operations.map(\.id.count).max() ?? 0
        let pathWidth = operations.map(\.pathTemplate.count).max() ?? 0
        var out = ""
        for operation in operations {
            out += operation.id.padding(idWidth) + "  " + operation.method.padding(6) + " "
            out += operation.pathTemplate.padding(pathWidth) + "  " + operation.documentedStatuses.joined(separator: " ") + "\n"
        }
        out += "\(operations.count) operations (spec: \(source))\n"
        return out
    }
}

extension String {
    /// The string left-aligned in a column of `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
