import Foundation
import LoomValues
import Testing

// Types written as loomgen writes a model's coding, with LoomValues and Foundation only: this target links no runtime,
// so these compiling is the proof that a model target a client app imports needs nothing more.

enum Priority: String, SchemaEnum {
    case low, high
}

/// An entity: `decodeField`/`encodeField`, optionals left out when nil.
struct Note: Codable, Sendable, Equatable {
    var id: Int
    var title: String
    var due: CalendarDate?
    var priority: Priority

    init(id: Int, title: String, due: CalendarDate?, priority: Priority) {
        self.id = id
        self.title = title
        self.due = due
        self.priority = priority
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: LoomValues.FieldKey.self)
        self.id = try container.decodeField("id")
        self.title = try container.decodeField("title")
        self.due = try container.decodeFieldIfPresent("due")
        self.priority = try container.decodeField("priority")
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: LoomValues.FieldKey.self)
        try container.encodeField(self.id, "id")
        try container.encodeField(self.title, "title")
        try container.encodeFieldIfPresent(self.due, "due")
        try container.encodeField(self.priority, "priority")
    }

    /// A `Create` input: every shape problem at once, defaults (`@default(now)` too) for absent fields.
    struct Create: Codable, Sendable, Equatable {
        var title: String
        var due: CalendarDate?
        var priority: Priority
        var createdAt: Date
        var steps: [Step]

        init(title: String, due: CalendarDate? = nil, priority: Priority = .low, createdAt: Date = LoomValues.Timestamp.now(), steps: [Step]) {
            self.title = title
            self.due = due
            self.priority = priority
            self.createdAt = createdAt
            self.steps = steps
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: LoomValues.FieldKey.self)
            var violations = LoomValues.Violations()
            let title = violations.required(String.self, "title", in: container)
            let due = violations.nullable(CalendarDate.self, "due", in: container)
            let priority = violations.optional(Priority.self, "priority", in: container, default: .low)
            let createdAt = violations.optional(Date.self, "createdAt", in: container, default: LoomValues.Timestamp.now())
            let steps = violations.required([Step].self, "steps", in: container)
            guard let title, let due, let priority, let createdAt, let steps, violations.isEmpty else {
                throw violations.failure
            }
            self.init(title: title, due: due, priority: priority, createdAt: createdAt, steps: steps)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: LoomValues.FieldKey.self)
            try container.encodeField(self.title, "title")
            try container.encodeField(self.due, "due")
            try container.encodeField(self.priority, "priority")
            try container.encodeField(self.createdAt, "createdAt")
            try container.encodeField(self.steps, "steps")
        }
    }

    /// An `Update` input: three states per field.
    struct Update: Codable, Sendable, Equatable {
        var title: LoomValues.Patch<String>
        var due: LoomValues.Patch<CalendarDate>

        init(title: LoomValues.Patch<String> = .absent, due: LoomValues.Patch<CalendarDate> = .absent) {
            self.title = title
            self.due = due
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: LoomValues.FieldKey.self)
            var violations = LoomValues.Violations()
            let title = violations.patch(String.self, "title", in: container, nullable: false)
            let due = violations.patch(CalendarDate.self, "due", in: container, nullable: true)
            guard let title, let due, violations.isEmpty else { throw violations.failure }
            self.init(title: title, due: due)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: LoomValues.FieldKey.self)
            try container.encodePatch(self.title, "title")
            try container.encodePatch(self.due, "due")
        }
    }
}

/// A nested command.
struct Step: Codable, Sendable, Equatable {
    var label: String
    var priority: Priority

    init(label: String, priority: Priority) {
        self.label = label
        self.priority = priority
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: LoomValues.FieldKey.self)
        var violations = LoomValues.Violations()
        let label = violations.required(String.self, "label", in: container)
        let priority = violations.required(Priority.self, "priority", in: container)
        guard let label, let priority, violations.isEmpty else { throw violations.failure }
        self.init(label: label, priority: priority)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: LoomValues.FieldKey.self)
        try container.encodeField(self.label, "label")
        try container.encodeField(self.priority, "priority")
    }
}

@Suite struct GeneratedCodingTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func violation(_ field: String, _ message: String) -> Violation {
        Violation(field: field, message: message)
    }

    @Test func entityRoundTrips() throws {
        let note = try Self.decode(Note.self, #"{"id": 1, "title": "Buy milk", "due": "2026-02-28", "priority": "high"}"#)
        #expect(note == Note(id: 1, title: "Buy milk", due: CalendarDate(year: 2026, month: 2, day: 28), priority: .high))
        #expect(try Self.encode(note) == #"{"due":"2026-02-28","id":1,"priority":"high","title":"Buy milk"}"#)
        let undated = Note(id: 2, title: "x", due: nil, priority: .low)
        #expect(try Self.encode(undated) == #"{"id":2,"priority":"low","title":"x"}"#)
    }

    @Test func calendarDates() throws {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2026-02-29") == nil)
        #expect(CalendarDate("2026-1-01") == nil)
        #expect(CalendarDate(year: 7, month: 3, day: 9)?.description == "0007-03-09")
        #expect(throws: DecodingError.self) { try Self.decode(Note.self, #"{"id": 1, "title": "t", "due": "tomorrow", "priority": "low"}"#) }
        #expect(CalendarDate.today() > CalendarDate("2026-01-01")!)
    }

    @Test func createDecodesWithDefaults() throws {
        let create = try Self.decode(Note.Create.self, #"{"title": "t", "steps": [{"label": "a", "priority": "low"}]}"#)
        #expect(create.title == "t" && create.due == nil && create.priority == .low)
        #expect(create.steps == [Step(label: "a", priority: .low)])
        #expect(abs(create.createdAt.timeIntervalSinceNow) < 60)
        // Microseconds, as the server keeps them.
        #expect(create.createdAt.timeIntervalSince1970 * 1_000_000 == (create.createdAt.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    @Test func shapeProblemsAllAtOnceWithFullPaths() {
        #expect(throws: InvalidInput(shape: [
            Self.violation("title", "must be a string"), Self.violation("due", "expected a date such as 2026-01-31"),
            Self.violation("priority", "must not be null"), Self.violation("steps[1].label", "is required"),
        ])) {
            try Self.decode(Note.Create.self, #"{"title": 3, "due": "soon", "priority": null, "steps": [{"label": "a", "priority": "low"}, {"priority": "low"}]}"#)
        }
    }

    @Test func anEnumOutsideItsCasesIsARuleUnlessTheShapeIsWrong() {
        let rule = Self.violation("steps[0].priority", "must be one of low, high")
        #expect(throws: InvalidInput(shape: [], rules: [rule])) {
            try Self.decode(Note.Create.self, #"{"title": "t", "steps": [{"label": "a", "priority": "urgent"}]}"#)
        }
        do {
            _ = try Self.decode(Note.Create.self, #"{"steps": [{"label": "a", "priority": "urgent"}]}"#)
            Issue.record("decoded")
        } catch let invalid as InvalidInput {
            #expect(invalid.shape == [Self.violation("title", "is required")])
            #expect(invalid.reported == invalid.shape)
            #expect(invalid.description == "title: is required")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func nulCharactersAreRefused() {
        #expect(throws: InvalidInput(shape: [Self.violation("title", "must not contain the NUL character")])) {
            try Self.decode(Note.Create.self, #"{"title": "a\u0000b", "steps": []}"#)
        }
    }

    @Test func patchesHaveThreeStates() throws {
        let update = try Self.decode(Note.Update.self, #"{"due": null, "title": "New"}"#)
        #expect(update == Note.Update(title: .value("New"), due: .null))
        #expect(update.title.hasValue && !update.due.hasValue && !update.due.isAbsent)
        #expect(try Self.encode(update) == #"{"due":null,"title":"New"}"#)
        #expect(try Self.encode(Note.Update()) == "{}")
        #expect(try Self.decode(Note.Update.self, "{}") == Note.Update())
        #expect(throws: InvalidInput(shape: [Self.violation("title", "must not be null")])) {
            try Self.decode(Note.Update.self, #"{"title": null}"#)
        }
    }

    @Test func timestampsInMicroseconds() throws {
        let date = try #require(Timestamp.parse("2026-11-27T03:24:43.123456+01:00"))
        #expect(Timestamp.format(date) == "2026-11-27T02:24:43.123456Z")
        #expect(Timestamp.parse("2026-02-31T00:00:00Z") == nil)
    }
}
