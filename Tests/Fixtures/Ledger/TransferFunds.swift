import LoomRuntime

/// Credits the target, then withdraws from the source through the `Withdraw` use case: when that fails (too much,
/// or not enough money), the credit is rolled back with it.
struct TransferFunds: TransferFundsUseCase {
    func execute(_ input: TransferFundsInput, context: TransferFundsContext) async throws -> Account {
        let accounts = context.repositories.accounts
        let credited = Account.Update(balance: .value(input.target.balance + input.body.amount))
        guard try await accounts.update(input.target.id, with: credited) != nil else { throw accounts.notFound(input.target.id) }
        return try await context.withdraw(accountId: input.body.fromId, body: WithdrawalRequest(amount: input.body.amount))
    }
}

extension LedgerChecks {
    static func differentAccounts(_ fromId: Int, _ toId: Int, repositories: LedgerRepositories) async throws -> Bool {
        fromId != toId
    }

    static func plainMemo(_ memo: String, repositories: LedgerRepositories) async throws -> Bool {
        !memo.contains("<")
    }
}
