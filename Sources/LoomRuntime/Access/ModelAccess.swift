/// A model's access rules resolved for one caller: for each operation, the filter a row must pass, and which fields
/// the caller may read and write. Made once per repository (a request's), from `Model.accessRules`; nil — no rule
/// applies — for the system and for a model without rules (open).
///
/// The semantics, as `docs/auth.md` states them: deny beats allow; a model with rules denies what no rule allows; a
/// rule with a field list speaks about those fields only. A row may be read (created, deleted) when some rule allowing
/// the operation holds and no whole-row rule denying it does; a field may be read (written) when some rule allowing
/// the operation and covering the field holds and no rule denying it for that field does.
struct ModelAccess: Sendable {
    let table: TableSchema
    let rules: [AccessRule]
    let principal: Principal?
    /// Rows the caller may read.
    let read: Filter
    /// Fields whose visibility differs from the row's (a field rule on `read`), with the rows on which each may be read.
    let readableFields: [(field: String, filter: Filter)]

    init?(table: TableSchema, rules: [AccessRule], caller: Caller) {
        guard !rules.isEmpty else { return nil }
        let principal: Principal?
        switch caller {
        case .system: return nil
        case .anonymous: principal = nil
        case .principal(let value): principal = value
        }
        self.table = table
        self.rules = rules
        self.principal = principal
        let compiler = RuleCompiler(principal: principal)
        read = Self.rowFilter(.read, rules: rules, compiler: compiler, table: table)
        let narrowed = Set(rules.filter { $0.operations.contains(.read) }.compactMap(\.fields).flatMap { $0 })
        readableFields = table.columns.map(\.field).filter(narrowed.contains).map { field in
            (field, Self.fieldFilter(.read, field: field, rules: rules, compiler: compiler, table: table))
        }
    }

    /// Rows on which the caller may perform `operation` (for an update, given the row `before` it).
    func rows(_ operation: AccessRule.Operation, before: [String: SQLValue] = [:]) -> Filter {
        Self.rowFilter(operation, rules: rules, compiler: RuleCompiler(principal: principal, before: before), table: table)
    }

    /// Rows on which the caller may write `field` in an update of the row `before`.
    func writable(_ field: String, before: [String: SQLValue]) -> Filter {
        Self.fieldFilter(.update, field: field, rules: rules, compiler: RuleCompiler(principal: principal, before: before), table: table)
    }

    /// Whether the caller can read `field` on every row it can read: what filtering or sorting by it needs, so that
    /// the order or the matches of rows never tell a hidden value. A field readable on some rows only counts as not.
    func canFilter(byColumn column: String) -> Bool {
        guard let field = table.column(named: column)?.field,
              let entry = readableFields.first(where: { $0.field == field })
        else { return true }
        return entry.filter == .everything
    }

    /// The fields of `row` the caller may not read (empty for most rows of most models).
    func hiddenFields(of row: [SQLValue]) -> Set<String> {
        guard !readableFields.isEmpty else { return [] }
        var values: [String: SQLValue] = [:]
        for (column, value) in zip(table.columns, row) { values[column.column] = value }
        return Set(readableFields.filter { !RowEvaluation.holds($0.filter, on: values) }.map(\.field))
    }

    private static func rowFilter(
        _ operation: AccessRule.Operation, rules: [AccessRule], compiler: RuleCompiler, table: TableSchema
    ) -> Filter {
        let relevant = rules.filter { $0.operations.contains(operation) }
        let allowed = RuleCompiler.any(relevant.filter { $0.effect == .allow }.map { compiler.filter($0.condition, on: table) })
        let denied = RuleCompiler.any(
            relevant.filter { $0.effect == .deny && $0.fields == nil }.map { compiler.filter($0.condition, on: table) })
        return RuleCompiler.all([allowed, RuleCompiler.not(denied)])
    }

    private static func fieldFilter(
        _ operation: AccessRule.Operation, field: String, rules: [AccessRule], compiler: RuleCompiler, table: TableSchema
    ) -> Filter {
        let relevant = rules.filter { $0.operations.contains(operation) && $0.covers(field) }
        let allowed = RuleCompiler.any(relevant.filter { $0.effect == .allow }.map { compiler.filter($0.condition, on: table) })
        let denied = RuleCompiler.any(relevant.filter { $0.effect == .deny }.map { compiler.filter($0.condition, on: table) })
        return RuleCompiler.all([allowed, RuleCompiler.not(denied)])
    }
}

/// A filter decided in Swift over one row's values (by column): what a field's visibility needs per row, once the
/// row is read. Conditions on related rows cannot be decided from the row alone and count as false, so a field
/// guarded by one is hidden rather than shown.
enum RowEvaluation {
    static func holds(_ filter: Filter, on row: [String: SQLValue]) -> Bool {
        switch filter {
        case .all(let parts): return parts.allSatisfy { holds($0, on: row) }
        case .any(let parts): return parts.contains { holds($0, on: row) }
        case .not(let inner): return !holds(inner, on: row)
        case .related: return false
        case .condition(let condition):
            let value = row[condition.column] ?? .null
            let operand = condition.values.first ?? .null
            switch condition.op {
            case .eq: return RuleValues.compare(value, .eq, operand) && value != .null
            case .ne: return value != .null && RuleValues.compare(value, .ne, operand)
            case .lt: return RuleValues.compare(value, .lt, operand)
            case .lte: return RuleValues.compare(value, .lte, operand)
            case .gt: return RuleValues.compare(value, .gt, operand)
            case .gte: return RuleValues.compare(value, .gte, operand)
            case .isNull: return value == .null
            case .isNotNull: return value != .null
            case .in: return condition.values.contains { RuleValues.compare(value, .eq, $0) } && value != .null
            case .notIn: return value != .null && !condition.values.contains { RuleValues.compare(value, .eq, $0) }
            // Never built by rules.
            case .like, .ilike, .contains, .startsWith: return false
            }
        }
    }
}
