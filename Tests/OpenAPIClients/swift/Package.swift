// swift-tools-version: 6.0
import PackageDescription

// A client team's view of the store server: Apple's swift-openapi-generator builds a typed client from the committed
// document (Sources/StoreFlow/openapi.json links to Generated/store/openapi.json), and StoreFlow runs a store flow
// against a running server through URLSession. scripts/test-openapi-clients-swift.sh builds and runs it.
let package = Package(
    name: "StoreOpenAPIClient",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        // HTTPRequest and HTTPField for the flow's middleware; already in the graph through the runtime.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "StoreFlow",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        )
    ]
)
