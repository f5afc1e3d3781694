// swift-tools-version:6.0
// fcharness: contract and load tests for the Freshchat REST API, on libcurl.
// Module layout and dependency direction: see docs/architecture.md.
import PackageDescription

let package = Package(
    name: "fcharness",
    platforms: [.macOS(.v15)],  // Synchronization's Atomic
    products: [
        .executable(name: "fcharness", targets: ["fcharness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // The C boundary: typed wrappers around libcurl's variadic setopt/getinfo.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // The only importer of CCurl.
        .target(name: "Curl", dependencies: ["CCurl", "Quantities", "Redaction", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]),
        // The one rule for which names carry secrets, and URLs without them: for the engine's
        // errors, the CLI's messages and every report (a results file may come from an old build).
        .target(name: "Redaction"),
        // zlib, for HdrHistogram's standard compressed encoding; only Report imports it.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Durations, rates and the seeded random source, read and computed one way everywhere.
        // libm for Double.rounded, as for JSON below.
        .target(name: "Quantities", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // libm: Double.rounded is a libm call that Swift does not link on its own on Linux.
        .target(name: "JSON", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "JSONSchema", dependencies: ["JSON"]),
        // Positioned YAML reading (specs and scenario files alike): file:line:column on every node.
        .target(name: "YAMLSource", dependencies: ["JSON", .product(name: "Yams", package: "Yams")]),
        .target(name: "OpenAPI", dependencies: ["YAMLSource", "JSON", "JSONSchema"]),
        // Scenario files, templating, assertions, captures: no I/O beyond reading files, no HTTP.
        .target(name: "Scenario", dependencies: ["OpenAPI", "JSONSchema", "YAMLSource", "JSON", "Quantities"]),
        // Result models and their renderings (console, JSON, JUnit); reads no network, runs nothing.
        .target(name: "Report", dependencies: [
            "JSON", "CZlib", "Quantities", "Redaction", .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        // Runs scenarios once each against a target and checks every response against the spec.
        .target(name: "Contract", dependencies: ["Scenario", "Curl", "OpenAPI", "Report", "JSON", "Quantities", "Redaction"]),
        // Load runs: executors, pacing, iterations, metrics, thresholds, sampled validation.
        .target(name: "Load", dependencies: [
            "Scenario", "Curl", "OpenAPI", "JSONSchema", "Report", "JSON", "Quantities", "Redaction", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        // The mock Freshchat: SwiftNIO HTTP server, seeded store, fault injection.
        .target(
            name: "MockServer",
            dependencies: [
                "OpenAPI", "JSONSchema", "JSON", "Quantities",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "fcharness",
            dependencies: [
                "Contract", "Load", "Report", "Scenario", "MockServer", "OpenAPI", "JSONSchema", "JSON", "Curl", "Quantities", "Redaction", "YAMLSource",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks (release builds; figures go to docs/performance.md).
        .executableTarget(name: "json-bench", dependencies: ["JSON"], path: "Benchmarks/json-bench"),
        .executableTarget(name: "schema-bench", dependencies: ["JSONSchema", "JSON"], path: "Benchmarks/schema-bench"),
        .executableTarget(name: "curl-bench", dependencies: ["Curl"], path: "Benchmarks/curl-bench"),
        // Seeded mutation fuzzing of the loaders, the JSON parser and the template engine (make fuzz).
        .executableTarget(
            name: "fcharness-fuzz", dependencies: ["JSON", "OpenAPI", "Scenario", "Report", "Quantities", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            path: "Benchmarks/fuzz"),

        .testTarget(
            name: "CurlTests",
            dependencies: [
                "Curl", "Redaction", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "JSONTests", dependencies: ["JSON", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]),
        .testTarget(name: "QuantitiesTests", dependencies: ["Quantities"]),
        .testTarget(name: "RedactionTests", dependencies: ["Redaction"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "JSON", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]),
        .testTarget(name: "YAMLSourceTests", dependencies: ["YAMLSource", "JSON"]),
        .testTarget(name: "OpenAPITests", dependencies: ["OpenAPI", "JSONSchema", "JSON", "YAMLSource"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "OpenAPI", "JSONSchema", "JSON"]),
        .testTarget(name: "MockServerTests", dependencies: ["MockServer", "OpenAPI", "JSONSchema", "JSON", "Curl", "Quantities"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "JSON", "JSONSchema", .product(name: "Histogram", package: "hdrhistogram-swift"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "LoadTests", dependencies: [
            "Load", "Report", "Scenario", "OpenAPI", "MockServer", "Curl", "JSON", "JSONSchema", "Quantities",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        .testTarget(name: "ContractTests", dependencies: ["Contract", "MockServer", "Scenario", "OpenAPI", "Report", "JSON"]),
        .testTarget(name: "fcharnessTests", dependencies: ["JSON", "MockServer", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]),
    ],
    swiftLanguageModes: [.v6]
)
