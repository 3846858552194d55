import Foundation
import LoomRuntime
import Synchronization

/// What a statement does to a table, as a forced failure names it.
public enum StatementVerb: String, Sendable, Hashable, CaseIterable {
    case select, insert, update, delete
}

/// The failures a test asked for: each one throws its error instead of running the next `times` statements of its
/// verb on its model's table. Shared by the engine and every transaction engine it hands out.
public final class ForcedFailures: Sendable {
    struct Rule: Sendable {
        var verb: StatementVerb
        var table: String
        var error: any Error
        var remaining: Int
    }

    private let rules = Mutex<[Rule]>([])
    private let thrown = Mutex(0)

    public init() {}

    /// The next `times` statements that `verb` rows of `model`'s table throw `error` instead of running. A
    /// `DatabaseError` is mapped as a driver's would be (a constraint to 409 or 422, `statementTimeout` to 503).
    public func failNext<Model: LoomModel>(
        _ verb: StatementVerb, _ model: Model.Type, with error: any Error = DatabaseError.statementTimeout, times: Int = 1
    ) {
        failNext(verb, table: Model.table.table, with: error, times: times)
    }

    /// The same for a table that is no model's: `loom_jobs`, say, where a dispatch writes.
    public func failNext(_ verb: StatementVerb, table: String, with error: any Error = DatabaseError.statementTimeout, times: Int = 1) {
        rules.withLock { $0.append(Rule(verb: verb, table: table, error: error, remaining: max(1, times))) }
    }

    /// How many statements a forced failure has stopped so far: a test can tell its failure was reached.
    public var count: Int { thrown.withLock { $0 } }

    /// Forgets the failures not yet thrown.
    public func clear() {
        rules.withLock { $0.removeAll() }
    }

    /// Throws the error of the first rule this statement matches, using up one of its times.
    func check(verb: StatementVerb, table: String) throws {
        let error: (any Error)? = rules.withLock { rules in
            guard let index = rules.firstIndex(where: { $0.verb == verb && $0.table == table }) else { return nil }
            rules[index].remaining -= 1
            let error = rules[index].error
            if rules[index].remaining == 0 { rules.remove(at: index) }
            return error
        }
        if let error {
            thrown.withLock { $0 += 1 }
            throw error
        }
    }

    /// The verb and table of a statement the runtime writes (`INSERT INTO "t"`, `UPDATE "t"`, `DELETE FROM "t"`,
    /// `SELECT … FROM "t"`); nil for anything else (DDL, a CTE).
    static func target(of sql: String) -> (verb: StatementVerb, table: String)? {
        let text = sql.drop { $0 == " " || $0 == "\n" }
        let verbs: [(StatementVerb, String)] = [(.insert, "INSERT INTO "), (.update, "UPDATE "), (.delete, "DELETE FROM ")]
        for (verb, prefix) in verbs where text.uppercased().hasPrefix(prefix) {
            return quotedName(at: text.dropFirst(prefix.count)).map { (verb, $0) }
        }
        guard text.uppercased().hasPrefix("SELECT "), let from = text.range(of: " FROM ") else { return nil }
        return quotedName(at: text[from.upperBound...]).map { (.select, $0) }
    }

    /// The name in the double quotes that `text` starts with.
    private static func quotedName(at text: Substring) -> String? {
        guard text.first == "\"", let end = text.dropFirst().firstIndex(of: "\"") else { return nil }
        return String(text[text.index(after: text.startIndex)..<end])
    }
}
