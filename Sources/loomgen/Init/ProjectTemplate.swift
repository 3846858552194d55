import LoomCompiler

/// The files of a new package (`loomgen init`), as text. The schema is formatted by `loomgen fmt`'s formatter and its
/// first migration is written by the migrator, so the new package passes `loomgen check` as created.
struct ProjectTemplate {
    enum Dependency {
        case path(String)
        case url(String, from: String)
    }

    /// `notes`: the package, its executable and its schema folder.
    let packageName: String
    /// `notes`: `schemas/notes/`, the schema's name.
    let schemaName: String
    /// `Notes`: `NotesServer`, `NotesTests`, `NotesSchema`.
    let typePrefix: String
    let loom: Dependency

    init(name: String, loom: Dependency) throws {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        else {
            throw InitError("'\(name)' cannot name a package: use letters, digits, - and _, starting with a letter (--name)")
        }
        packageName = name
        schemaName = name.lowercased()
        typePrefix = String(Naming.schemaType(schemaName).dropLast("Schema".count))
        self.loom = loom
    }

    var serverTarget: String { typePrefix + "Server" }
    var testTarget: String { typePrefix + "Tests" }
    var schemaPath: String { "schemas/\(schemaName)/notes.loom" }

    /// SwiftPM's identity of the dependency: what `.product(…, package:)` names.
    var loomIdentity: String {
        switch loom {
        case .path(let path): String(path.split(separator: "/").last ?? "loom-swift")
        case .url(let url, _): String(url.split(separator: "/").last ?? "loom-swift")
        }
    }

    /// Every file but the first migration, by path in the package.
    func files() -> [(String, String)] {
        [
            ("Package.swift", packageManifest),
            (schemaPath, schema),
            ("Sources/\(serverTarget)/\(serverTarget).swift", main),
            ("Sources/\(serverTarget)/UseCases/ArchiveNote.swift", archiveNote),
            ("Sources/\(serverTarget)/Jobs/CountWords.swift", countWords),
            ("Tests/\(testTarget)/\(typePrefix)APITests.swift", apiTests),
            ("Makefile", makefile),
            (".gitignore", gitignore),
            (".ci/run", ciRun),
            ("README.md", readme),
        ]
    }

    var packageManifest: String {
        let dependency = switch loom {
        case .path(let path): ".package(path: \(SwiftNames.stringLiteral(path)))"
        case .url(let url, let version): ".package(url: \(SwiftNames.stringLiteral(url)), from: \(SwiftNames.stringLiteral(version)))"
        }
        return #"""
            // swift-tools-version: 6.2
            import PackageDescription

            // \#(packageName): a Loom for Swift package. The Loom build plugin turns schemas/\#(schemaName)/ into Swift on every
            // `swift build`; Sources/\#(serverTarget) holds what you write (use cases, jobs).
            let package = Package(
                name: "\#(packageName)",
                platforms: [.macOS(.v15)],
                products: [.executable(name: "\#(schemaName)", targets: ["\#(serverTarget)"])],
                dependencies: [
                    \#(dependency),
                    // The generated routes are Hummingbird routes.
                    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
                ],
                targets: [
                    .executableTarget(
                        name: "\#(serverTarget)",
                        dependencies: [
                            .product(name: "LoomServer", package: "\#(loomIdentity)"),
                            .product(name: "LoomRuntime", package: "\#(loomIdentity)"),
                            .product(name: "LoomHTTP", package: "\#(loomIdentity)"),
                            .product(name: "Hummingbird", package: "hummingbird"),
                        ],
                        plugins: [.plugin(name: "LoomPlugin", package: "\#(loomIdentity)")]
                    ),
                    // Runs the server binary on a free port and calls it over HTTP.
                    .testTarget(name: "\#(testTarget)"),
                ]
            )

            """#
    }

    /// Formatted by `loomgen fmt`'s formatter, so it is in canonical layout whatever this literal's spacing.
    var schema: String {
        let text = """
            /// A note: a title and its text. Archived notes are kept, not deleted.
            model Note timestamps {
              id        Int          @id @autoincrement
              title     String(120)  @notBlank
              text      Text
              archived  Bool         @default(false)
            }

            /// Archives a note, then counts its words in the background (the job below).
            usecase ArchiveNote(noteId: Int) -> Note {
              load note = Note(noteId)
              dispatch CountWords
            }

            /// Counts a note's words. Runs on the job queue; a failure is retried twice.
            job CountWords(noteId: Int) -> Int {
              retries 2
              load note = Note(noteId)
            }

            /// GET, POST, PATCH and DELETE on /notes, and one custom route.
            resource Note at "/notes" {
              crud
              POST "/{noteId}/archive" -> ArchiveNote status 200
            }

            """
        return Formatter.format(text, path: schemaPath) ?? text
    }

    var main: String {
        #"""
            import LoomServer

            /// The \#(packageName) API. `\#(Naming.schemaType(schemaName))` is generated from schemas/\#(schemaName)/ by the Loom build plugin;
            /// the use cases and jobs in this folder are yours (`swift run loomgen scaffold` writes a stub for each new one).
            @main
            struct \#(serverTarget) {
                static func main() async throws {
                    try await LoomServer.run(\#(Naming.schemaType(schemaName)).self)
                }
            }

            """#
    }

    var archiveNote: String {
        #"""
            import LoomRuntime

            /// Marks the note archived (`load note` has already answered 404 for a missing one) and queues `CountWords`,
            /// which runs once this use case's transaction has committed.
            struct ArchiveNote: ArchiveNoteUseCase {
                func execute(_ input: ArchiveNoteInput, context: ArchiveNoteContext) async throws -> Note {
                    let notes = context.repositories.notes
                    guard let archived = try await notes.update(input.note.id, with: Note.Update(archived: .value(true))) else {
                        throw notes.notFound(input.note.id)
                    }
                    _ = try await context.dispatchCountWords(noteId: archived.id)
                    return archived
                }
            }

            """#
    }

    var countWords: String {
        #"""
            import LoomRuntime

            /// Counts the words of a note's text. It runs on the job queue: in the server process by default, or in
            /// separate `\#(schemaName) worker` processes.
            struct CountWords: CountWordsJob {
                func execute(_ input: CountWordsInput, context: CountWordsContext) async throws -> Int {
                    let words = input.note.text.split(whereSeparator: \.isWhitespace).count
                    context.logger.info("note \(input.note.id) has \(words) words")
                    return words
                }
            }

            """#
    }

    var apiTests: String {
        #"""
            import Foundation
            #if canImport(FoundationNetworking)
            import FoundationNetworking
            #endif
            import Testing

            /// The real server — the `\#(schemaName)` binary `swift build` made, on a fresh SQLite file and a free port — called
            /// over HTTP.
            @Suite struct \#(typePrefix)APITests {
                @Test func createReadArchiveAndRefuse() async throws {
                    let server = try await RunningServer.start()
                    defer { server.stop() }

                    let created = try await server.call("POST", "/notes", body: #"{"title": "First", "text": "hello from loom"}"#)
                    #expect(created.status == 201)
                    let id = try #require(created.json["id"] as? Int)

                    let read = try await server.call("GET", "/notes/\(id)")
                    #expect(read.status == 200 && read.json["title"] as? String == "First")

                    let archived = try await server.call("POST", "/notes/\(id)/archive")
                    #expect(archived.status == 200 && archived.json["archived"] as? Bool == true)

                    // The schema's `@notBlank`: a 422 in the error envelope, naming the field.
                    let blank = try await server.call("POST", "/notes", body: #"{"title": " ", "text": "x"}"#)
                    #expect(blank.status == 422)
                    #expect(blank.text.contains("title"))
                }
            }

            /// The package's server binary, started for one test (next to the test binary, where `swift build` puts both).
            final class RunningServer: @unchecked Sendable {
                let process: Process
                let baseURL: String
                let folder: URL

                struct Reply {
                    var status: Int
                    var data: Data
                    var text: String { String(decoding: data, as: UTF8.self) }
                    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:] }
                }

                struct Failure: Error, CustomStringConvertible {
                    var description: String
                }

                static func start() async throws -> RunningServer {
                    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "\#(schemaName)")
                    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
                        throw Failure(description: "no server binary at \(binary.path): run `swift build` first")
                    }
                    let folder = FileManager.default.temporaryDirectory.appending(path: "\#(schemaName)-test-\(UUID().uuidString)")
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    let process = Process()
                    process.executableURL = binary
                    process.arguments = ["--migrate"]
                    var environment = ProcessInfo.processInfo.environment
                    environment["HOST"] = "127.0.0.1"
                    environment["PORT"] = "0"
                    environment["DATABASE_URL"] = "sqlite:" + folder.appending(path: "test.db").path
                    environment["LOG_LEVEL"] = "warning"
                    process.environment = environment
                    let output = Pipe()
                    process.standardOutput = output
                    try process.run()
                    // The server prints "… listening on http://127.0.0.1:PORT (…)" once it serves.
                    var line = Data()
                    while !line.contains(UInt8(ascii: "\n")) {
                        let chunk = output.fileHandleForReading.availableData
                        if chunk.isEmpty { throw Failure(description: "the server stopped before listening") }
                        line.append(chunk)
                    }
                    let text = String(decoding: line, as: UTF8.self)
                    guard let start = text.range(of: "listening on ")?.upperBound, let end = text[start...].firstIndex(of: " ") else {
                        process.terminate()
                        throw Failure(description: "unexpected first line from the server: \(text)")
                    }
                    return RunningServer(process: process, baseURL: String(text[start..<end]), folder: folder)
                }

                private init(process: Process, baseURL: String, folder: URL) {
                    self.process = process
                    self.baseURL = baseURL
                    self.folder = folder
                }

                func call(_ method: String, _ path: String, body: String? = nil) async throws -> Reply {
                    var request = URLRequest(url: URL(string: baseURL + path)!)
                    request.httpMethod = method
                    if let body {
                        request.httpBody = Data(body.utf8)
                        request.setValue("application/json", forHTTPHeaderField: "content-type")
                    }
                    let (data, response) = try await URLSession.shared.data(for: request)
                    return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, data: data)
                }

                func stop() {
                    process.terminate()
                    process.waitUntilExit()
                    try? FileManager.default.removeItem(at: folder)
                }
            }

            """#
    }

    var makefile: String {
        #"""
            # \#(packageName): `make run` serves the API on http://127.0.0.1:8000 with ./\#(schemaName).db; `make test` runs the
            # schema's CI gate, then the tests.
            SWIFT ?= swift
            BIN = $(shell $(SWIFT) build --show-bin-path)

            .PHONY: run test check system-libraries

            run: system-libraries ## Build and serve on http://127.0.0.1:8000 with ./\#(schemaName).db (applying migrations)
            \#t$(SWIFT) build --product \#(schemaName)
            \#t"$(BIN)/\#(schemaName)" --migrate

            test: system-libraries ## loomgen check, then the tests (the real server on a free port)
            \#t$(SWIFT) build --build-tests
            \#t$(MAKE) check
            \#t$(SWIFT) test --skip-build

            check: ## Schema errors exit 1; a file not formatted or a missing migration exits 2, with the fix
            \#t$(SWIFT) run loomgen check schemas/\#(schemaName)

            # libhiredis-dev and libpq-dev: Loom's Redis job store and its PostgreSQL engine link them. Installed from
            # Debian's packages when missing.
            system-libraries:
            \#t@{ dpkg -s libhiredis-dev >/dev/null 2>&1 || [ -f /usr/include/hiredis/hiredis.h ]; } && \
            \#t{ dpkg -s libpq-dev >/dev/null 2>&1 || [ -f /usr/include/postgresql/libpq-fe.h ]; } || { \
            \#t  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
            \#t  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends libhiredis-dev libpq-dev >/dev/null; }

            """#
    }

    var gitignore: String {
        """
        .build/
        .swiftpm/
        *.db
        *.db-shm
        *.db-wal

        """
    }

    var ciRun: String {
        #"""
            #!/usr/bin/env bash
            # CI: a clean clone on a machine with Swift. `make test` installs what the build links, checks the schema
            # (formatting, migrations) and runs the tests.
            set -euo pipefail
            cd "$(dirname "$0")/.."
            command -v make >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq make >/dev/null; }
            make test

            """#
    }

    var readme: String {
        #"""
            # \#(packageName)

            An HTTP API described in `\#(schemaPath)` and built with [Loom for Swift](\#(LoomVersion.repositoryURL)).

            ```sh
            make run    # serves http://127.0.0.1:8000 on SQLite (./\#(schemaName).db); the API is described at /docs
            make test   # loomgen check, then the tests
            ```

            - `\#(schemaPath)`: the model `Note`, its routes (`/notes`), the use case `ArchiveNote` and the job `CountWords`.
              `swift build` regenerates the Swift from it.
            - `Sources/\#(serverTarget)/`: what you write — `UseCases/ArchiveNote.swift`, `Jobs/CountWords.swift`. After adding a
              use case, job, callback or check to the schema, `swift run loomgen scaffold schemas/\#(schemaName) --into Sources/\#(serverTarget)`
              writes a stub for each.
            - `schemas/\#(schemaName)/migrations/`: after changing a model, `swift run loomgen migrate new NAME schemas/\#(schemaName)`.
            - With `DATABASE_URL=postgres://…` and `REDIS_URL=redis://…` set, the same binary runs on PostgreSQL and Redis;
              `.build/debug/\#(schemaName) worker` runs jobs in a separate process.

            """#
    }
}

struct InitError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
