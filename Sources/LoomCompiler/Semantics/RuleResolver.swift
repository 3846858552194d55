/// Checks a model's `allow`/`deny` rules and resolves them to `AccessRule`s: every name to a column, a principal
/// field or a literal, every comparison type-checked, literal-only comparisons folded. What the runtime turns into SQL
/// is exactly what was checked here, so a rule that compiles cannot fail on a name or a type at run time.
struct RuleResolver {
    let models: [String: Model]
    let enums: [String: EnumType]
    /// Nil when the schema declares no `auth`: then `auth` and `before` may not appear.
    let principal: Principal?
    var diagnostics: [Diagnostic] = []

    init(models: [String: Model], enums: [String: EnumType], principal: Principal?) {
        self.models = models
        self.enums = enums
        self.principal = principal
    }

    /// Where names are looked up: the model the rule is on, or the related model inside `exists`.
    private struct Scope {
        var model: Model
        /// The rule is about `update` alone, so `before.` has a meaning.
        var allowsBefore: Bool
        /// Inside `exists(…)`: names are the related model's, and `before.` would not be this rule's row.
        var isRelated = false
    }

    /// A use case's `require auth …`: a condition on the caller alone (`auth`, its fields, literals and enum cases),
    /// checked and folded like a rule's. `require auth` on its own asks for any signed-in caller.
    mutating func resolveRequirement(_ expression: RuleExpressionSyntax) -> RuleCondition? {
        if case .operand(let operand) = expression.kind, Self.text(of: operand) == "auth" { return .authenticated }
        return resolveCondition(expression, in: Scope(model: Self.noRow, allowsBefore: false))
    }

    /// The "model" of a use case's requirement: no fields, so every name must be `auth`'s or an enum case.
    private static let noRow = Model(
        name: "", table: "", doc: [], file: "", range: SourceRange(file: "", start: .init(line: 1, column: 1, offset: 0),
                                                                       end: .init(line: 1, column: 1, offset: 0)),
        fields: [], timestamps: false)

    mutating func resolve(_ rules: [AccessRuleSyntax], of model: Model) -> [AccessRule] {
        var resolved: [AccessRule] = []
        for rule in rules {
            guard let effect = AccessRule.Effect(rawValue: rule.effect.name) else { continue }
            let groups = resolveOperations(rule.operations, of: model)
            guard let condition = rule.condition else { continue }
            let operations = Set(groups.flatMap(\.operations))
            let scope = Scope(model: model, allowsBefore: operations == [.update])
            guard let resolvedCondition = resolveCondition(condition, in: scope), !groups.isEmpty else { continue }
            if resolvedCondition == .constant(false) {
                diagnostics.append(.error(
                    .ruleNeverHolds, "this rule can never hold: its condition is false for every row and caller",
                    at: condition.range, hint: "remove the rule, or fix the condition"
                ))
                continue
            }
            for group in groups {
                resolved.append(AccessRule(
                    effect: effect, operations: group.operations, fields: group.fields, condition: resolvedCondition,
                    range: rule.range
                ))
            }
        }
        return resolved
    }

    // MARK: Operations

    /// The operations of a rule grouped by field list: the whole-row ones first, then one group per distinct list.
    private mutating func resolveOperations(
        _ written: [RuleOperationSyntax], of model: Model
    ) -> [(operations: [AccessRule.Operation], fields: [String]?)] {
        var wholeRow: Set<AccessRule.Operation> = []
        var narrowed: [(operations: Set<AccessRule.Operation>, fields: [String])] = []
        for operation in written {
            let name = operation.name.name
            let expanded: [AccessRule.Operation]
            if name == "all" {
                expanded = AccessRule.Operation.allCases
            } else if let single = AccessRule.Operation(rawValue: name) {
                expanded = [single]
            } else {
                diagnostics.append(.error(
                    .unknownRuleOperation,
                    "unknown operation '\(name)'; expected " + Suggestions.list(Keywords.ruleOperations),
                    at: operation.name.range, hint: Suggestions.didYouMean(name, among: Keywords.ruleOperations)
                ))
                continue
            }
            guard let fieldNames = operation.fields else {
                wholeRow.formUnion(expanded)
                continue
            }
            guard name == "read" || name == "update" else {
                diagnostics.append(.error(
                    .invalidRuleFields, "a field list narrows 'read' and 'update' only, not '\(name)'",
                    at: operation.range, hint: "write '\(name)' without fields; it is about the whole row"
                ))
                continue
            }
            let fields = resolveFieldList(fieldNames, of: model)
            if let index = narrowed.firstIndex(where: { $0.fields == fields }) {
                narrowed[index].operations.formUnion(expanded)
            } else {
                narrowed.append((Set(expanded), fields))
            }
        }
        var groups: [(operations: [AccessRule.Operation], fields: [String]?)] = []
        if !wholeRow.isEmpty { groups.append((AccessRule.Operation.allCases.filter(wholeRow.contains), nil)) }
        for group in narrowed where !group.fields.isEmpty {
            groups.append((AccessRule.Operation.allCases.filter(group.operations.contains), group.fields))
        }
        return groups
    }

    /// Field names of the model; a belongs-to relation's name stands for its foreign key (`assignee` → `assigneeId`).
    private mutating func resolveFieldList(_ names: [Identifier], of model: Model) -> [String] {
        var fields: [String] = []
        for name in names {
            var field = model.field(named: name.name)?.name
            if field == nil, let relation = model.relation(named: name.name), relation.kind == .belongsTo {
                field = relation.foreignKey
            }
            guard let field else {
                diagnostics.append(unknownField(name, of: model))
                continue
            }
            if !fields.contains(field) { fields.append(field) }
        }
        return fields
    }

    // MARK: Conditions

    /// Nil after reporting a problem. Constants are folded through `!`, `&&` and `||`.
    private mutating func resolveCondition(_ expression: RuleExpressionSyntax, in scope: Scope) -> RuleCondition? {
        switch expression.kind {
        case .any(let terms):
            let resolved = terms.map { resolveCondition($0, in: scope) }
            guard resolved.allSatisfy({ $0 != nil }) else { return nil }
            return Self.combine(resolved.compactMap { $0 }, all: false)
        case .all(let terms):
            let resolved = terms.map { resolveCondition($0, in: scope) }
            guard resolved.allSatisfy({ $0 != nil }) else { return nil }
            return Self.combine(resolved.compactMap { $0 }, all: true)
        case .not(let inner):
            guard let condition = resolveCondition(inner, in: scope) else { return nil }
            if case .constant(let value) = condition { return .constant(!value) }
            return .not(condition)
        case .compare(let left, let op, let operatorRange, let right):
            return resolveComparison(left, op, operatorRange, right, in: scope)
        case .oneOf(let left, let options):
            return resolveMembership(left, options, in: scope)
        case .operand(let operand):
            return resolveBareOperand(operand, in: scope)
        }
    }

    /// `&&` (all) or `||` (any) of conditions, flattened, with constants folded away.
    private static func combine(_ terms: [RuleCondition], all: Bool) -> RuleCondition {
        var flat: [RuleCondition] = []
        for term in terms {
            switch term {
            case .constant(let value) where value == all: continue
            case .constant: return .constant(!all)
            case .all(let inner) where all: flat += inner
            case .any(let inner) where !all: flat += inner
            default: flat.append(term)
            }
        }
        if flat.isEmpty { return .constant(all) }
        if flat.count == 1 { return flat[0] }
        return all ? .all(flat) : .any(flat)
    }

    /// An operand standing alone must be true or false: a Bool value, `true`/`false`, `exists(…)`, `( … )`.
    private mutating func resolveBareOperand(_ operand: RuleOperandSyntax, in scope: Scope) -> RuleCondition? {
        guard let resolved = resolveOperand(operand, in: scope) else { return nil }
        switch resolved.kind {
        case .condition(let condition):
            return condition
        case .literal(.bool(let value)):
            return .constant(value)
        case .value(let value, .bool, _, _):
            return .compare(value, .eq, .literal(.bool(true)))
        case .caseName(let name):
            diagnostics.append(unknownName(name, in: scope))
            return nil
        case .principal:
            diagnostics.append(.error(
                .nonBooleanCondition, "'auth' on its own is not a condition", at: operand.range,
                hint: "write auth != null for any signed-in caller"
            ))
            return nil
        default:
            diagnostics.append(.error(
                .nonBooleanCondition, "'\(resolved.text)' is \(resolved.typeDescription), not a condition", at: operand.range,
                hint: "compare it, e.g. \(resolved.text) == …"
            ))
            return nil
        }
    }

    private static let comparisons: [RuleOperatorSyntax: RuleComparison] = [
        .equal: .eq, .notEqual: .ne, .less: .lt, .lessOrEqual: .lte, .greater: .gt, .greaterOrEqual: .gte,
    ]

    private mutating func resolveComparison(
        _ leftSyntax: RuleOperandSyntax, _ op: RuleOperatorSyntax, _ operatorRange: SourceRange,
        _ rightSyntax: RuleOperandSyntax, in scope: Scope
    ) -> RuleCondition? {
        let leftResolved = resolveOperand(leftSyntax, in: scope)
        let rightResolved = resolveOperand(rightSyntax, in: scope)
        guard var left = leftResolved, var right = rightResolved else { return nil }
        guard resolveCaseNames(&left, &right, in: scope) else { return nil }
        let comparison = Self.comparisons[op]!
        let isEquality = op == .equal || op == .notEqual

        for side in [left, right] {
            if case .condition = side.kind {
                diagnostics.append(.error(
                    .ruleTypeMismatch, "'\(side.text)' is a condition, not a value, and cannot be compared", at: side.range,
                    hint: "combine conditions with && and ||"
                ))
                return nil
            }
        }
        // `auth == null`, `auth != null`.
        if left.isWholePrincipal || right.isWholePrincipal {
            let other = left.isWholePrincipal ? right : left
            guard isEquality, case .literal(.null) = other.kind else {
                diagnostics.append(.error(
                    .ruleTypeMismatch, "'auth' on its own can only be compared with null", at: operatorRange,
                    hint: "compare one of its fields, e.g. auth.\(principal?.fields.first?.name ?? "id") == …"
                ))
                return nil
            }
            return op == .notEqual ? .authenticated : .not(.authenticated)
        }
        // Comparisons with null.
        if left.isNull || right.isNull {
            guard isEquality else {
                diagnostics.append(.error(
                    .unorderedComparison, "'\(op.rawValue)' cannot compare with null", at: operatorRange,
                    hint: "use == null or != null"
                ))
                return nil
            }
            if left.isNull && right.isNull { return .constant(op == .equal) }
            let other = left.isNull ? right : left
            if case .literal = other.kind { return .constant(op == .notEqual) }
            guard other.isOptional else {
                let outcome = op == .equal ? "'== null' never holds" : "'!= null' always holds"
                diagnostics.append(.error(
                    .ruleNeverHolds, "'\(other.text)' is never null, so \(outcome)", at: operatorRange,
                    hint: other.isPrincipalField
                        ? "an anonymous caller has no principal: write auth == null or auth != null"
                        : "remove the comparison, or make '\(other.text)' optional"
                ))
                return nil
            }
            return .compare(left.value!, comparison, right.value!)
        }
        if left.isRow && right.isRow {
            diagnostics.append(.error(
                .columnComparison,
                "comparing '\(left.text)' with '\(right.text)' is not supported yet: both are values of the row",
                at: operatorRange, hint: "compare a value of the row with the caller (auth.…) or a literal"
            ))
            return nil
        }
        guard checkCompatible(left, right, at: operatorRange) else { return nil }
        if !isEquality {
            for side in [left, right] {
                if let category = side.category, !category.isOrdered {
                    diagnostics.append(.error(
                        .unorderedComparison, "'\(op.rawValue)' needs ordered values, and '\(side.text)' is \(side.typeDescription)",
                        at: operatorRange, hint: "compare it with == or !="
                    ))
                    return nil
                }
                if side.isOptional {
                    diagnostics.append(.error(
                        .unorderedComparison, "'\(op.rawValue)' cannot compare optional '\(side.text)'", at: operatorRange,
                        hint: "it may be null; compare it with == or != only"
                    ))
                    return nil
                }
            }
        }
        if case .literal(let a) = left.kind, case .literal(let b) = right.kind {
            return .constant(Self.fold(a, comparison, b))
        }
        return .compare(left.value!, comparison, right.value!)
    }

    /// `value in [a, b]`: each option is checked as `value == option`.
    private mutating func resolveMembership(
        _ leftSyntax: RuleOperandSyntax, _ optionSyntax: [RuleOperandSyntax], in scope: Scope
    ) -> RuleCondition? {
        guard var left = resolveOperand(leftSyntax, in: scope) else { return nil }
        let resolvedOptions = optionSyntax.map { resolveOperand($0, in: scope) }
        guard resolvedOptions.allSatisfy({ $0 != nil }) else { return nil }
        var options = resolvedOptions.compactMap { $0 }
        // A bare name on the left is a case of the enum the options hold.
        if case .caseName(let name) = left.kind {
            let typed = options.first { if case .enumeration? = $0.category { true } else { false } }
            guard let typed, resolveCase(name, &left, against: typed, in: scope) else {
                if options.allSatisfy({ if case .enumeration? = $0.category { false } else { true } }) {
                    diagnostics.append(unknownName(name, in: scope))
                }
                return nil
            }
        }
        var values: [RuleValue] = []
        var literalOutcome: Bool? = false
        for index in options.indices {
            var probe = left
            guard resolveCaseNames(&probe, &options[index], in: scope) else { return nil }
            let option = options[index]
            if left.isWholePrincipal || left.isNull || left.isCondition || option.isWholePrincipal || option.isNull
                || option.isCondition
            {
                diagnostics.append(.error(
                    .ruleTypeMismatch, "'in' compares a value with a list of values", at: option.range,
                    hint: "write value in [a, b]; compare with null using == null"
                ))
                return nil
            }
            if left.isRow && option.isRow {
                diagnostics.append(.error(
                    .columnComparison,
                    "comparing '\(left.text)' with '\(option.text)' is not supported yet: both are values of the row",
                    at: option.range, hint: "compare a value of the row with the caller (auth.…) or a literal"
                ))
                return nil
            }
            guard checkCompatible(left, option, at: option.range) else { return nil }
            if case .literal(let a) = left.kind, case .literal(let b) = option.kind {
                if Self.fold(a, .eq, b) { literalOutcome = literalOutcome.map { _ in true } }
            } else {
                literalOutcome = nil
            }
            values.append(option.value!)
        }
        if let literalOutcome { return .constant(literalOutcome) }
        return .oneOf(left.value!, values)
    }

    /// Turns a bare name into a case of the other side's enum. False after reporting an unknown name or case.
    private mutating func resolveCaseNames(_ left: inout RuleOperand, _ right: inout RuleOperand, in scope: Scope) -> Bool {
        switch (left.kind, right.kind) {
        case (.caseName(let name), _):
            return resolveCase(name, &left, against: right, in: scope)
        case (_, .caseName(let name)):
            return resolveCase(name, &right, against: left, in: scope)
        default:
            return true
        }
    }

    private mutating func resolveCase(_ name: Identifier, _ operand: inout RuleOperand, against other: RuleOperand, in scope: Scope) -> Bool {
        guard case .enumeration(let enumName)? = other.category, let enumeration = enums[enumName] else {
            diagnostics.append(unknownName(name, in: scope))
            return false
        }
        guard enumeration.cases.contains(name.name) else {
            if scope.model.relation(named: name.name) != nil {
                diagnostics.append(unknownName(name, in: scope))
                return false
            }
            let hint = Suggestions.didYouMean(name.name, among: enumeration.cases)
                ?? "the cases of '\(enumName)' are " + Suggestions.list(enumeration.cases, conjunction: "and")
            diagnostics.append(.error(
                .ruleTypeMismatch, "'\(name.name)' is not a case of enum '\(enumName)', the type of '\(other.text)'",
                at: name.range, hint: hint
            ))
            return false
        }
        operand.kind = .value(.literal(.string(name.name)), .enumeration(enumName), isOptional: false, isRow: false)
        operand.isEnumLiteral = true
        return true
    }

    /// False (reported) when the two sides hold different kinds of value.
    private mutating func checkCompatible(_ left: RuleOperand, _ right: RuleOperand, at range: SourceRange) -> Bool {
        for side in [left, right] {
            if side.category == nil, case .value(_, let type, _, _) = side.kind {
                diagnostics.append(.error(
                    .ruleTypeMismatch, "'\(side.text)' is '\(type.schemaSpelling)', which rules cannot compare yet",
                    at: side.range, hint: "rules compare Int, Int32, Double, String, Text, Bool, UUID and enum values"
                ))
                return false
            }
        }
        guard let a = left.category, let b = right.category else { return true }
        if a.accepts(b, literal: right.isLiteral) || b.accepts(a, literal: left.isLiteral) { return true }
        diagnostics.append(.error(
            .ruleTypeMismatch,
            "cannot compare '\(left.text)' (\(left.typeDescription)) with '\(right.text)' (\(right.typeDescription))",
            at: range, hint: mismatchHint(a, b)
        ))
        return false
    }

    private func mismatchHint(_ a: RuleOperand.Category, _ b: RuleOperand.Category) -> String {
        switch (a, b) {
        case (.enumeration(let first), .enumeration(let second)):
            return "'\(first)' and '\(second)' are different enums; compare each with its own cases"
        case (.enumeration(let name), .string), (.string, .enumeration(let name)):
            let example = enums[name]?.cases.first.map { ", e.g. \($0)" } ?? ""
            return "write a case of '\(name)' unquoted\(example)"
        default:
            return "both sides must be numbers, strings, booleans, UUIDs or cases of one enum"
        }
    }

    private static func fold(_ a: RuleLiteral, _ comparison: RuleComparison, _ b: RuleLiteral) -> Bool {
        func order(_ x: RuleLiteral, _ y: RuleLiteral) -> Int? {
            switch (x, y) {
            case (.int(let p), .int(let q)): p < q ? -1 : (p == q ? 0 : 1)
            case (.int(let p), .double(let q)): Double(p) < q ? -1 : (Double(p) == q ? 0 : 1)
            case (.double(let p), .int(let q)): p < Double(q) ? -1 : (p == Double(q) ? 0 : 1)
            case (.double(let p), .double(let q)): p < q ? -1 : (p == q ? 0 : 1)
            case (.string(let p), .string(let q)): p < q ? -1 : (p == q ? 0 : 1)
            case (.bool(let p), .bool(let q)): p == q ? 0 : nil
            default: nil
            }
        }
        let ordering = order(a, b)
        switch comparison {
        case .eq: return ordering == 0
        case .ne: return ordering != 0
        case .lt: return ordering.map { $0 < 0 } ?? false
        case .lte: return ordering.map { $0 <= 0 } ?? false
        case .gt: return ordering.map { $0 > 0 } ?? false
        case .gte: return ordering.map { $0 >= 0 } ?? false
        }
    }

    // MARK: Operands

    private mutating func resolveOperand(_ operand: RuleOperandSyntax, in scope: Scope) -> RuleOperand? {
        let text = Self.text(of: operand)
        switch operand.kind {
        case .null:
            return RuleOperand(kind: .literal(.null), text: "null", range: operand.range)
        case .literal(let literal):
            let value: RuleLiteral
            switch literal.value {
            case .integer(let number): value = .int(number)
            case .decimal(let number): value = .double(number)
            case .string(let string): value = .string(string)
            case .bool(let flag): value = .bool(flag)
            case .identifier(let name): value = .string(name)
            }
            return RuleOperand(kind: .literal(value), text: literal.text, range: operand.range)
        case .group(let inner):
            guard let condition = resolveCondition(inner, in: scope) else { return nil }
            return RuleOperand(kind: .condition(condition), text: text, range: operand.range)
        case .exists(let relation, let inner):
            guard let condition = resolveExists(relation, inner, in: scope) else { return nil }
            return RuleOperand(kind: .condition(condition), text: text, range: operand.range)
        case .path(let names):
            return resolvePath(names, text: text, range: operand.range, in: scope)
        }
    }

    private mutating func resolveExists(
        _ name: Identifier, _ inner: RuleExpressionSyntax?, in scope: Scope
    ) -> RuleCondition? {
        let model = scope.model
        guard let relation = model.relation(named: name.name), relation.kind == .hasMany,
            let child = models[relation.model]
        else {
            let hasMany = model.relations.filter { $0.kind == .hasMany }.map(\.name)
            if let relation = model.relation(named: name.name) {
                diagnostics.append(.error(
                    .invalidExists,
                    "'exists' needs a has-many relation, and '\(name.name)' is the '\(relation.model)' this model belongs to",
                    at: name.range, hint: "compare one of its fields instead: \(name.name).… == …"
                ))
            } else if model.field(named: name.name) != nil {
                diagnostics.append(.error(
                    .invalidExists, "'exists' needs a has-many relation, and '\(name.name)' is a field", at: name.range,
                    hint: hasMany.isEmpty ? "'\(model.name)' has no has-many relations"
                        : "the has-many relations of '\(model.name)' are " + Suggestions.list(hasMany, conjunction: "and")
                ))
            } else {
                diagnostics.append(.error(
                    .unknownRuleName, "unknown relation '\(name.name)' of model '\(model.name)'", at: name.range,
                    hint: Suggestions.didYouMean(name.name, among: hasMany)
                        ?? (hasMany.isEmpty ? "'\(model.name)' has no has-many relations"
                            : "the has-many relations of '\(model.name)' are " + Suggestions.list(hasMany, conjunction: "and"))
                ))
            }
            return nil
        }
        // A model without a key, or a relation left half-resolved, has been reported already.
        guard let key = model.fields.first(where: \.isPrimaryKey), let foreignKey = child.field(named: relation.foreignKey)
        else { return nil }
        let hop = RuleHop(column: key.column, model: child.name, key: foreignKey.column)
        guard let inner else { return .exists(hop, .constant(true)) }
        guard let condition = resolveCondition(inner, in: Scope(model: child, allowsBefore: false, isRelated: true)) else {
            return nil
        }
        if condition == .constant(false) { return .constant(false) }
        return .exists(hop, condition)
    }

    private mutating func resolvePath(_ names: [Identifier], text: String, range: SourceRange, in scope: Scope) -> RuleOperand? {
        let first = names[0]
        if first.name == "auth" || first.name == "before" {
            guard let principal else {
                diagnostics.append(.error(
                    .ruleWithoutAuth, "'\(first.name)' in a rule of a schema without 'auth'", at: first.range,
                    hint: "declare who calls the API: auth { id Int @claim(\"sub\") }"
                ))
                return nil
            }
            if first.name == "auth" { return resolvePrincipalPath(names, principal: principal, text: text, range: range) }
            if scope.isRelated {
                diagnostics.append(.error(
                    .misplacedBefore, "'before' is the rule's own row, and inside 'exists' the names are the related rows'",
                    at: first.range, hint: "compare before.… outside exists(…), in a rule about 'update' alone"
                ))
                return nil
            }
            guard scope.allowsBefore else {
                diagnostics.append(.error(
                    .misplacedBefore, "'before' is the row before an update, so only a rule about 'update' alone may use it",
                    at: first.range, hint: "move this condition into a rule of its own: allow update when before.…"
                ))
                return nil
            }
            guard names.count == 2 else {
                diagnostics.append(.error(
                    .invalidRulePath, names.count == 1 ? "'before' needs a field" : "'before.' reads a column of the row itself",
                    at: range, hint: "write before.<field>, e.g. before.\(scope.model.fields.first?.name ?? "status")"
                ))
                return nil
            }
            guard let field = scope.model.field(named: names[1].name) else {
                diagnostics.append(unknownField(names[1], of: scope.model))
                return nil
            }
            return RuleOperand(
                kind: .value(.before(field.column), field.type, isOptional: field.isOptional, isRow: true), text: text,
                range: range
            )
        }
        // A bare name that is no field may be a case of the enum it is compared with (`auth.role == customer`,
        // even where `customer` is also a relation); `unknownName` reports it when it is not.
        if names.count == 1 && scope.model.field(named: first.name) == nil {
            return RuleOperand(kind: .caseName(first), text: text, range: range)
        }
        guard let (value, field, isOptional) = resolveRowPath(names[...], in: scope.model) else { return nil }
        return RuleOperand(kind: .value(value, field.type, isOptional: isOptional, isRow: true), text: text, range: range)
    }

    private mutating func resolvePrincipalPath(
        _ names: [Identifier], principal: Principal, text: String, range: SourceRange
    ) -> RuleOperand? {
        guard names.count > 1 else { return RuleOperand(kind: .principal, text: text, range: range) }
        guard let field = principal.field(named: names[1].name) else {
            let fieldNames = principal.fields.map(\.name)
            diagnostics.append(.error(
                .unknownRuleName, "unknown field '\(names[1].name)' of auth", at: names[1].range,
                hint: Suggestions.didYouMean(names[1].name, among: fieldNames)
                    ?? "the fields of auth are " + Suggestions.list(fieldNames, conjunction: "and")
            ))
            return nil
        }
        guard names.count == 2 else {
            diagnostics.append(.error(
                .invalidRulePath, "'auth.\(field.name)' is a value, with no field '\(names[2].name)'", at: names[2].range,
                hint: "write auth.\(field.name)"
            ))
            return nil
        }
        var operand = RuleOperand(
            kind: .value(.principal(field.name), field.type, isOptional: field.isOptional, isRow: false), text: text, range: range
        )
        operand.isPrincipalField = true
        return operand
    }

    /// `orgId`, `ticket.orgId`, `ticket.customer.orgId`: a field of `model` or, through belongs-to relations, of a
    /// parent. Nil after reporting a problem.
    private mutating func resolveRowPath(_ names: ArraySlice<Identifier>, in model: Model) -> (RuleValue, Field, Bool)? {
        let name = names[names.startIndex]
        let rest = names.dropFirst()
        if let field = model.field(named: name.name) {
            guard let next = rest.first else { return (.column(field.column), field, field.isOptional) }
            let hint = field.reference.map { "go through the relation: \($0.relationName).\(next.name)" }
                ?? "write \(name.name)"
            diagnostics.append(.error(
                .invalidRulePath, "'\(name.name)' is a field of '\(model.name)', with no field '\(next.name)'",
                at: next.range, hint: hint
            ))
            return nil
        }
        guard let relation = model.relation(named: name.name) else {
            diagnostics.append(unknownField(name, of: model))
            return nil
        }
        guard relation.kind == .belongsTo, let parent = models[relation.model] else {
            diagnostics.append(relationIsNoValue(name, relation, of: model))
            return nil
        }
        guard let foreignKey = model.field(named: relation.foreignKey), let parentKey = parent.fields.first(where: \.isPrimaryKey)
        else { return nil }
        guard !rest.isEmpty else {
            diagnostics.append(relationIsNoValue(name, relation, of: model))
            return nil
        }
        guard let (inner, field, isOptional) = resolveRowPath(rest, in: parent) else { return nil }
        let hop = RuleHop(column: foreignKey.column, model: parent.name, key: parentKey.column)
        return (.related(hop, inner), field, isOptional || foreignKey.isOptional)
    }

    // MARK: Messages

    private func unknownField(_ name: Identifier, of model: Model) -> Diagnostic {
        if model.name.isEmpty {
            return .error(
                .unknownRuleName, "unknown name '\(name.name)': a use case's require names only auth and literals", at: name.range,
                hint: "write require auth.<field> …; check the use case's inputs with rule or check"
            )
        }
        let candidates = model.fields.map(\.name) + model.relations.filter { $0.kind == .belongsTo }.map(\.name)
        return .error(
            .unknownRuleName, "unknown field '\(name.name)' of model '\(model.name)'", at: name.range,
            hint: Suggestions.didYouMean(name.name, among: candidates)
                ?? "the fields of '\(model.name)' are " + Suggestions.list(candidates, conjunction: "and")
        )
    }

    /// A bare name that is no field or relation, and no case of an enum it is compared with.
    private func unknownName(_ name: Identifier, in scope: Scope) -> Diagnostic {
        guard let relation = scope.model.relation(named: name.name) else { return unknownField(name, of: scope.model) }
        return relationIsNoValue(name, relation, of: scope.model)
    }

    /// A relation where a value belongs: a has-many one needs `exists`, a belongs-to one a field after it.
    private func relationIsNoValue(_ name: Identifier, _ relation: Relation, of model: Model) -> Diagnostic {
        guard relation.kind == .belongsTo else {
            return .error(
                .invalidRulePath, "'\(name.name)' is a has-many relation; a path cannot go through it", at: name.range,
                hint: "use exists(\(name.name) where …)"
            )
        }
        let parentKey = models[relation.model]?.fields.first(where: \.isPrimaryKey)?.name ?? "id"
        return .error(
            .invalidRulePath, "'\(name.name)' is a relation, not a value", at: name.range,
            hint: "compare its key '\(relation.foreignKey)', or one of its fields: \(name.name).\(parentKey)"
        )
    }

    private static func text(of operand: RuleOperandSyntax) -> String {
        switch operand.kind {
        case .path: operand.pathText ?? ""
        case .literal(let literal): literal.text
        case .null: "null"
        case .group: "(…)"
        case .exists(let relation, _): "exists(\(relation.name) …)"
        }
    }
}
