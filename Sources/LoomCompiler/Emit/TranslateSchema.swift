/// The schema-wide type, `StoreSchema`: every table's DDL per dialect and the versioned migrations. Routes are
/// `TranslateRoutes`' business, in a file of their own, so the data layer never imports HTTP.
enum TranslateSchema {
    static func translate(_ schema: ResolvedSchema, snapshot: SchemaSnapshot, migrations: [MigrationSource]) -> [SwiftDeclaration] {
        let statements = Naming.schemaStatementsType(schema.name)
        var members: [SwiftDeclaration] = [
            .variable(SwiftVariable(isStatic: true, isConstant: true, name: "name", value: .raw(SwiftNames.stringLiteral(schema.name)))),
            .function(SwiftFunction(
                isStatic: true, kind: .function("createStatements"), parameters: [SwiftParameter("for", "dialect", "LoomRuntime.SQLDialect")],
                returnType: "[String]",
                body: [.switch("dialect", SQLDialect.allCases.map { (pattern: "." + $0.rawValue, body: [.line(statements + "." + $0.rawValue)]) })]
            )),
        ]
        if let auth = schema.auth { members.insert(TranslateAccess.principal(auth), at: 1) }
        if schema.models.contains(where: { $0.cache != nil }) || schema.endpoints.contains(where: { $0.cacheTTLSeconds != nil }) {
            members.insert(.documented(
                ["Some reads are cached (`cache ttl …`): every process of the application reports its writes to the read cache."],
                .variable(SwiftVariable(isStatic: true, isConstant: true, name: "cachesReads", value: .raw("true")))
            ), at: 1)
        }
        if !schema.services.isEmpty {
            members.insert(.documented(
                ["What the server must be given: `LoomServer.run(\(Naming.schemaType(schema.name)).self, services: …)`."],
                .typealias(name: "Services", type: Naming.servicesType(schema.name), access: .public)
            ), at: 1)
        }
        // The DDL in a type of its own: the Swift compiler rebuilds what uses a type whenever any text in its body
        // changes, so DDL inside the schema type made every edit of a table rebuild the routes and the application.
        let ddl = SwiftType(kind: .enum, access: .internal, name: statements, members: SQLDialect.allCases.map { dialect in
            .variable(SwiftVariable(
                access: .internal, isStatic: true, isConstant: true, name: dialect.rawValue, type: "[String]",
                value: .array(snapshot.createStatements(for: dialect, ifNotExists: true).map(sqlLiteral))
            ))
        })
        if !migrations.isEmpty {
            members.append(.documented(
                ["The versioned migrations of `migrations/`, in order; `LoomServer` applies them with `--migrate`."],
                .variable(SwiftVariable(
                    isStatic: true, isConstant: true, name: "migrations", type: "[LoomRuntime.Migration]",
                    value: .array(migrations.map(migration))
                ))
            ))
        }
        return [
            .documented(
                ["The `\(schema.name)` schema: its tables and migrations. Pass it to `LoomServer.run`."],
                .type(SwiftType(kind: .enum, name: Naming.schemaType(schema.name), conformances: ["LoomRuntime.LoomSchema"], members: members))
            ),
            .documented(["Every table's `CREATE` statements, per dialect."], .type(ddl)),
        ]
    }

    private static func migration(_ migration: MigrationSource) -> SwiftExpression {
        .call("LoomRuntime.Migration", [SwiftArgument("id", .raw(SwiftNames.stringLiteral(migration.id)))] + SQLDialect.allCases.map { dialect in
            let sql = migration.sql(for: dialect)
            return SwiftArgument(dialect.rawValue, .call("LoomRuntime.Migration.Script", [
                SwiftArgument("checksum", .raw(SwiftNames.stringLiteral(MigrationScript.checksum(sql)))),
                SwiftArgument("statements", .array(MigrationScript.statements(in: sql).map(sqlLiteral))),
            ]))
        })
    }

    /// A raw multi-line literal; a plain one when hand-edited SQL could close or interpolate the raw string.
    static func sqlLiteral(_ statement: String) -> SwiftExpression {
        canBeRawString(statement) ? .rawString(statement) : .raw(SwiftNames.stringLiteral(statement))
    }

    /// False when the text holds `"""#` (closes the literal), `\#` (interpolates) or a carriage return. One pass
    /// over the bytes: schemas of thousands of tables have tens of thousands of statements.
    static func canBeRawString(_ text: String) -> Bool {
        var quotes = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\r"): return false
            case UInt8(ascii: "#") where quotes >= 3 || previous == UInt8(ascii: "\\"): return false
            default: break
            }
            quotes = byte == UInt8(ascii: "\"") ? quotes + 1 : 0
            previous = byte
        }
        return true
    }
}
