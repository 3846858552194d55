import Foundation
import LoomCompiler
import Testing

/// Identity and dependencies in the behaviour half: `require auth`, a job dispatched `as caller`, `readonly`, services
/// and the typed principal, as whole declarations generated from one small schema.
@Suite("Access and services snippets")
struct AccessBehaviourSnippetTests {
    static let schema = """
        enum Role { customer agent }

        auth {
          id    Int   @claim("sub")
          role  Role
        }

        model Note {
          id     Int   @id @autoincrement
          owner  Int
          allow read, update when owner == auth.id
        }

        service Mailer {
          send(to: Text, body: Text)
          /// How many messages wait.
          pending() -> Int
        }

        command Ping {
          text  Text
        }

        usecase ShareNote(noteId: Int, body: Ping) -> Note {
          require auth.role in [agent]
          load note = Note(noteId)
          dispatch Announce as caller
        }

        usecase CountNotes() -> Int readonly {
          require auth
        }

        job Announce(noteId: Int) -> Bool {
          load note = Note(noteId)
          uses Mailer
        }

        resource Note at "/notes" {
          crud get
          POST "/{noteId}/share" -> ShareNote
          GET  "/count"          -> CountNotes
        }
        """

    static func output() throws -> (application: String, schema: String) {
        let result = Frontend.compile(name: "snip", files: [SourceFile(path: "desk.loom", text: schema)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let files = SwiftEmitter.generate(try #require(result.schema))
        return (
            try #require(files.first { $0.name == "loom-application.swift" }).contents,
            try #require(files.first { $0.name == "loom-schema.swift" }).contents
        )
    }

    /// `require auth …` runs first (401/403 before any row is read); the user's use case is the one made once.
    @Test func facade() throws {
        #expect(try EmitSnippetTests.declaration("public func shareNote(noteId: Int, body: Ping) async throws -> Note {", in: Self.output().application) == """
                /// `usecase ShareNote`: runs the schema's statements, then your `ShareNote`, in one transaction.
                public func shareNote(noteId: Int, body: Ping) async throws -> Note {
                    return try await self.scope.perform("ShareNote", inTransaction: true) { scope in
                        try scope.requireCaller(.oneOf(.principal("role"), [.value(.string("agent"))]))
                        let repositories = SnipRepositories(database: scope.database)
                        let note = try await repositories.notes.require(noteId)
                        var violations = LoomRuntime.Violations()
                        violations.append(contentsOf: Ping.violations(in: body))
                        try violations.throwIfRulesBroken()
                        return try await SnipImplementations.shareNote.execute(
                            ShareNoteInput(noteId: noteId, body: body, note: note),
                            context: ShareNoteContext(scope: scope)
                        )
                    }
                }

            """)
    }

    /// The context's dispatch of a job dispatched `as caller` does not ask: it passes the caller.
    @Test func context() throws {
        #expect(try EmitSnippetTests.declaration("public struct ShareNoteContext: LoomRuntime.UseCaseContext {", in: Self.output().application) == """
            /// What `ShareNote` may use: the request's scope (`requestID`, `logger`, `database`), the repositories
            /// (in its transaction, if it writes), and the use cases and jobs its `invoke` and `dispatch` statements name.
            public struct ShareNoteContext: LoomRuntime.UseCaseContext {
                public let scope: LoomRuntime.UseCaseScope

                public init(scope: LoomRuntime.UseCaseScope) {
                    self.scope = scope
                }

                /// Every model's repository, in this use case's transaction when it has one.
                public var repositories: SnipRepositories { SnipRepositories(database: scope.database) }

                /// `dispatch Announce`: queued on `default` when the caller's transaction commits.
                /// `options`: a delay or a time to run at, another queue, a priority.
                public func dispatchAnnounce(
                    noteId: Int,
                    options: LoomRuntime.DispatchOptions = .init()
                ) async throws -> LoomRuntime.JobHandle {
                    try await SnipApplication(scope: self.scope).dispatchAnnounce(noteId: noteId, options: options, asCaller: true)
                }

                /// Runs `Announce` here and now, in the caller's transaction: its `load`s, then your `Announce`.
                public func runAnnounce(noteId: Int) async throws -> Bool {
                    try await SnipApplication(scope: self.scope).runAnnounce(noteId: noteId)
                }
            }

            """)
    }

    /// A job dispatched `as caller` carries the dispatching principal in its payload.
    @Test func payload() throws {
        #expect(try EmitSnippetTests.declaration("public struct AnnouncePayload: Codable, Sendable, Equatable {", in: Self.output().application) == """
            /// The arguments of `Announce` as they wait in the queue (JSON).
            public struct AnnouncePayload: Codable, Sendable, Equatable {
                public var noteId: Int
                /// Who dispatched it `as caller` (nil: it runs as the system).
                public var dispatchedBy: LoomRuntime.Caller?

                public init(noteId: Int, dispatchedBy: LoomRuntime.Caller? = nil) {
                    self.noteId = noteId
                    self.dispatchedBy = dispatchedBy
                }
            }

            """)
    }

    /// The caller, typed for the user's Swift.
    @Test func principal() throws {
        #expect(try EmitSnippetTests.declaration("public struct SnipPrincipal: Sendable, Hashable {", in: Self.output().schema) == """
            /// A caller of the `snip` API, as its `auth` declares it: what a use case or job reads as `context.principal`.
            public struct SnipPrincipal: Sendable, Hashable {
                public var id: Int
                public var role: Role

                public init(id: Int, role: Role) {
                    self.id = id
                    self.role = role
                }

                /// The principal of `caller`; nil for an anonymous caller or the system.
                public init?(_ caller: LoomRuntime.Caller) {
                    guard
                        let principal = caller.principal,
                        let id = try? Int(sqlValue: principal["id"]),
                        let role = try? Role(sqlValue: principal["role"])
                    else { return nil }
                    self.init(id: id, role: role)
                }

                /// The principal as the runtime holds it: each field's value by name (what an authenticator returns).
                public var principal: LoomRuntime.Principal {
                    LoomRuntime.Principal(["id": id.sqlValue, "role": role.sqlValue])
                }
            }

            """)
    }

    /// A service is a protocol the application implements.
    @Test func service() throws {
        #expect(try EmitSnippetTests.declaration("public protocol Mailer: Sendable {", in: Self.output().application) == """
            /// `service Mailer`: implement it and give it to the server.
            public protocol Mailer: Sendable {
                func send(to: String, body: String) async throws

                /// How many messages wait.
                func pending() async throws -> Int
            }

            """)
    }

    /// One implementation of each service: what the server must be given.
    @Test func services() throws {
        #expect(try EmitSnippetTests.declaration("public struct SnipServices: Sendable {", in: Self.output().application) == """
            /// One implementation of each service of the `snip` schema: what `LoomServer.run` (and a test's
            /// `SnipApplication(database:services:)`) must be given.
            public struct SnipServices: Sendable {
                public var mailer: any Mailer

                public init(mailer: any Mailer) {
                    self.mailer = mailer
                }
            }

            """)
    }

    /// `readonly` runs without a transaction; a job dispatched as caller runs for the payload's principal.
    @Test func readonlyAndJobCaller() throws {
        let application = try Self.output().application
        #expect(application.contains("return try await self.scope.perform(\"CountNotes\") { scope in"))
        #expect(application.contains("let caller = arguments.dispatchedBy ?? .system"))
        #expect(application.contains("SnipApplication(scope: scope.acting(as: caller)).runAnnounce(noteId: arguments.noteId)"))
    }
}
