import Foundation
import Hummingbird
import HummingbirdTesting
import Ledger
import LoomRuntime
import Testing

/// What the Ledger's use cases say about values, through the generated facade on SQLite and PostgreSQL: a load by a
/// unique field in a profile, `exists` and an optional load as values, `compute` statements, comparison rules over
/// the body and loaded rows, and rules under `when`.
@Suite("Use-case values: lookups by a field, exists, compute, comparison rules, when")
struct LedgerValueTests {
    /// Accounts 1 (Ada, 100, "A-1") and 2 (Bob, 0, "B-2"), and account 3 (Cy, 50) without a number.
    static func withAccounts(_ backend: TestBackend, _ body: (LedgerApplication) async throws -> Void) async throws {
        try await LedgerUseCaseTests.withLedger(backend) { ledger in
            let accounts = ledger.repositories.accounts
            _ = try await accounts.update(1, with: Account.Update(number: .value("A-1")))
            _ = try await accounts.update(2, with: Account.Update(number: .value("B-2")))
            _ = try await accounts.create(Account.Create(owner: "Cy", balance: 50))
            try await body(ledger)
        }
    }

    static func payment(_ number: String, _ amount: Int, memo: String? = nil) -> PaymentRequest {
        PaymentRequest(number: number, amount: amount, memo: memo)
    }

    @Test("load by a unique field: the row, or a 404 naming the model, the field and the value", arguments: TestBackend.allCases)
    func loadByField(backend: TestBackend) async throws {
        try await Self.withAccounts(backend) { ledger in
            let found = try await ledger.getAccountByNumber(number: "B-2")
            #expect(found.owner == "Bob")
            await #expect(throws: LoomError.notFoundBy(entity: "Account", field: "number", value: "Z-9")) {
                try await ledger.getAccountByNumber(number: "Z-9")
            }
        }
    }

    @Test("exists gives a Bool, and an optional load nil: neither is a 404", arguments: TestBackend.allCases)
    func existenceAsAValue(backend: TestBackend) async throws {
        try await Self.withAccounts(backend) { ledger in
            _ = try await ledger.repositories.entries.create(Entry.Create(accountId: 1, amount: 5))
            #expect(try await ledger.hasEntries(accountId: 1))
            #expect(try await !ledger.hasEntries(accountId: 2))
            #expect(try await !ledger.hasEntries(accountId: 99))
            #expect(try await ledger.accountExists(accountId: 2))
            #expect(try await !ledger.accountExists(accountId: 99))
        }
    }

    @Test("exists reads for the caller: a row its read rule hides is not there", arguments: TestBackend.allCases)
    func existenceUnderRules(backend: TestBackend) async throws {
        try await Self.withAccounts(backend) { ledger in
            let database = ledger.scope.database
            _ = try await database.acting(as: .system).repository(Audit.self).create(Audit.Create(accountId: 1, actorId: 7))
            let member = LedgerApplication(database: database.acting(as: DispatchAsCallerTests.caller(7)))
            let anonymous = LedgerApplication(database: database.acting(as: .anonymous))
            #expect(try await member.wasAudited(accountId: 1))
            #expect(try await !member.wasAudited(accountId: 2))
            // `allow read when auth != null`: an anonymous caller reads no audit, so none exists for it.
            #expect(try await !anonymous.wasAudited(accountId: 1))
        }
    }

    @Test("computes run before the rules: a function, a copy of a loaded row's field, a literal under when", arguments: TestBackend.allCases)
    func computes(backend: TestBackend) async throws {
        try await Self.withAccounts(backend) { ledger in
            for amount in [5, 7] { _ = try await ledger.repositories.entries.create(Entry.Create(accountId: 2, amount: amount)) }
            // No memo: the payee's owner; 30 ≤ 100: no fee; the payee loaded in its profile (two entries).
            let plain = try await ledger.payByNumber(accountId: 1, body: Self.payment("B-2", 30))
            #expect(plain == PaymentReceipt(reference: "PAY-B-2-30", memo: "Bob", fee: 0, balance: 70, payeeEntries: 2))
            // A memo given is kept; over 100 a fee of 1.
            _ = try await ledger.repositories.accounts.update(1, with: Account.Update(balance: .value(500)))
            let large = try await ledger.payByNumber(accountId: 1, body: Self.payment("B-2", 200, memo: "rent"))
            #expect(large == PaymentReceipt(reference: "PAY-B-2-200", memo: "rent", fee: 1, balance: 299, payeeEntries: 2))
            let payee = try await ledger.repositories.accounts.require(2)
            #expect(payee.balance == 230)
            // `check … when body.amount > 1`: a memo of a payment of 1 is not checked.
            await #expect(throws: LoomError.ruleViolations([.init(field: "memo", message: "the memo must be plain text")])) {
                try await ledger.payByNumber(accountId: 1, body: Self.payment("B-2", 2, memo: "<b>"))
            }
            _ = try await ledger.payByNumber(accountId: 1, body: Self.payment("B-2", 1, memo: "<b>"))
        }
    }

    @Test("an enum case by name: computed, and compared under when", arguments: TestBackend.allCases)
    func enumCases(backend: TestBackend) async throws {
        try await Self.withAccounts(backend) { ledger in
            let refund = try await ledger.postEntry(accountId: 1, body: EntryRequest(amount: -5))
            #expect(refund.kind == .debit)
            let deposit = try await ledger.postEntry(accountId: 1, body: EntryRequest(amount: 5))
            #expect(deposit.kind == .credit)
            await #expect(throws: LoomError.ruleViolations([.init(field: "kind", message: "a positive amount is a credit")])) {
                try await ledger.postEntry(accountId: 1, body: EntryRequest(amount: 5, kind: .debit))
            }
        }
    }

    @Test("a missing payee is a 404 before any rule; every broken rule is reported at once", arguments: TestBackend.allCases)
    func comparisonRules(backend: TestBackend) async throws {
        try await Self.withAccounts(backend) { ledger in
            await #expect(throws: LoomError.notFoundBy(entity: "Account", field: "number", value: "Z-9")) {
                try await ledger.payByNumber(accountId: 1, body: Self.payment("Z-9", 1_000))
            }
            // The body against a loaded row, and two loaded rows against each other; a blank memo, checked because
            // the reference was computed (`when`).
            await #expect(throws: LoomError.ruleViolations([
                .init(field: "amount", message: "not enough money"),
                .init(field: "number", message: "an account cannot pay itself"),
                .init(field: "memo", message: "the memo must not be blank"),
            ])) {
                try await ledger.payByNumber(accountId: 1, body: Self.payment("A-1", 101, memo: " "))
            }
            let payer = try await ledger.repositories.accounts.require(1)
            #expect(payer.balance == 100)
        }
    }

    @Test("over HTTP: a lookup by a path parameter, a Bool result, a computed receipt", arguments: TestBackend.allCases)
    func routes(backend: TestBackend) async throws {
        try await LedgerUseCaseTests.withLedgerServer(backend) { client, ledger in
            _ = try await ledger.repositories.accounts.update(2, with: Account.Update(number: .value("B-2")))
            let found = try await client.execute(uri: "/accounts/by-number/B-2", method: .get)
            #expect(found.status == .ok)
            #expect(LedgerUseCaseTests.object(found)["owner"] as? String == "Bob")
            let missing = try await client.execute(uri: "/accounts/by-number/Z-9", method: .get)
            #expect(missing.status == .notFound)
            let detail = LedgerUseCaseTests.object(missing)["detail"] as? [String: Any]
            #expect(detail?["entity"] as? String == "Account")
            #expect(detail?["fields"] as? [String] == ["number"])
            #expect(detail?["message"] as? String == "Account with number=Z-9 not found")
            #expect(String(buffer: try await client.execute(uri: "/accounts/9/exists", method: .get).body) == "false")
            let paid = try await LedgerUseCaseTests.post(client, "/accounts/1/payments", #"{"number":"B-2","amount":10}"#)
            #expect(paid.status == .ok)
            #expect(LedgerUseCaseTests.object(paid)["reference"] as? String == "PAY-B-2-10")
            #expect(LedgerUseCaseTests.object(paid)["memo"] as? String == "Bob")
        }
    }
}
