import LoomRuntime

/// `load account = Account(number: number)` has read it, or answered 404.
struct GetAccountByNumber: GetAccountByNumberUseCase {
    func execute(_ input: GetAccountByNumberInput, context: GetAccountByNumberContext) async throws -> Account {
        input.account
    }
}

struct HasEntries: HasEntriesUseCase {
    func execute(_ input: HasEntriesInput, context: HasEntriesContext) async throws -> Bool {
        input.hasEntries
    }
}

struct PostEntry: PostEntryUseCase {
    func execute(_ input: PostEntryInput, context: PostEntryContext) async throws -> Entry {
        try await context.repositories.entries.create(
            Entry.Create(accountId: input.accountId, amount: input.body.amount, kind: input.body.kind))
    }
}

struct WasAudited: WasAuditedUseCase {
    func execute(_ input: WasAuditedInput, context: WasAuditedContext) async throws -> Bool {
        input.audited
    }
}

struct AccountExists: AccountExistsUseCase {
    func execute(_ input: AccountExistsInput, context: AccountExistsContext) async throws -> Bool {
        input.account != nil
    }
}

/// Moves the amount, and the fee with it; the schema has computed the body's reference, memo, fee and total and
/// checked the balance.
struct PayByNumber: PayByNumberUseCase {
    func execute(_ input: PayByNumberInput, context: PayByNumberContext) async throws -> PaymentReceipt {
        let accounts = context.repositories.accounts
        let payer = input.payer, payee = input.payee.entity
        let debit = Account.Update(balance: .value(payer.balance - input.body.total))
        guard let paid = try await accounts.update(payer.id, with: debit) else {
            throw accounts.notFound(payer.id)
        }
        _ = try await accounts.update(payee.id, with: Account.Update(balance: .value(payee.balance + input.body.amount)))
        return PaymentReceipt(
            reference: input.body.reference ?? "", memo: input.body.memo ?? "", fee: input.body.fee, balance: paid.balance,
            payeeEntries: input.payee.count("entryCount") ?? -1)
    }
}

extension LedgerComputes {
    static func paymentReference(_ number: String, _ amount: Int) async throws -> String {
        "PAY-\(number)-\(amount)"
    }
}
