import Foundation
import LoomRuntime

/// Two hand-written models with access rules, shaped like generated code (the rules as `loomgen` emits them for):
///
///     model Team { id Int @id @autoincrement  name String(40) }
///       allow read when auth != null
///     model Note { id  team Team  ownerId Int  title String(40)  secret Text?  locked Bool }
///       allow all when auth.role == admin
///       allow read when teamId == auth.teamId || team.name == "public"
///       deny read(secret) when ownerId != auth.id
///       allow create when teamId == auth.teamId && ownerId == auth.id
///       allow update(title, secret) when ownerId == auth.id && before.locked == false
///       allow update(locked) when ownerId == auth.id && locked == true
///       allow delete when ownerId == auth.id && !locked
struct Team: LoomModel {
    typealias ID = Int
    var id: Int
    var name: String

    static var primaryKey: KeyPath<Team, Int> & Sendable { \.id }
    static let table = TableSchema(model: "Team", table: "teams", columns: [
        ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
        ColumnSchema(field: "name", column: "name", type: .string(maxLength: 40)),
    ])
    static let relations: [RelationSpec] = [.hasMany("notes", Note.self, foreignKey: "team_id", localKey: "id")]
    static let profiles = [ProfileSpec(name: "withNotes", includes: ["notes"], computed: [.count(name: "noteCount", relation: "notes")])]
    static let accessRules: [AccessRule] = [.allow([.read], when: .authenticated)]

    init(id: Int, name: String) { self.id = id; self.name = name }
    init(row: SQLRow) throws { id = try row.decode(at: 0); name = try row.decode(at: 1) }
    static func rowValues(of team: Team) -> [SQLValue] { [team.id.sqlValue, team.name.sqlValue] }

    struct Create: LoomInput {
        var name: String
        static let fieldNames: Set<String> = ["name"]
        static func violations(in input: Create) -> [LoomError.Violation] { [] }
        static func assignments(of input: Create) -> [ColumnAssignment] { [ColumnAssignment("name", input.name.sqlValue)] }
    }

    struct Update: LoomInput {
        var name: Patch<String> = .absent
        init() {}
        init(from decoder: any Decoder) throws {}
        static let fieldNames: Set<String> = ["name"]
        static func violations(in input: Update) -> [LoomError.Violation] { [] }
        static func assignments(of input: Update) -> [ColumnAssignment] {
            var assignments: [ColumnAssignment] = []
            input.name.append(to: &assignments, column: "name")
            return assignments
        }
        func encode(to encoder: any Encoder) throws {}
    }
}

struct Note: LoomModel {
    typealias ID = Int
    var id: Int
    var teamId: Int
    var ownerId: Int
    var title: String
    var secret: String?
    var locked: Bool

    static var primaryKey: KeyPath<Note, Int> & Sendable { \.id }
    static let table = TableSchema(model: "Note", table: "notes", columns: [
        ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
        ColumnSchema(field: "teamId", column: "team_id", type: .int, reference: ColumnReference(model: "Team", table: "teams", column: "id")),
        ColumnSchema(field: "ownerId", column: "owner_id", type: .int),
        ColumnSchema(field: "title", column: "title", type: .string(maxLength: 40)),
        ColumnSchema(field: "secret", column: "secret", type: .text, isOptional: true),
        ColumnSchema(field: "locked", column: "locked", type: .bool),
    ])
    static let relations: [RelationSpec] = [.belongsTo("team", Team.self, foreignKey: "team_id", targetKey: "id")]

    static let teamRelation = RuleRelation(column: "team_id", table: Team.table, key: "id")
    static let accessRules: [AccessRule] = [
        .allow([.read, .create, .update, .delete], when: .compare(.principal("role"), .eq, .value(.string("admin")))),
        .allow([.read], when: .any([
            .compare(.column("team_id"), .eq, .principal("teamId")),
            .compare(.related(teamRelation, .column("name")), .eq, .value(.string("public"))),
        ])),
        .deny([.read], fields: ["secret"], when: .compare(.column("owner_id"), .ne, .principal("id"))),
        .allow([.create], when: .all([
            .compare(.column("team_id"), .eq, .principal("teamId")), .compare(.column("owner_id"), .eq, .principal("id")),
        ])),
        .allow([.update], fields: ["title", "secret"], when: .all([
            .compare(.column("owner_id"), .eq, .principal("id")), .compare(.before("locked"), .eq, .value(.bool(false))),
        ])),
        .allow([.update], fields: ["locked"], when: .all([
            .compare(.column("owner_id"), .eq, .principal("id")), .compare(.column("locked"), .eq, .value(.bool(true))),
        ])),
        .allow([.delete], when: .all([
            .compare(.column("owner_id"), .eq, .principal("id")), .not(.compare(.column("locked"), .eq, .value(.bool(true)))),
        ])),
    ]

    init(id: Int, teamId: Int, ownerId: Int, title: String, secret: String?, locked: Bool) {
        (self.id, self.teamId, self.ownerId, self.title, self.secret, self.locked) = (id, teamId, ownerId, title, secret, locked)
    }

    init(row: SQLRow) throws {
        id = try row.decode(at: 0); teamId = try row.decode(at: 1); ownerId = try row.decode(at: 2)
        title = try row.decode(at: 3); secret = try row.decode(at: 4); locked = try row.decode(at: 5)
    }

    static func rowValues(of note: Note) -> [SQLValue] {
        [note.id.sqlValue, note.teamId.sqlValue, note.ownerId.sqlValue, note.title.sqlValue, note.secret.sqlValue, note.locked.sqlValue]
    }

    struct Create: LoomInput {
        var teamId: Int
        var ownerId: Int
        var title: String
        var secret: String? = nil
        var locked = false
        static let fieldNames: Set<String> = ["teamId", "ownerId", "title", "secret", "locked"]
        static func violations(in input: Create) -> [LoomError.Violation] { [] }
        static func assignments(of input: Create) -> [ColumnAssignment] {
            [
                ColumnAssignment("team_id", input.teamId.sqlValue), ColumnAssignment("owner_id", input.ownerId.sqlValue),
                ColumnAssignment("title", input.title.sqlValue), ColumnAssignment("secret", input.secret.sqlValue),
                ColumnAssignment("locked", input.locked.sqlValue),
            ]
        }
    }

    struct Update: LoomInput {
        var title: Patch<String> = .absent
        var locked: Patch<Bool> = .absent
        init(title: Patch<String> = .absent, locked: Patch<Bool> = .absent) { (self.title, self.locked) = (title, locked) }
        init(from decoder: any Decoder) throws {}
        static let fieldNames: Set<String> = ["title", "locked"]
        static func violations(in input: Update) -> [LoomError.Violation] { [] }
        static func assignments(of input: Update) -> [ColumnAssignment] {
            var assignments: [ColumnAssignment] = []
            input.title.append(to: &assignments, column: "title")
            input.locked.append(to: &assignments, column: "locked")
            return assignments
        }
        func encode(to encoder: any Encoder) throws {}
    }

    static func ddl(_ dialect: SQLDialect) -> [String] {
        let key = dialect == .postgres ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        return [
            "CREATE TABLE \"teams\" (\"id\" \(key), \"name\" VARCHAR(40) NOT NULL)",
            "CREATE TABLE \"notes\" (\"id\" \(key), \"team_id\" BIGINT NOT NULL REFERENCES \"teams\" (\"id\"), "
                + "\"owner_id\" BIGINT NOT NULL, \"title\" VARCHAR(40) NOT NULL, \"secret\" TEXT, \"locked\" BOOLEAN NOT NULL)",
        ]
    }
}
