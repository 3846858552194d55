/// One side of a comparison while `RuleResolver` checks it: what it resolved to and the facts the checks need
/// (its kind of value, whether it is a value of the row, whether it may be null).
struct RuleOperand {
    enum Kind {
        /// A column, a `before.` column, a related value, a principal field or a resolved enum case.
        case value(RuleValue, ScalarType, isOptional: Bool, isRow: Bool)
        case literal(RuleLiteral)
        /// A bare name that is no field or relation: a case of the enum on the other side, if there is one.
        case caseName(Identifier)
        /// `auth` on its own.
        case principal
        /// `( … )` or `exists(…)`.
        case condition(RuleCondition)
    }

    /// The kinds of value a comparison may relate; types outside them (dates, decimals, JSON, lists) are refused.
    enum Category: Equatable {
        case integer, number, string, bool, uuid
        case enumeration(String)

        init?(_ type: ScalarType) {
            switch type {
            case .int, .int32: self = .integer
            case .double: self = .number
            case .string, .text: self = .string
            case .bool: self = .bool
            case .uuid: self = .uuid
            case .enumeration(let name): self = .enumeration(name)
            default: return nil
            }
        }

        /// `<` and `>` mean something for numbers and text only.
        var isOrdered: Bool { self == .integer || self == .number || self == .string }

        var isEnumeration: Bool {
            if case .enumeration = self { return true }
            return false
        }

        /// Whether a value of this kind may be compared with one of `other` (a literal when `literal`): integers
        /// with numbers, a UUID with a string literal.
        func accepts(_ other: Category, literal: Bool) -> Bool {
            self == other || (self == .number && other == .integer) || (self == .uuid && other == .string && literal)
        }
    }

    var kind: Kind
    /// As written, for messages.
    var text: String
    var range: SourceRange
    /// `auth.<field>`.
    var isPrincipalField = false
    /// A case name resolved against the other side's enum: a literal for the checks.
    var isEnumLiteral = false

    var category: Category? {
        switch kind {
        case .value(_, let type, _, _): Category(type)
        case .literal(.int): .integer
        case .literal(.double): .number
        case .literal(.string): .string
        case .literal(.bool): .bool
        default: nil
        }
    }

    /// The operand as the IR writes it; nil for a bare name, `auth` alone and a condition.
    var value: RuleValue? {
        switch kind {
        case .value(let value, _, _, _): value
        case .literal(let literal): .literal(literal)
        default: nil
        }
    }

    var isNull: Bool {
        if case .literal(.null) = kind { return true }
        return false
    }

    var isWholePrincipal: Bool {
        if case .principal = kind { return true }
        return false
    }

    var isCondition: Bool {
        if case .condition = kind { return true }
        return false
    }

    var isLiteral: Bool {
        if case .literal = kind { return true }
        return isEnumLiteral
    }

    /// A column of the row, before or after the write, or a value reached from it.
    var isRow: Bool {
        if case .value(_, _, _, let isRow) = kind { return isRow }
        return false
    }

    var isOptional: Bool {
        if case .value(_, _, let isOptional, _) = kind { return isOptional }
        return false
    }

    /// `'Int'`, `a string`: how messages name the operand's type.
    var typeDescription: String {
        switch kind {
        case .value(_, let type, _, _): "'\(type.schemaSpelling)'"
        case .literal(.int): "an integer"
        case .literal(.double): "a number"
        case .literal(.string): "a string"
        case .literal(.bool): "a boolean"
        case .literal(.null): "null"
        case .caseName: "a name"
        case .principal: "the caller"
        case .condition: "a condition"
        }
    }
}
