import Foundation
import LoomCompiler
import Testing

/// The behaviour half, generated from the Ledger fixture (Tests/Fixtures/Ledger, which the UseCaseTests build and run):
/// whole declarations of a use case's facade method, protocol, input and context, the `check` protocol, and a route.
@Suite("Use-case snippets")
struct UseCaseSnippetTests {
    static func generate() throws -> (application: String, routes: String) {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Fixtures/Ledger/ledger.loom")
        let text = try String(contentsOf: folder, encoding: .utf8)
        let result = Frontend.compile(name: "ledger", files: [SourceFile(path: "ledger.loom", text: text)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let files = SwiftEmitter.generate(try #require(result.schema))
        let application = try #require(files.first { $0.name == "loom-application.swift" }).contents
        let routes = try #require(files.first { $0.name == "loom-routes.swift" }).contents
        return (application, routes)
    }

    /// Guards in order (each a 404), then the body's constraints and every check, one 422; then the user's code, in
    /// one transaction. An absent optional field skips its check.
    @Test func facadeMethod() throws {
        let application = try Self.generate().application
        #expect(try EmitSnippetTests.declaration("public func transferFunds(body: TransferRequest) async throws -> Account {", in: application) == """
                /// `usecase TransferFunds`: runs the schema's statements, then your `TransferFunds`, in one transaction.
                public func transferFunds(body: TransferRequest) async throws -> Account {
                    return try await self.scope.perform("TransferFunds", inTransaction: true) { scope in
                        let repositories = LedgerRepositories(database: scope.database)
                        guard try await repositories.accounts.exists(body.fromId) else {
                            throw repositories.accounts.notFound(body.fromId)
                        }
                        let target = try await repositories.accounts.require(body.toId)
                        var violations = LoomRuntime.Violations()
                        violations.append(contentsOf: TransferRequest.violations(in: body))
                        if try await !LedgerChecks.differentAccounts(body.fromId, body.toId, repositories: repositories) {
                            violations.append(field: "toId", message: "an account cannot pay itself")
                        }
                        if let memo = body.memo, try await !LedgerChecks.plainMemo(memo, repositories: repositories) {
                            violations.append(field: "memo", message: "the memo must be plain text")
                        }
                        try violations.throwIfRulesBroken()
                        return try await LedgerImplementations.transferFunds.execute(
                            TransferFundsInput(body: body, target: target),
                            context: TransferFundsContext(scope: scope)
                        )
                    }
                }

            """)
    }

    /// A load by a unique field in a profile, `compute` statements on a copy of the body (a function, a loaded row's
    /// field, a literal under `when`, a sum), comparison rules over the body and loaded rows, and a rule under `when`: after
    /// the guards, the computes, then every rule in one 422 (a `check` under `when` too).
    @Test func valuesFacadeMethod() throws {
        let application = try Self.generate().application
        #expect(try EmitSnippetTests.declaration("public func payByNumber(accountId: Int, body: PaymentRequest) async throws -> PaymentReceipt {", in: application) == """
                /// `usecase PayByNumber`: runs the schema's statements, then your `PayByNumber`, in one transaction.
                public func payByNumber(accountId: Int, body: PaymentRequest) async throws -> PaymentReceipt {
                    return try await self.scope.perform("PayByNumber", inTransaction: true) { scope in
                        let repositories = LedgerRepositories(database: scope.database)
                        let payer = try await repositories.accounts.require(accountId)
                        let payee = try await repositories.accounts.load(
                            profile: "withEntries",
                            for: repositories.accounts.require(Account.Fields.number, body.number)
                        )
                        var body = body
                        body.reference = try await LedgerComputes.paymentReference(body.number, body.amount)
                        if body.memo == nil {
                            body.memo = payee.entity.owner
                        }
                        if body.amount > 100 {
                            body.fee = 1
                        }
                        body.total = body.amount + body.fee
                        var violations = LoomRuntime.Violations()
                        violations.append(contentsOf: PaymentRequest.violations(in: body))
                        if !(body.total <= payer.balance) {
                            violations.append(field: "amount", message: "not enough money")
                        }
                        if !(payer.id != payee.entity.id) {
                            violations.append(field: "number", message: "an account cannot pay itself")
                        }
                        if body.fee == 0 || body.reference != nil {
                            violations.check(
                                body.memo,
                                field: "memo",
                                [LoomRuntime.ValueConstraint(.notBlank, message: "the memo must not be blank")]
                            )
                        }
                        if let memo = body.memo,
                           body.amount > 1,
                           try await !LedgerChecks.plainMemo(memo, repositories: repositories)
                        {
                            violations.append(field: "memo", message: "the memo must be plain text")
                        }
                        try violations.throwIfRulesBroken()
                        return try await LedgerImplementations.payByNumber.execute(
                            PayByNumberInput(accountId: accountId, body: body, payer: payer, payee: payee),
                            context: PayByNumberContext(scope: scope)
                        )
                    }
                }

            """)
        #expect(try EmitSnippetTests.declaration("protocol LedgerComputeFunctions {", in: application) == """
            /// The `compute` functions of the schema's use cases. Write each one as a `static func` in
            /// `extension LedgerComputes`.
            protocol LedgerComputeFunctions {
                /// `compute body.reference = paymentReference(body.number, body.amount)` in `PayByNumber`.
                static func paymentReference(_ number: String, _ amount: Int) async throws -> String
            }

            """)
        // `exists` binds a Bool; an optional load by key reads with `get`, so a missing row is nil.
        #expect(application.contains("let hasEntries = try await repositories.entries.exists(Entry.Fields.accountId, accountId)"))
        #expect(application.contains("let account = try await repositories.accounts.get(accountId)"))
    }

    @Test func protocolInputAndContext() throws {
        let application = try Self.generate().application
        #expect(try EmitSnippetTests.declaration("public protocol TransferFundsUseCase: LoomRuntime.LoomUseCase {", in: application) == """
            /// Credits `toId` first, then invokes `Withdraw` on `fromId`: a withdrawal that fails undoes the credit.
            ///
            /// Implement it in your target as `struct TransferFunds: TransferFundsUseCase`.
            ///
            /// `LedgerApplication.transferFunds` runs these first, 404s before 422s:
            /// - `require Account(body.fromId)`
            /// - `load target = Account(body.toId)`
            /// - `check differentAccounts(body.fromId, body.toId)`
            /// - `check plainMemo(body.memo)`
            public protocol TransferFundsUseCase: LoomRuntime.LoomUseCase {
                func execute(_ input: TransferFundsInput, context: TransferFundsContext) async throws -> Account
            }

            """)
        #expect(try EmitSnippetTests.declaration("public struct TransferFundsInput: Sendable {", in: application) == """
            /// What `TransferFunds` receives: its parameters, its body and query, and the rows its `load` statements read.
            public struct TransferFundsInput: Sendable {
                public var body: TransferRequest
                /// `load target = Account(body.toId)`
                public var target: Account

                public init(body: TransferRequest, target: Account) {
                    self.body = body
                    self.target = target
                }
            }

            """)
        #expect(try EmitSnippetTests.declaration("public struct TransferFundsContext: LoomRuntime.UseCaseContext {", in: application) == """
            /// What `TransferFunds` may use: the request's scope (`requestID`, `logger`, `database`), the repositories
            /// (in its transaction, if it writes), and the use cases and jobs its `invoke` and `dispatch` statements name.
            public struct TransferFundsContext: LoomRuntime.UseCaseContext {
                public let scope: LoomRuntime.UseCaseScope

                public init(scope: LoomRuntime.UseCaseScope) {
                    self.scope = scope
                }

                /// Every model's repository, in this use case's transaction when it has one.
                public var repositories: LedgerRepositories { LedgerRepositories(database: scope.database) }

                /// `invoke Withdraw`: runs it, its statements included, in this use case's transaction.
                public func withdraw(accountId: Int, body: WithdrawalRequest) async throws -> Account {
                    try await LedgerApplication(scope: self.scope).withdraw(accountId: accountId, body: body)
                }
            }

            """)
        #expect(try EmitSnippetTests.declaration("protocol LedgerCheckFunctions {", in: application) == """
            /// The `check` predicates of the schema's use cases. Write each one as a `static func` in
            /// `extension LedgerChecks`.
            protocol LedgerCheckFunctions {
                /// `check differentAccounts(body.fromId, body.toId)` in `TransferFunds`; false reports
                /// "an account cannot pay itself".
                static func differentAccounts(_ fromId: Int, _ toId: Int, repositories: LedgerRepositories) async throws -> Bool

                /// `check plainMemo(body.memo)` in `TransferFunds`; false reports
                /// "the memo must be plain text".
                static func plainMemo(_ memo: String, repositories: LedgerRepositories) async throws -> Bool
            }

            """)
    }

    /// A use case without a result answers 204 with no body.
    @Test func routeWithoutResult() throws {
        let routes = try Self.generate().routes
        #expect(routes.contains("""
                    router.delete("/accounts/{accountId}/close") { request, context -> Hummingbird.Response in
                        let accountId = try LoomHTTP.UseCaseRoute.pathParameter(Int.self, "accountId", context: context)
                        try LoomHTTP.UseCaseRoute.rejectQuery(request)
                        let application = LedgerApplication(scope: LoomHTTP.UseCaseRoute.scope(database: database, context: context))
                        try await application.closeAccount(accountId: accountId)
                        return LoomHTTP.UseCaseRoute.respond(status: .noContent)
                    }
            """))
    }

    /// The stub `loomgen` prints for a use case the target does not implement compiles against the protocol.
    @Test func stubForAMissingImplementation() throws {
        let schema = try #require(Frontend.compile(name: "ledger", files: [SourceFile(path: "l.loom", text: """
            model Account {
              id Int @id
            }

            usecase CloseAccount(accountId: Int) {
              require Account(accountId)
            }

            resource Account at "/accounts" {
              DELETE "/{accountId}" -> CloseAccount
            }
            """)]).schema)
        let missing = ImplementationStubs.missing(in: schema, sources: ["struct Other: OtherUseCase {}"])
        #expect(missing.map(\.name) == ["CloseAccount"] && missing.map(\.path) == ["UseCases/CloseAccount.swift"])
        #expect(missing.first?.stub == """
            import LoomRuntime

            struct CloseAccount: CloseAccountUseCase {
                func execute(_ input: CloseAccountInput, context: CloseAccountContext) async throws {
                    throw LoomError.notImplemented(message: "use case 'CloseAccount' is not written yet")
                }
            }

            """)
        #expect(ImplementationStubs.missing(in: schema, sources: ["struct CloseAccount: CloseAccountUseCase {}"]).isEmpty)
        // Names match whole: another use case's protocol that ends like this one's does not implement it.
        #expect(ImplementationStubs.missing(in: schema, sources: ["struct Bulk: BulkCloseAccountUseCase {}"]).map(\.name) == ["CloseAccount"])
    }

    /// `loomgen scaffold`'s stubs for a job, a callback, a `check` predicate and a `compute` function: each where
    /// scaffold puts it, each compilable against the generated protocol, each body throwing "not implemented".
    @Test func stubsForJobsCallbacksChecksAndComputes() throws {
        let schema = try #require(Frontend.compile(name: "ledger", files: [SourceFile(path: "l.loom", text: """
            model Account {
              id Int @id
              owner String(40)
            }

            command Rename {
              owner String(40)
            }

            usecase RenameAccount(accountId: Int, body: Rename) -> Account {
              load account = Account(accountId)
              compute body.owner = tidyName(body.owner)
              check politeName(body.owner) on owner "be polite"
              dispatch Audit
            }

            job Audit(accountId: Int) -> Int {
              load account = Account(accountId)
            }

            callback ReportAudit on failure of Audit

            resource Account at "/accounts" {
              PATCH "/{accountId}" -> RenameAccount
            }
            """)]).schema)
        let missing = ImplementationStubs.missing(in: schema, sources: ["struct RenameAccount: RenameAccountUseCase {}"])
        #expect(missing.map(\.path) == [
            "Jobs/Audit.swift", "Callbacks/ReportAudit.swift", "Checks/politeName.swift", "Computes/tidyName.swift",
        ])
        #expect(missing.map(\.stub) == [
            """
            import LoomRuntime

            struct Audit: AuditJob {
                func execute(_ input: AuditInput, context: AuditContext) async throws -> Int {
                    throw LoomError.notImplemented(message: "job 'Audit' is not written yet")
                }
            }

            """,
            """
            import LoomRuntime

            struct ReportAudit: ReportAuditCallback {
                func execute(_ event: AuditFailed, context: ReportAuditContext) async throws {
                    throw LoomError.notImplemented(message: "callback 'ReportAudit' is not written yet")
                }
            }

            """,
            """
            import LoomRuntime

            extension LedgerChecks {
                /// `check politeName(body.owner)` in `RenameAccount`: true when it holds.
                static func politeName(_ owner: String, repositories: LedgerRepositories) async throws -> Bool {
                    throw LoomError.notImplemented(message: "check 'politeName' is not written yet")
                }
            }

            """,
            """
            import LoomRuntime

            extension LedgerComputes {
                /// `compute body.owner = tidyName(body.owner)` in `RenameAccount`.
                static func tidyName(_ owner: String) async throws -> String {
                    throw LoomError.notImplemented(message: "compute 'tidyName' is not written yet")
                }
            }

            """,
        ])
        #expect(ImplementationStubs.missing(in: schema, sources: [
            "struct RenameAccount: RenameAccountUseCase {}", "struct Audit: AuditJob {}", "struct ReportAudit: ReportAuditCallback {}",
            "extension LedgerChecks { static func politeName(_ owner: String) {} }",
            "extension LedgerComputes { static func tidyName(_ owner: String) -> String { owner } }",
        ]).isEmpty)
    }
}
