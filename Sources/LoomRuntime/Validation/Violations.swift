/// Collects every violation of one input in one pass, for a generated `init(from:)` (the shape: presence, null,
/// type) and `violations(in:)` (the constraints on typed values). A client then fixes everything at once.
///
/// Fields are named by their JSON path in camelCase (`address.city`, `items[0].quantity`).
public struct Violations: Sendable {
    public private(set) var list: [LoomError.Violation] = []
    /// Rule violations found while decoding: a value outside its enum cannot be represented, so it is reported
    /// when the body is read (as `rule_violations`, like every other constraint), unless the shape is also wrong.
    public private(set) var rules: [LoomError.Violation] = []

    public init() {}

    public var isEmpty: Bool { list.isEmpty && rules.isEmpty }

    /// What to throw when not empty: the shape's problems (`validation_error`) first; only a well-formed body has
    /// its decoding-time rule violations reported (`rule_violations`).
    public var failure: LoomError { list.isEmpty ? .ruleViolations(rules) : .validation(list) }

    /// Throws `LoomError.ruleViolations` listing every violation, when there is any: what a use case's rules and
    /// a repository's constraint checks end with.
    public func throwIfRulesBroken() throws {
        let all = list + rules
        if !all.isEmpty { throw LoomError.ruleViolations(all) }
    }

    public mutating func append(field: String, message: String) {
        list.append(LoomError.Violation(field: field, message: message))
    }

    public mutating func append(contentsOf violations: [LoomError.Violation]) {
        list.append(contentsOf: violations)
    }
}

// MARK: Shape, from a keyed container: a failure records a violation and returns nil.

extension Violations {
    /// absent → "is required"; null → "must not be null"; wrong type → "must be <noun>".
    public mutating func required<T: Decodable, K: CodingKey>(
        _ type: T.Type, _ key: K, in container: KeyedDecodingContainer<K>
    ) -> T? {
        guard container.contains(key) else {
            append(field: Self.path(container.codingPath + [key]), message: "is required")
            return nil
        }
        return present(type, key, in: container)
    }

    /// absent → `default`; null → "must not be null".
    public mutating func optional<T: Decodable, K: CodingKey>(
        _ type: T.Type, _ key: K, in container: KeyedDecodingContainer<K>, default: T
    ) -> T? {
        guard container.contains(key) else { return `default` }
        return present(type, key, in: container)
    }

    /// A nullable field (`T?`): absent → `default` (nil unless a default is declared); null → `.some(nil)`;
    /// a value → `.some(value)`; a failure → nil.
    public mutating func nullable<T: Decodable, K: CodingKey>(
        _ type: T.Type, _ key: K, in container: KeyedDecodingContainer<K>, default: T? = nil
    ) -> T?? {
        guard container.contains(key) else { return .some(`default`) }
        if (try? container.decodeNil(forKey: key)) == true { return .some(nil) }
        return decode(type, key, in: container).map { .some($0) }
    }

    /// Three states: absent, null (a violation "must not be null" unless `nullable`), a value.
    public mutating func patch<T: Decodable & Sendable & Equatable, K: CodingKey>(
        _ type: T.Type, _ key: K, in container: KeyedDecodingContainer<K>, nullable: Bool
    ) -> Patch<T>? {
        guard container.contains(key) else { return .absent }
        if (try? container.decodeNil(forKey: key)) == true {
            guard nullable else {
                append(field: Self.path(container.codingPath + [key]), message: "must not be null")
                return nil
            }
            return .null
        }
        return decode(type, key, in: container).map(Patch.value)
    }

    /// A key that is present: null is refused, anything else decoded.
    private mutating func present<T: Decodable, K: CodingKey>(
        _ type: T.Type, _ key: K, in container: KeyedDecodingContainer<K>
    ) -> T? {
        if (try? container.decodeNil(forKey: key)) == true {
            append(field: Self.path(container.codingPath + [key]), message: "must not be null")
            return nil
        }
        return decode(type, key, in: container)
    }

    /// Decodes a value; a nested command's own violations (thrown by its generated `init(from:)`, already named by
    /// their full path) are kept, and a decoding error becomes the violation it describes.
    private mutating func decode<T: Decodable, K: CodingKey>(
        _ type: T.Type, _ key: K, in container: KeyedDecodingContainer<K>
    ) -> T? {
        do {
            let value = try container.decode(type, forKey: key)
            // Refused here, with the field (see `String.containsNUL`).
            if Self.holdsNUL(value) {
                append(field: Self.path(container.codingPath + [key]), message: "must not contain the NUL character")
                return nil
            }
            return value
        } catch LoomError.validation(let nested) {
            append(contentsOf: nested)
        } catch LoomError.ruleViolations(let nested) {
            rules.append(contentsOf: nested)
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is EnumMembershipError {
            rules.append(LoomError.Violation(field: Self.path(context.codingPath), message: context.debugDescription))
        } catch let error as DecodingError {
            append(contentsOf: DecodingErrorDescription.violations(for: error))
        } catch {
            append(field: Self.path(container.codingPath + [key]), message: "is not valid")
        }
        return nil
    }

    /// Only text values are looked at: the type test is a metadata comparison, not a cast of every decoded value.
    static func holdsNUL<T>(_ value: T) -> Bool {
        if T.self == String.self { return (value as! String).containsNUL }
        if T.self == [String].self { return (value as! [String]).contains(where: \.containsNUL) }
        return false
    }

    /// `a.b[0].c`, as `DecodingErrorDescription` names fields.
    static func path(_ keys: [any CodingKey]) -> String {
        DecodingErrorDescription.path(keys)
    }
}

// MARK: Constraints on typed values; nil, absent and null are skipped (presence is the shape's business).

extension Violations {
    public mutating func check<V: ConstrainedValue>(_ value: V?, field: String, _ constraints: [ValueConstraint]) {
        guard let value else { return }
        let subject = value.constraintSubject
        for constraint in constraints {
            if let message = constraint.violation(for: subject) { append(field: field, message: message) }
        }
    }

    public mutating func check<V: ConstrainedValue>(_ value: Patch<V>?, field: String, _ constraints: [ValueConstraint]) {
        guard let value else { return }
        check(value, field: field, constraints)
    }

    public mutating func check<V: ConstrainedValue>(_ value: Patch<V>, field: String, _ constraints: [ValueConstraint]) {
        guard case .value(let value) = value else { return }
        check(value, field: field, constraints)
    }

    /// A nested command's violations, its fields prefixed `field.`.
    public mutating func check<C: LoomCommand>(nested value: C?, field: String) {
        guard let value else { return }
        for violation in C.violations(in: value) {
            append(field: "\(field).\(violation.field)", message: violation.message)
        }
    }

    /// A list of nested commands' violations, their fields prefixed `field[i].`.
    public mutating func check<C: LoomCommand>(nested values: [C]?, field: String) {
        for (index, value) in (values ?? []).enumerated() {
            check(nested: value, field: "\(field)[\(index)]")
        }
    }
}
