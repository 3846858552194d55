import LoomRuntime

struct Withdraw: WithdrawUseCase {
    func execute(_ input: WithdrawInput, context: WithdrawContext) async throws -> Account {
        guard input.account.balance >= input.body.amount else {
            throw LoomError.ruleViolations([.init(field: "amount", message: "not enough money")])
        }
        let accounts = context.repositories.accounts
        let debited = Account.Update(balance: .value(input.account.balance - input.body.amount))
        guard let account = try await accounts.update(input.account.id, with: debited) else { throw accounts.notFound(input.account.id) }
        return account
    }
}

struct CloseAccount: CloseAccountUseCase {
    func execute(_ input: CloseAccountInput, context: CloseAccountContext) async throws {
        _ = try await context.repositories.accounts.delete(input.accountId)
    }
}

struct GetStatement: GetStatementUseCase {
    func execute(_ input: GetStatementInput, context: GetStatementContext) async throws -> Account {
        input.account
    }
}

struct ListRichAccounts: ListRichAccountsUseCase {
    func execute(_ input: ListRichAccountsInput, context: ListRichAccountsContext) async throws -> ListPage<Account> {
        var query = input.query
        let rich = Account.Fields.balance.gte(100)
        query.filter = query.filter.map { .all([rich, $0]) } ?? rich
        return try await context.repositories.accounts.list(query)
    }
}

struct CountEntries: CountEntriesUseCase {
    func execute(_ input: CountEntriesInput, context: CountEntriesContext) async throws -> Int {
        let entries = try await context.repositories.entries.all(
            where: .all([Entry.Fields.accountId.eq(input.accountId), Entry.Fields.kind.eq(input.kind)]))
        return entries.count
    }
}
