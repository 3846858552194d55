import Foundation

/// A constraint the schema puts on a field's value, checked by the runtime on every write so both backends reject
/// the same input with the same message.
public struct ValueConstraint: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case minLength(Int)
        case maxLength(Int)
        /// Inclusive; either bound may be absent.
        case range(min: Double?, max: Double?)
        case pattern(String)
        case email
        case oneOf([String])
        case notBlank
    }

    public var kind: Kind
    /// The schema's own message; otherwise a default one.
    public var message: String?

    public init(_ kind: Kind, message: String? = nil) {
        self.kind = kind
        self.message = message
    }

    /// The violation message for `value`, or nil when it satisfies the constraint. Null values are not checked here
    /// (nullability is the type's business).
    public func violation(for value: SQLValue) -> String? {
        let failed: Bool
        let standard: String
        switch kind {
        case .minLength(let length):
            failed = Self.length(value).map { $0 < length } ?? false
            standard = "must be at least \(length) characters"
        case .maxLength(let length):
            failed = Self.length(value).map { $0 > length } ?? false
            standard = "must be at most \(length) characters"
        case .range(let min, let max):
            if let number = Self.number(value) {
                failed = (min.map { number < $0 } ?? false) || (max.map { number > $0 } ?? false)
            } else {
                failed = false
            }
            standard = switch (min, max) {
            case let (min?, max?): "must be between \(Self.format(min)) and \(Self.format(max))"
            case let (min?, nil): "must be at least \(Self.format(min))"
            case let (nil, max?): "must be at most \(Self.format(max))"
            case (nil, nil): "is out of range"
            }
        case .pattern(let pattern):
            failed = Self.text(value).map { !Self.matches($0, pattern) } ?? false
            standard = "must match \(pattern)"
        case .email:
            failed = Self.text(value).map { !Self.matches($0, Self.emailPattern) } ?? false
            standard = "must be a valid email address"
        case .oneOf(let options):
            if let text = Self.text(value) {
                failed = !options.contains(text)
            } else if let number = Self.number(value) {
                failed = !options.contains { Double($0) == number }
            } else {
                failed = false
            }
            standard = "must be one of \(options.joined(separator: ", "))"
        case .notBlank:
            failed = Self.text(value).map { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false
            standard = "must not be blank"
        }
        return failed ? (message ?? standard) : nil
    }

    /// Deliberately simple: one `@`, a dot in the domain, no spaces. Full RFC 5322 rejects nothing users mistype.
    static let emailPattern = #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#

    /// Compiled once per pattern.
    private static let expressions = LockedDictionary<String, NSRegularExpression>()

    static func matches(_ text: String, _ pattern: String) -> Bool {
        let cached = expressions.withLock { $0[pattern] }
        guard let expression = cached ?? (try? NSRegularExpression(pattern: pattern)) else { return false }
        if cached == nil { expressions.withLock { $0[pattern] = expression } }
        let whole = NSRange(text.startIndex..., in: text)
        return expression.firstMatch(in: text, options: [.anchored], range: whole).map { $0.range == whole } ?? false
    }

    static func text(_ value: SQLValue) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    static func length(_ value: SQLValue) -> Int? {
        guard case .string(let text) = value else { return nil }
        // Arrays are stored as JSON text: their length is their element count.
        if text.hasPrefix("["), let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] {
            return array.count
        }
        return text.count
    }

    static func number(_ value: SQLValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
