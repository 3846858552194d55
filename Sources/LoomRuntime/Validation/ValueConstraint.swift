import Foundation
import LoomVocabulary

/// A constraint the schema puts on a field's value, checked on the typed value by the input's generated
/// `violations(in:)`, so both backends reject the same input with the same message before it reaches SQL.
public struct ValueConstraint: Sendable, Hashable {
    /// The vocabulary's kinds, which the compiler resolves attributes into. A pattern is a Swift `Regex`, matched
    /// against the whole text; a decimal's digits are checked here because PostgreSQL refuses too many before the
    /// point (22003) where SQLite stores them, and rounds too many after it where SQLite keeps them.
    public typealias Kind = ValueConstraintKind

    public var kind: Kind
    /// The schema's own message; otherwise a default one.
    public var message: String?

    public init(_ kind: Kind, message: String? = nil) {
        self.kind = kind
        self.message = message
    }

    /// The violation message for a typed value, or nil when it satisfies the constraint (or the constraint does not
    /// apply to such a value). Lengths count Unicode scalars; patterns use Swift Regex (the same engine the compiler
    /// checks them with), whole-match.
    public func violation(for subject: ConstraintSubject) -> String? {
        if case .pattern = kind, case .text(let text) = subject, text.unicodeScalars.count > Self.maximumPatternText {
            return message ?? "must be at most \(Self.maximumPatternText) characters to be checked against its pattern"
        }
        return failed(subject) ? (message ?? standardMessage) : nil
    }

    private func failed(_ subject: ConstraintSubject) -> Bool {
        switch (kind, subject) {
        case (.minLength(let length), _): subject.length.map { $0 < length } ?? false
        case (.maxLength(let length), _): subject.length.map { $0 > length } ?? false
        case (.range(let min, let max), .number(let number)):
            (min.map { number < $0 } ?? false) || (max.map { number > $0 } ?? false)
        case (.range, .decimal(let value)), (.oneOf, .decimal(let value)):
            failed(.number(NSDecimalNumber(decimal: value).doubleValue))
        case (.decimal(let precision, let scale), .decimal(let value)):
            Self.magnitude(value) >= Self.power(of: 10, precision - scale) || !Self.fits(value, scale: scale)
        case (.pattern(let pattern), .text(let text)): !RegexCache.wholeMatch(text, pattern)
        case (.email, .text(let text)): !Self.isEmail(text)
        case (.oneOf(let options), .text(let text)): !options.contains(text)
        case (.oneOf(let options), .number(let number)): !options.contains { Double($0) == number }
        case (.notBlank, .text(let text)): text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        default: false
        }
    }

    private var standardMessage: String {
        switch kind {
        case .minLength(let length): "must be at least \(length) characters"
        case .maxLength(let length): "must be at most \(length) characters"
        case .range(let min?, let max?): "must be between \(Self.format(min)) and \(Self.format(max))"
        case .range(let min?, nil): "must be at least \(Self.format(min))"
        case .range(nil, let max?): "must be at most \(Self.format(max))"
        case .range(nil, nil): "is out of range"
        case .pattern(let pattern): "must match \(pattern)"
        case .email: "must be a valid email address"
        case .oneOf(let options): "must be one of \(options.joined(separator: ", "))"
        case .notBlank: "must not be blank"
        case .decimal(let precision, let scale):
            "must have at most \(precision - scale) digits before the decimal point and \(scale) after it"
        }
    }

    /// Whether `value` has no digits past `scale` after the point (`1.50` fits 2; `1.005` does not).
    static func fits(_ value: Decimal, scale: Int) -> Bool {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, .plain)
        return rounded == value
    }

    /// The built-in `@pattern(email)`. Deliberately simple: one `@`, a dot in the domain, no spaces. Full RFC 5322
    /// rejects nothing users mistype.
    public static let emailPattern = #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#

    /// `emailPattern`, checked in one pass: the regex backtracks quadratically on `a@b.b.b.…b ` (seconds on a large
    /// `Text` body), this cannot.
    static func isEmail(_ text: String) -> Bool {
        var at: String.Index?
        for index in text.indices {
            let character = text[index]
            if character.isWhitespace { return false }
            if character == "@" {
                guard at == nil else { return false }
                at = index
            }
        }
        guard let at, at > text.startIndex else { return false }
        // The domain has a dot with something on both sides.
        return text[text.index(after: at)...].dropFirst().dropLast().contains(".")
    }

    /// A developer's `@pattern` is a backtracking regex: it only ever sees text this long (longer text fails it), so
    /// no body can make it run for long.
    static let maximumPatternText = 10_000

    private static func magnitude(_ value: Decimal) -> Decimal { value < 0 ? -value : value }

    private static func power(of base: Decimal, _ exponent: Int) -> Decimal {
        (0..<max(0, exponent)).reduce(Decimal(1)) { result, _ in result * base }
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
