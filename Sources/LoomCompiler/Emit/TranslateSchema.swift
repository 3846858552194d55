/// The schema-wide type, `StoreSchema`: every table's DDL per dialect and the versioned migrations. Routes are
/// `TranslateRoutes`' business, in a file of their own, so the data layer never imports HTTP.
enum TranslateSchema {
    static func translate(_ schema: ResolvedSchema, snapshot: SchemaSnapshot, migrations: [MigrationSource]) -> SwiftDeclaration {
        var members: [SwiftDeclaration] = [
            .variable(SwiftVariable(isStatic: true, isConstant: true, name: "name", value: .raw(SwiftNames.stringLiteral(schema.name)))),
            .function(SwiftFunction(
                isStatic: true, kind: .function("createStatements"), parameters: [SwiftParameter("for", "dialect", "LoomRuntime.SQLDialect")],
                returnType: "[String]",
                body: [.switch("dialect", SQLDialect.allCases.map { (pattern: "." + $0.rawValue, body: [.line($0.rawValue + "Statements")]) })]
            )),
        ]
        for dialect in SQLDialect.allCases {
            members.append(.variable(SwiftVariable(
                access: .internal, isStatic: true, isConstant: true, name: dialect.rawValue + "Statements", type: "[String]",
                value: .array(snapshot.createStatements(for: dialect, ifNotExists: true).map(sqlLiteral))
            )))
        }
        if !migrations.isEmpty {
            members.append(.documented(
                ["The versioned migrations of `migrations/`, in order; `LoomServer` applies them with `--migrate`."],
                .variable(SwiftVariable(
                    isStatic: true, isConstant: true, name: "migrations", type: "[LoomRuntime.Migration]",
                    value: .array(migrations.map(migration))
                ))
            ))
        }
        return .documented(
            ["The `\(schema.name)` schema: its tables and migrations. Pass it to `LoomServer.run`."],
            .type(SwiftType(kind: .enum, name: SwiftNames.schemaType(schema.name), conformances: ["LoomRuntime.LoomSchema"], members: members))
        )
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
        if statement.contains("\"\"\"#") || statement.contains("\\#") || statement.contains("\r") {
            return .raw(SwiftNames.stringLiteral(statement))
        }
        return .rawString(statement)
    }
}
