// swift-tools-version:6.0
// fcharness: contract and load tests for the Freshchat REST API, on libcurl.
// Module layout and dependency direction: see docs/architecture.md.
import PackageDescription

let package = Package(
    name: "fcharness",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fcharness", targets: ["fcharness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
    ],
    targets: [
        // The C boundary: typed wrappers around libcurl's variadic setopt/getinfo.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // The only importer of CCurl.
        .target(name: "Curl", dependencies: ["CCurl"]),
        // libm: Double.rounded is a libm call that Swift does not link on its own on Linux.
        .target(name: "JSON", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "OpenAPI", dependencies: ["JSON", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "fcharness",
            dependencies: [
                "OpenAPI", "JSON", "Curl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks (release builds; figures go to docs/performance.md).
        .executableTarget(name: "json-bench", dependencies: ["JSON"], path: "Benchmarks/json-bench"),
        .executableTarget(name: "curl-bench", dependencies: ["Curl"], path: "Benchmarks/curl-bench"),

        .testTarget(
            name: "CurlTests",
            dependencies: [
                "Curl",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
            ]
        ),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "OpenAPITests", dependencies: ["OpenAPI", "JSON"]),
        .testTarget(name: "fcharnessTests", dependencies: ["JSON"]),
    ],
    swiftLanguageModes: [.v6]
)
