/// The schema-wide Swift: `StoreSchema`, which knows every table's DDL and registers every resource's routes.
enum TranslateSchema {
    static func write(_ schema: ResolvedSchema, migrations: [MigrationSource] = [], into writer: inout CodeWriter) {
        let typeName = SwiftNames.schemaType(schema.name)
        writer.doc(["The `\(schema.name)` schema: its tables and its HTTP routes. Pass it to `LoomServer.run`."])
        writer.block("public enum \(typeName): LoomHTTPSchema") { w in
            w.line("public static let name = \(SwiftNames.stringLiteral(schema.name))")
            w.line()
            w.block("public static func createStatements(for dialect: SQLDialect) -> [String]") { w in
                w.block("switch dialect") { w in
                    for dialect in SQLDialect.allCases {
                        w.line("case .\(dialect.rawValue): \(dialect.rawValue)Statements")
                    }
                }
            }
            for dialect in SQLDialect.allCases {
                w.line()
                let statements = TranslateTableDDL.statements(for: schema, dialect: dialect)
                w.line("static let \(dialect.rawValue)Statements: [String] = [")
                w.indented { w in
                    for statement in statements { writeRawString(statement, into: &w) }
                }
                w.line("]")
            }
            if !migrations.isEmpty {
                w.line()
                writeMigrations(migrations, into: &w)
            }
            w.line()
            w.block("public static func addRoutes(to router: LoomRouter, database: Database)") { w in
                if schema.resources.isEmpty { w.line("_ = (router, database)") }
                for route in schema.resources.flatMap(\.routes) {
                    w.line("PendingRoute.register(on: router, method: \(SwiftNames.stringLiteral(route.method.rawValue)), "
                        + "path: \(SwiftNames.stringLiteral(route.path)), useCase: \(SwiftNames.stringLiteral(route.useCase)))")
                }
                for resource in schema.resources where !resource.operations.isEmpty {
                    let operations = resource.operations.map { "." + $0.rawValue }.joined(separator: ", ")
                    w.line("CRUDRoutes(repository: database.repository(\(resource.model).self)).register(")
                    w.indented { w in
                        w.line("on: router, at: \(SwiftNames.stringLiteral(resource.path)), operations: [\(operations)],")
                        var options = "pagination: .\(resource.pagination.rawValue), paginationOverride: \(resource.paginationOverride)"
                        if resource.parent != nil { options += "," }
                        w.line(options)
                        if let parent = resource.parent {
                            w.line("parent: ParentRoute(")
                            w.indented { w in
                                w.line("\(parent.model).self, of: \(resource.model).self, repository: database.repository(\(parent.model).self),")
                                w.line("parameter: \(SwiftNames.stringLiteral(parent.parameter)), foreignKey: \(SwiftNames.stringLiteral(parent.foreignKey))")
                            }
                            w.line(")")
                        }
                    }
                    w.line(")")
                }
            }
        }
    }

    /// `public static let migrations`: each migration of `migrations/`, its statements and checksum per dialect.
    static func writeMigrations(_ migrations: [MigrationSource], into writer: inout CodeWriter) {
        writer.doc(["The versioned migrations of `migrations/`, in order; `LoomServer` applies them with `--migrate`."])
        writer.line("public static let migrations: [Migration] = [")
        writer.indented { w in
            for migration in migrations {
                w.line("Migration(")
                w.indented { w in
                    w.line("id: \(SwiftNames.stringLiteral(migration.id)),")
                    for dialect in SQLDialect.allCases {
                        let sql = migration.sql(for: dialect)
                        let last = dialect == SQLDialect.allCases.last
                        w.line("\(dialect.rawValue): Migration.Script(")
                        w.indented { w in
                            w.line("checksum: \(SwiftNames.stringLiteral(MigrationScript.checksum(sql))),")
                            let statements = MigrationScript.statements(in: sql)
                            if statements.isEmpty {
                                w.line("statements: []")
                            } else {
                                w.line("statements: [")
                                w.indented { w in
                                    for statement in statements {
                                        // Hand-edited SQL could close or interpolate a raw string: then a plain literal.
                                        if statement.contains("\"\"\"#") || statement.contains("\\#") || statement.contains("\r") {
                                            w.line(SwiftNames.stringLiteral(statement) + ",")
                                        } else {
                                            writeRawString(statement, into: &w)
                                        }
                                    }
                                }
                                w.line("]")
                            }
                        }
                        w.line(last ? ")" : "),")
                    }
                }
                w.line("),")
            }
        }
        writer.line("]")
    }

    /// A multi-line raw string literal holding one SQL statement, then a comma.
    static func writeRawString(_ text: String, into writer: inout CodeWriter) {
        writer.line("#\"\"\"")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { writer.line(String(line)) }
        writer.line("\"\"\"#,")
    }
}
