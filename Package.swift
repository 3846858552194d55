// swift-tools-version: 6.2
import PackageDescription

// The compiler (LoomCompiler, loomgen, the plugin) depends on swift-argument-parser only: the build plugin builds
// loomgen for the host on every clean build of a user's package, so its dependency closure is paid by every user.
// The runtime is split so that a target links only the backends it uses.
let package = Package(
    name: "loom-swift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loomgen", targets: ["loomgen"]),
        .plugin(name: "LoomPlugin", targets: ["LoomPlugin"]),
        .plugin(name: "LoomGenerateCommand", targets: ["LoomGenerateCommand"]),
        .library(name: "LoomVocabulary", targets: ["LoomVocabulary"]),
        .library(name: "LoomValues", targets: ["LoomValues"]),
        .library(name: "LoomCompiler", targets: ["LoomCompiler"]),
        .library(name: "LoomRuntime", targets: ["LoomRuntime"]),
        .library(name: "LoomSQLite", targets: ["LoomSQLite"]),
        .library(name: "LoomPostgres", targets: ["LoomPostgres"]),
        .library(name: "LoomRedis", targets: ["LoomRedis"]),
        .library(name: "LoomHTTP", targets: ["LoomHTTP"]),
        .library(name: "LoomServer", targets: ["LoomServer"]),
        .library(name: "LoomTesting", targets: ["LoomTesting"]),
        .library(name: "LoomClient", targets: ["LoomClient"]),
        .executable(name: "store", targets: ["StoreServer"]),
        .executable(name: "helpdesk", targets: ["HelpdeskServer"]),
    ],
    traits: [
        .trait(name: "OTel", description: "Export spans with swift-otel over OTLP/HTTP when `tracing.enabled` is set"),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // The request's identity in its context (`AuthRequestContext`), the authenticator middleware and the bearer
        // header; its HummingbirdAuth target adds only swift-extras-base64 to what Hummingbird brings.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // HMAC for cursor tokens; already in the graph through postgres-nio, so it costs the runtime no new build.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Job counters; already in the graph through postgres-nio.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        // `GET /metrics` in Prometheus text, as the swift-metrics backend of the server process.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // NIOThreadPool, for hiredis's blocking calls; already in the graph through hummingbird and postgres-nio.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // NIOHTTPTypes: the parts Hummingbird's HTTP/1 channel speaks, for the handler that answers requests its parser
        // refuses; already in the graph through hummingbird.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // The server's configuration: a YAML file under environment variables. Already in the graph through
        // hummingbird; the YAML trait adds Yams, which also gives the line of a bad key.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // Spans for requests, use cases and statements; already in the graph through hummingbird.
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // Exports the spans over OTLP/HTTP, only in a build with the `OTel` trait (`make test-otel`): swift-otel and
        // what it needs take minutes to build, which a newcomer's first `make run` should not pay.
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
        // JWT signatures and keys (HMAC, RSA, ECDSA, JWKS) for `LoomAuth` only: a schema without `auth` never links it.
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        // LoomClient: OpenAPIRuntime's `ClientTransport` is the client's transport, so URLSessionTransport and
        // AsyncHTTPClientTransport plug in; it adds only swift-http-types, already in the graph. The URLSession transport
        // is for LoomClientTests alone (against the real store server).
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        // The generated client's other transport in LoomEndToEndTests (AsyncHTTPClient, NIO's client): tests only.
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
    ],
    targets: [
        // MARK: Vocabulary
        // What the compiler, the runtime, the OpenAPI document and a client must agree on (filter operators and the
        // kinds of value they apply to, list parameters, page envelopes, error codes, JSON values): no dependency, not
        // even Foundation, so a client on any platform and the compiler's host build can both take it.
        .target(name: "LoomVocabulary"),
        // The value types generated models' coding needs (FieldKey, Patch, CalendarDate, Timestamp, Violations):
        // Foundation and the vocabulary only, so model types can compile in a target a client app imports.
        .target(name: "LoomValues", dependencies: ["LoomVocabulary"]),

        // MARK: Compiler
        .target(name: "LoomCompiler", dependencies: ["LoomVocabulary"]),
        // `loomgen lsp`: the language server. Foundation and the compiler only (no LSP package is in the mirrors; the
        // protocol layer is ours), so the plugin's host build of loomgen stays small.
        .target(name: "LoomLanguageServer", dependencies: ["LoomCompiler", "LoomCompilerDisk", "LoomVocabulary"]),
        // The compiler's file system and JSON on Foundation (a reader, snapshot.json, migration files), for loomgen
        // and the language server.
        .target(name: "LoomCompilerDisk", dependencies: ["LoomCompiler"]),
        .executableTarget(
            name: "loomgen",
            dependencies: [
                "LoomCompiler",
                "LoomCompilerDisk",
                "LoomLanguageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .plugin(name: "LoomPlugin", capability: .buildTool(), dependencies: ["loomgen"]),
        // Committed mode: `swift package --allow-writing-to-package-directory loomgen-generate` writes Generated/<schema>/.
        .plugin(
            name: "LoomGenerateCommand",
            capability: .command(
                intent: .custom(verb: "loomgen-generate", description: "Write the generated Swift into Generated/<schema>/"),
                permissions: [.writeToPackageDirectory(reason: "writes the generated code into Generated/<schema>/")]
            ),
            dependencies: ["loomgen"]
        ),

        // MARK: Runtime
        .target(
            name: "LoomRuntime",
            dependencies: [
                "LoomVocabulary", "LoomValues",
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        .target(
            name: "LoomSQLite",
            dependencies: ["LoomRuntime", .product(name: "SQLiteNIO", package: "sqlite-nio")]
        ),
        .target(
            name: "LoomPostgres",
            dependencies: [
                "LoomRuntime", "CLibpq", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // Debian's libhiredis-dev; scripts/system-libraries.sh installs it (run by `make run` and `make test`).
        .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
        // Debian's libpq-dev, for the libpq pipeline-mode prototype of `make bench-postgres-paths` only.
        .systemLibrary(name: "CLibpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "LoomRedis",
            dependencies: ["LoomRuntime", "CHiredis", .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .target(
            name: "LoomHTTP",
            dependencies: [
                "LoomRuntime", "LoomVocabulary", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        // JWT bearer authentication for schemas that declare `auth` (jwt-kit); the server takes it as an authenticator.
        .target(
            name: "LoomAuth",
            dependencies: [
                "LoomRuntime", "LoomHTTP", "LoomServer", .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Swagger UI's files for `GET /docs`, embedded in the binary (C's #embed).
        .target(name: "CLoomDocsAssets", exclude: ["swagger-ui"]),
        .target(
            name: "LoomServer",
            dependencies: [
                "LoomVocabulary", "LoomRuntime", "LoomHTTP", "LoomSQLite", "LoomPostgres", "LoomRedis", "CLoomDocsAssets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "OTel", package: "swift-otel", condition: .when(traits: ["OTel"])),
            ]
        ),

        // The test kit for a schema's application: in-memory SQLite, forced failures, the jobs under a test clock. No
        // HTTP: tests of use cases and jobs link only the runtime and SQLite.
        .target(name: "LoomTesting", dependencies: ["LoomRuntime", "LoomSQLite"]),

        // MARK: Client
        // The runtime of a generated typed client: requests through any OpenAPIRuntime `ClientTransport`, retries, typed
        // errors, pages. No NIO, no server code, so an iOS, macOS or Linux app can link it. HTTPTypes comes with
        // OpenAPIRuntime (its `HTTPRequest` is the transport's), so it needs no package line of its own.
        .target(
            name: "LoomClient",
            dependencies: ["LoomVocabulary", "LoomValues", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")]
        ),

        // MARK: Example: the store API, generated from schemas/store by the build plugin
        // The store's models, enums and commands as types alone (the plugin gives a `…Models` target the types): what
        // the server and the client share, compiled against LoomValues only, so an app's build never sees the server.
        .target(name: "StoreModels", dependencies: ["LoomValues"], plugins: [.plugin(name: "LoomPlugin")]),
        // The store's typed client (`StoreClient`, generated: a `…Client` target gets the client), over LoomClient.
        .target(
            name: "StoreClient",
            dependencies: ["StoreModels", "LoomClient", "LoomValues", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "LoomPlugin")]
        ),
        .executableTarget(
            name: "StoreServer",
            dependencies: [
                "StoreModels", "LoomRuntime", "LoomHTTP", "LoomServer", .product(name: "Hummingbird", package: "hummingbird"),
            ],
            plugins: [.plugin(name: "LoomPlugin")]
        ),

        // MARK: Example: the helpdesk API (identity and access rules), generated from schemas/helpdesk
        // Its models as a target of their own, and its typed client (a bearer token per request), as the store's.
        .target(name: "HelpdeskModels", dependencies: ["LoomValues"], plugins: [.plugin(name: "LoomPlugin")]),
        .target(
            name: "HelpdeskClient",
            dependencies: ["HelpdeskModels", "LoomClient", "LoomValues", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "LoomPlugin")]
        ),
        .executableTarget(
            name: "HelpdeskServer",
            dependencies: [
                "HelpdeskModels", "LoomRuntime", "LoomHTTP", "LoomServer", "LoomAuth", .product(name: "Hummingbird", package: "hummingbird"),
            ],
            plugins: [.plugin(name: "LoomPlugin")]
        ),

        // MARK: Benchmarks (`make bench-generate`)
        // The synthetic schemas and process timing the benchmarks of the compiler and the language server share.
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(name: "GenerateBenchmark", dependencies: ["BenchmarkSupport"], path: "Benchmarks/GenerateBenchmark"),
        // `make bench-lsp`: edit-to-diagnostics latency of `loomgen lsp` on 1,000 models, beside `loomgen check`.
        .executableTarget(name: "LSPBenchmark", dependencies: ["BenchmarkSupport", "LoomLanguageServer"], path: "Benchmarks/LSPBenchmark"),
        // Compiles the committed Generated/store code (a symlink), so it is also a compile test of that output.
        .executableTarget(
            name: "RepositoryBenchmark",
            dependencies: [
                "LoomRuntime", "LoomPostgres", "LoomHTTP", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Benchmarks/RepositoryBenchmark",
            exclude: ["GeneratedStore/openapi.json", "GeneratedStore/loom-manifest.json"],
            // Generated/store holds the models too (one target's output): the store's behaviour files, linked here,
            // import StoreModels only where the models are a target of their own.
            swiftSettings: [.define("LOOM_MODELS_IN_TARGET")]
        ),

        // The durable job queue end to end on SQLite and PostgreSQL (`make bench-jobs`).
        .executableTarget(
            name: "JobBenchmark", dependencies: ["LoomRuntime", "LoomSQLite", "LoomPostgres", "LoomRedis"],
            path: "Benchmarks/JobBenchmark"
        ),
        // `make bench`: a hand-written Hummingbird + postgres-nio server answering like the store, which wrk drives
        // alongside the generated one (scripts/bench-http.sh).
        .executableTarget(
            name: "BaselineServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/BaselineServer"
        ),
        // Issue #22 (`make bench-postgres-paths`): many small concurrent queries through postgres-nio's pool, through
        // connections bound to NIO's event loops, and through libpq in pipeline mode, measured side by side.
        .executableTarget(
            name: "PostgresPathBenchmark",
            dependencies: [
                "CLibpq", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/PostgresPathBenchmark"
        ),

        // MARK: Tests
        // A schema of names that would clash with generated or runtime members (naming.loom): it compiling is the test.
        .target(
            name: "NamingStress",
            dependencies: ["LoomRuntime", "LoomHTTP", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/Fixtures/NamingStress",
            plugins: [.plugin(name: "LoomPlugin")]
        ),
        .testTarget(name: "NamingStressTests", dependencies: ["NamingStress", "LoomRuntime"]),
        // The same schema's models and typed client (naming.loom linked into each): the client compiling is the test.
        .target(
            name: "NamingStressModels", dependencies: ["LoomValues"], path: "Tests/Fixtures/NamingStressModels",
            plugins: [.plugin(name: "LoomPlugin")]
        ),
        .target(
            name: "NamingStressClient",
            dependencies: [
                "NamingStressModels", "LoomClient", "LoomValues", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            path: "Tests/Fixtures/NamingStressClient",
            plugins: [.plugin(name: "LoomPlugin")]
        ),
        // Use cases generated by the plugin and written as a user would, run on both backends (UseCaseTests).
        .target(
            name: "Ledger",
            dependencies: ["LoomRuntime", "LoomHTTP", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/Fixtures/Ledger",
            plugins: [.plugin(name: "LoomPlugin")]
        ),
        .testTarget(
            name: "UseCaseTests",
            dependencies: [
                "Ledger", "LoomRuntime", "LoomHTTP", "LoomSQLite", "LoomPostgres", "LoomRedis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // The seeded generator and the schema mutator the fuzz and property tests share.
        .target(name: "TestSupport", path: "Tests/Support/TestSupport"),
        // Generated-style coding through LoomValues alone: it linking without the runtime is half the test.
        .testTarget(name: "LoomValuesTests", dependencies: ["LoomValues"]),
        .testTarget(name: "LoomCompilerTests", dependencies: ["LoomCompiler", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "LoomLanguageServerTests", dependencies: ["LoomLanguageServer", "LoomCompiler", "TestSupport"]),
        .testTarget(
            name: "LoomRuntimeTests",
            dependencies: [
                "LoomRuntime", "LoomSQLite", "LoomPostgres", "LoomRedis", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "LoomHTTPTests",
            dependencies: [
                "LoomHTTP", "LoomRuntime", "LoomVocabulary", "LoomCompiler", "LoomSQLite", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "LoomServerTests", dependencies: ["LoomServer", "LoomRuntime"]),
        // The helpdesk's use cases and job in process, with a fake Mailer (the executable target's code, @testable).
        .testTarget(
            name: "HelpdeskTests",
            dependencies: [
                "HelpdeskServer", "HelpdeskModels", "LoomRuntime", "LoomSQLite", "LoomHTTP", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // The test kit on the store (jobs, delays, retries, forced failures, over HTTP too) and the helpdesk (services,
        // callers).
        .testTarget(
            name: "LoomTestingTests",
            dependencies: [
                "LoomTesting", "StoreServer", "StoreModels", "HelpdeskServer", "HelpdeskModels", "LoomRuntime", "LoomHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "LoomAuthTests",
            dependencies: [
                "LoomAuth", "LoomHTTP", "LoomRuntime", .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The binaries as processes; and the generated StoreClient against the store binary, over URLSession.
        .testTarget(
            name: "LoomEndToEndTests",
            dependencies: [
                "TestSupport", "StoreClient", "StoreModels", "HelpdeskClient", "HelpdeskModels", "LoomClient",
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
            ]
        ),
        // LoomClient against a recording transport, and end to end against the store binary over URLSession.
        .testTarget(
            name: "LoomClientTests",
            dependencies: [
                "LoomClient", "LoomVocabulary", "TestSupport", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
    ]
)

// `make bench-generate` builds a server from a synthetic schema of 100 models (which it writes into
// Benchmarks/BenchServer/Schema/), to time the compile of generated code as a user's `swift build` runs it: whole,
// after a one-field edit, debug and release. The target exists only while the benchmark sets LOOM_BENCH_SERVER, so
// no other build sees it.
if Context.environment["LOOM_BENCH_SERVER"] != nil {
    package.products.append(.executable(name: "bench-server", targets: ["BenchServer"]))
    package.targets.append(.executableTarget(
        name: "BenchServer",
        dependencies: ["LoomRuntime", "LoomHTTP", "LoomServer", .product(name: "Hummingbird", package: "hummingbird")],
        path: "Benchmarks/BenchServer",
        plugins: [.plugin(name: "LoomPlugin")]
    ))
}
