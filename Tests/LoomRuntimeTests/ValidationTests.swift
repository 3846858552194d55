import Foundation
import LoomRuntime
import Testing

/// Constraints on typed values and the one-pass shape check of a generated `init(from:)`.
@Suite("Validation")
struct ValidationTests {
    static let decomposedE = "e\u{301}"  // "é" as two scalars: one grapheme, two code points
    static let flag = "🇫🇷"  // one grapheme, two regional-indicator scalars

    func violation(_ kind: ValueConstraint.Kind, _ value: some ConstrainedValue) -> String? {
        ValueConstraint(kind).violation(for: value.constraintSubject)
    }

    @Test("lengths count Unicode scalars, as PostgreSQL and SQLite do")
    func scalarLengths() {
        let decomposed = String(repeating: Self.decomposedE, count: 3)
        #expect(decomposed.count == 3 && decomposed.unicodeScalars.count == 6)
        #expect(violation(.maxLength(5), decomposed) == "must be at most 5 characters")
        #expect(violation(.maxLength(6), decomposed) == nil)
        #expect(violation(.maxLength(3), "\u{e9}\u{e9}\u{e9}") == nil)  // precomposed: three scalars
        let flags = String(repeating: Self.flag, count: 2)
        #expect(violation(.maxLength(3), flags) == "must be at most 3 characters")
        #expect(violation(.minLength(4), flags) == nil)
        #expect(violation(.minLength(2), Self.flag) == nil)
        #expect(violation(.minLength(3), Self.flag) == "must be at least 3 characters")
    }

    @Test("a String that looks like a JSON array is text, not a list")
    func bracketedString() {
        #expect(violation(.minLength(3), "[1]") == nil)
        #expect(violation(.maxLength(2), "[1]") == "must be at most 2 characters")
        // A real list is measured by its element count.
        #expect(violation(.minLength(3), ["a", "b"]) == "must be at least 3 characters")
        #expect(violation(.maxLength(2), ["abc", "def"]) == nil)
    }

    @Test("patterns are Swift Regex, matched against the whole text")
    func patterns() {
        #expect(violation(.pattern("[A-Z]+"), "ABC") == nil)
        #expect(violation(.pattern("[A-Z]+"), "ABc") == "must match [A-Z]+")
        #expect(violation(.pattern("^[A-Z]+$"), "xABC") != nil)
        // Swift Regex matches by grapheme: one `.` is a whole decomposed "é" (NSRegularExpression would see two).
        #expect(violation(.pattern("^.$"), Self.decomposedE) == nil)
        // `\Q…\E` quoting, as the compiler (also Swift Regex) accepts it.
        #expect(violation(.pattern(#"\Q1+1\E"#), "1+1") == nil)
        #expect(violation(.email, "ada@example.com") == nil)
        #expect(violation(.email, "ada@example") == "must be a valid email address")
        #expect(ValueConstraint(.pattern("[a-z]+"), message: "lower case only").violation(for: .text("A")) == "lower case only")
    }

    @Test("ranges, oneOf, notBlank on typed values; enums are their case names")
    func otherKinds() {
        #expect(violation(.range(min: 0, max: 10), 11) == "must be between 0 and 10")
        #expect(violation(.range(min: 0, max: nil), Decimal(string: "-0.5")!) == "must be at least 0")
        #expect(violation(.range(min: 0, max: nil), Int32(3)) == nil)
        #expect(violation(.oneOf(["1", "2"]), 2) == nil)
        #expect(violation(.oneOf(["a", "b"]), "c") == "must be one of a, b")
        #expect(violation(.notBlank, " \n") == "must not be blank")
        #expect(violation(.oneOf(["red"]), Colour.blue) == "must be one of red")
        #expect(violation(.maxLength(1), true) == nil)  // not applicable
    }

    enum Colour: String, LoomEnum {
        case red, blue
    }

    @Test("Violations.check skips nil, absent and null, and prefixes nested commands")
    func checks() {
        var violations = Violations()
        violations.check(String?.none, field: "a", [ValueConstraint(.minLength(1))])
        violations.check(Patch<String>.absent, field: "b", [ValueConstraint(.minLength(1))])
        violations.check(Patch<String>.null, field: "c", [ValueConstraint(.minLength(1))])
        #expect(violations.isEmpty)
        violations.check(Patch.value(""), field: "d", [ValueConstraint(.minLength(1))])
        violations.check(nested: Gadget.Create(name: " ", code: "x"), field: "gadget")
        violations.check(nested: [Gadget.Create(name: "ok", code: "x"), Gadget.Create(name: "", code: "y")], field: "gadgets")
        #expect(violations.list.map { "\($0.field): \($0.message)" } == [
            "d: must be at least 1 characters", "gadget.name: must not be blank", "gadgets[1].name: must not be blank",
        ])
        #expect(violations.failure == InvalidInput(shape: violations.list))
        #expect(LoomError(violations.failure) == .validation(violations.list))
    }

    /// As `RequestBody` and `JobCoding` decode: what a generated `init(from:)` refuses (`InvalidInput`, from
    /// LoomValues) is the 422 `LoomError` a client is answered with.
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        do {
            return try LoomJSON.decoder.decode(type, from: Data(json.utf8))
        } catch let invalid as InvalidInput {
            throw LoomError(invalid)
        }
    }

    @Test("a generated init(from:) reports every shape problem at once")
    func onePass() throws {
        #expect(throws: LoomError.validation([
            .init(field: "name", message: "must be a string"), .init(field: "code", message: "is required"),
            .init(field: "active", message: "must not be null"),
        ])) {
            try Self.decode(Gadget.Create.self, #"{"name": 42, "active": null, "weight": null}"#)
        }
        let created = try Self.decode(Gadget.Create.self, #"{"name": "Lamp", "code": "L1", "seen_at": null}"#)
        #expect(created == Gadget.Create(name: "Lamp", code: "L1", weight: nil, active: true, seenAt: nil))
    }

    @Test("patches: absent, null and values; null refused where not nullable; encoded back the same")
    func patches() throws {
        let patch = try Self.decode(Gadget.Update.self, #"{"weight": null, "name": "Desk"}"#)
        #expect(patch == Gadget.Update(name: .value("Desk"), weight: .null, seenAt: .absent))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(patch), as: UTF8.self) == #"{"name":"Desk","weight":null}"#)
        #expect(throws: LoomError.validation([
            .init(field: "name", message: "must not be null"), .init(field: "weight", message: "must be a number"),
        ])) {
            try Self.decode(Gadget.Update.self, #"{"name": null, "weight": "heavy"}"#)
        }
    }

    struct Box: Decodable {
        var items: [Gadget.Create]
    }

    @Test("violations of nested commands keep their full path")
    func nestedShape() {
        #expect(throws: LoomError.validation([.init(field: "items[1].code", message: "is required")])) {
            try Self.decode(Box.self, #"{"items": [{"name": "a", "code": "b"}, {"name": "c"}]}"#)
        }
    }

    /// Decoded the way a generated `init(from:)` decodes.
    struct Paint: Decodable {
        enum CodingKeys: String, CodingKey { case colour, coats }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            var violations = Violations()
            let colour = violations.required(Colour.self, .colour, in: container)
            let coats = violations.required(Int.self, .coats, in: container)
            guard colour != nil, coats != nil, violations.isEmpty else { throw violations.failure }
        }
    }

    @Test("a value outside its enum is a rule violation, unless the body's shape is also wrong")
    func enumMembership() {
        #expect(throws: LoomError.ruleViolations([.init(field: "colour", message: "must be one of red, blue")])) {
            try Self.decode(Paint.self, #"{"colour": "green", "coats": 2}"#)
        }
        #expect(throws: LoomError.validation([.init(field: "coats", message: "must be an integer")])) {
            try Self.decode(Paint.self, #"{"colour": "green", "coats": "two"}"#)
        }
        #expect(throws: LoomError.validation([.init(field: "colour", message: "must be a string")])) {
            try Self.decode(Paint.self, #"{"colour": 7, "coats": 2}"#)
        }
    }
}

/// `Decimal(p, s)`: a value with more than `p - s` integer digits is refused on every backend (PostgreSQL answered
/// 22003 after the fact; SQLite stored it).
@Suite("Decimal digits")
struct DecimalDigitsTests {
    @Test func digitsPastTheScaleAreRefused() {
        let constraint = ValueConstraint(.decimal(precision: 6, scale: 2))
        for accepted in ["1.5", "1.50", "1.500", "9999.99"] {
            #expect(constraint.violation(for: Decimal(string: accepted)!.constraintSubject) == nil, "\(accepted)")
        }
        for refused in ["1.005", "9999.999", "0.001"] {
            #expect(constraint.violation(for: Decimal(string: refused)!.constraintSubject) != nil, "\(refused)")
        }
    }

    @Test func integerDigitsAreBounded() {
        let constraint = ValueConstraint(.decimal(precision: 6, scale: 2))
        for accepted in ["9999.99", "-9999.99", "0.5", "0"] {
            #expect(constraint.violation(for: Decimal(string: accepted)!.constraintSubject) == nil, "\(accepted)")
        }
        for refused in ["10000", "-10000.5", "1e20"] {
            #expect(
                constraint.violation(for: Decimal(string: refused)!.constraintSubject)
                    == "must have at most 4 digits before the decimal point and 2 after it", "\(refused)")
        }
        #expect(ValueConstraint(.range(min: 1, max: nil)).violation(for: Decimal(string: "0.5")!.constraintSubject) != nil)
    }
}
