/// Collects every violation of one input in one pass, for a generated `init(from:)` (the shape: presence, null,
/// type) and `violations(in:)` (the constraints on typed values). A client then fixes everything at once.
///
/// Fields are named by their JSON path in camelCase (`address.city`, `items[0].quantity`).
///
/// (The constraint checks, `check(_:field:_:)`, and `throwIfRulesBroken()` are LoomRuntime's extensions.)
public struct Violations: Sendable {
    public private(set) var list: [Violation] = []
    /// Rule violations found while decoding: a value outside its enum cannot be represented, so it is reported
    /// when the body is read (as `rule_violations`, like every other constraint), unless the shape is also wrong.
    public private(set) var rules: [Violation] = []

    public init() {}

    public var isEmpty: Bool { list.isEmpty && rules.isEmpty }

    /// What to throw when not empty. A server answers the shape's problems (`validation_error`) first; only a
    /// well-formed body has its decoding-time rule violations reported (`rule_violations`).
    public var failure: InvalidInput { InvalidInput(shape: list, rules: rules) }

    public mutating func append(field: String, message: String) {
        list.append(Violation(field: field, message: message))
    }

    public mutating func append(contentsOf violations: [Violation]) {
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
        } catch let nested as InvalidInput {
            // As the nested value's failure is answered: its shape's problems, or when it has none, its rules'.
            if nested.shape.isEmpty {
                rules.append(contentsOf: nested.rules)
            } else {
                append(contentsOf: nested.shape)
            }
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is EnumMembershipError {
            rules.append(Violation(field: Self.path(context.codingPath), message: context.debugDescription))
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
