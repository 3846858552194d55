/// The resolved IR as tables: every rule that turns a model into SQL (column types, defaults, checks, constraint and
/// index names) lives here and nowhere else. The IR is checked, so a reference that does not resolve is a compiler
/// bug: it traps instead of leaving a column or a constraint out.
extension SchemaSnapshot {
    /// The tables of a checked schema, as its DDL creates them.
    public init(_ schema: ResolvedSchema) {
        let lookup = SchemaLookup(schema)
        self.init(tables: schema.models.map { TableSnapshot($0, lookup) })
    }
}

/// The schema, plus its enums by name (the IR's `enumType(named:)` is a scan, and every enum column looks one up).
struct SchemaLookup {
    let schema: ResolvedSchema
    let enums: [String: EnumType]

    init(_ schema: ResolvedSchema) {
        self.schema = schema
        enums = Dictionary(schema.enums.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func model(_ name: String) -> Model { schema.requireModel(name) }

    func enumType(_ name: String) -> EnumType {
        guard let type = enums[name] else { preconditionFailure("internal: no enum '\(name)' in the resolved schema") }
        return type
    }
}


extension TableSnapshot {
    init(_ model: Model, _ lookup: SchemaLookup) {
        let uniqueFields = model.fields.filter { $0.isUnique && !$0.isPrimaryKey }.map { [$0] }
            + model.uniqueConstraints.map { $0.map(model.requireField) }
        let indexedFields = model.fields.filter { $0.isIndexed && !$0.isUnique && !$0.isPrimaryKey }.map { [$0] }
            + model.indexes.map { $0.map(model.requireField) }
        var checks: [CheckSnapshot] = []
        for field in model.fields {
            let postgres = SQLChecks.conditions(for: field, lookup, dialect: .postgres)
            let sqlite = SQLChecks.conditions(for: field, lookup, dialect: .sqlite)
            for (pg, lite) in zip(postgres, sqlite) {
                precondition(pg.kind == lite.kind, "internal: checks of '\(field.name)' differ between the dialects")
                checks.append(CheckSnapshot(
                    name: ConstraintNaming.check(table: model.table, column: field.column, kind: pg.kind), column: field.column,
                    condition: DialectSQL(postgres: pg.condition, sqlite: lite.condition)))
            }
        }
        self.init(
            name: model.table,
            columns: model.fields.map { ColumnSnapshot($0, lookup) },
            uniques: uniqueFields.map {
                let columns = $0.map(\.column)
                return KeySnapshot(name: ConstraintNaming.unique(table: model.table, columns: columns), columns: columns)
            },
            checks: checks,
            indexes: indexedFields.map {
                let columns = $0.map(\.column)
                return KeySnapshot(name: ConstraintNaming.index(table: model.table, columns: columns), columns: columns)
            })
    }
}

extension ColumnSnapshot {
    init(_ field: Field, _ lookup: SchemaLookup) {
        let type = DialectSQL(postgres: SQLTypes.column(field.type, dialect: .postgres), sqlite: SQLTypes.column(field.type, dialect: .sqlite))
        if field.isPrimaryKey {
            self.init(name: field.column, type: type, primaryKey: true, autoIncrement: field.isAutoIncrement)
            return
        }
        var defaultValue: DefaultSnapshot?
        // Managed timestamps default to now too, so rows written outside the runtime (and columns added to a
        // populated table) get a value.
        if let value = field.defaultValue ?? (field.managed != nil ? .now : nil) {
            let postgres = SQLTypes.defaultLiteral(value, type: field.type, dialect: .postgres)
            let sqlite = SQLTypes.defaultLiteral(value, type: field.type, dialect: .sqlite)
            if postgres != nil || sqlite != nil { defaultValue = DefaultSnapshot(postgres: postgres, sqlite: sqlite) }
        }
        var references: ReferenceSnapshot?
        if let reference = field.reference {
            let target = lookup.model(reference.model)
            references = ReferenceSnapshot(
                table: target.table, column: target.requireField(reference.field).column,
                onDelete: SQLTypes.referentialAction(reference.onDelete))
        }
        self.init(name: field.column, type: type, nullable: field.isOptional, defaultValue: defaultValue, references: references)
    }
}

/// Column types, defaults and referential actions, per dialect.
enum SQLTypes {
    static func column(_ type: ScalarType, dialect: SQLDialect) -> String {
        switch (type, dialect) {
        case (.int, .postgres): "BIGINT"
        case (.int, .sqlite), (.int32, _): "INTEGER"
        case (.double, .postgres): "DOUBLE PRECISION"
        case (.double, .sqlite): "REAL"
        // SQLite keeps NUMERIC as an integer or a double: exact to 15 digits, ordered; PostgreSQL is exact.
        case (.decimal(let precision, let scale), _): "NUMERIC(\(precision), \(scale))"
        case (.bool, _): "BOOLEAN"
        case (.string(let maxLength), _): "VARCHAR(\(maxLength))"
        case (.text, _), (.enumeration, _): "TEXT"
        case (.date, .postgres): "DATE"
        case (.dateTime, .postgres): "TIMESTAMPTZ"
        case (.uuid, .postgres): "UUID"
        case (.json, .postgres), (.array, .postgres): "JSONB"
        case (.date, .sqlite), (.dateTime, .sqlite), (.uuid, .sqlite), (.json, .sqlite), (.array, .sqlite): "TEXT"
        }
    }

    /// A SQL literal for a default, or nil where the dialect has no expression for it (the runtime fills it in).
    static func defaultLiteral(_ value: DefaultValue, type: ScalarType, dialect: SQLDialect) -> String? {
        switch (value, dialect) {
        case (.int(let number), _): String(number)
        case (.double(let number), _): String(number)
        case (.bool(let flag), .postgres): flag ? "TRUE" : "FALSE"
        case (.bool(let flag), .sqlite): flag ? "1" : "0"
        case (.string(let text), _), (.enumCase(let text), _): SQLSyntax.stringLiteral(text)
        case (.now, .postgres): type == .date ? "CURRENT_DATE" : "now()"
        case (.now, .sqlite): type == .date ? "(date('now'))" : "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
        case (.uuid, .postgres): "gen_random_uuid()"
        case (.uuid, .sqlite): nil
        }
    }

    static func referentialAction(_ action: ReferentialAction) -> String {
        switch action {
        case .cascade: "CASCADE"
        case .restrict: "RESTRICT"
        case .setNull: "SET NULL"
        case .noAction: "NO ACTION"
        }
    }
}

/// CHECK conditions for what SQL can say portably: lengths, ranges, one-of lists, not-blank, enum cases. Patterns
/// stay with the runtime (regular-expression dialects differ).
enum SQLChecks {
    /// In a fixed order, the same kinds in both dialects.
    static func conditions(for field: Field, _ lookup: SchemaLookup, dialect: SQLDialect) -> [(kind: String, condition: String)] {
        let column = SQLSyntax.quote(field.column)
        let length = dialect == .postgres ? "char_length(\(column))" : "length(\(column))"
        var checks: [(kind: String, condition: String)] = []
        if case .enumeration(let name) = field.type {
            let cases = lookup.enumType(name).cases.map(SQLSyntax.stringLiteral).joined(separator: ", ")
            checks.append(("enum", "\(column) IN (\(cases))"))
        }
        let isText: Bool = switch field.type {
        case .string, .text: true
        default: false
        }
        for constraint in field.constraints {
            switch constraint.kind {
            case .minLength(let minimum) where isText: checks.append(("min_length", "\(length) >= \(minimum)"))
            case .maxLength(let maximum) where isText: checks.append(("max_length", "\(length) <= \(maximum)"))
            case .range(let minimum, let maximum):
                let bounds = [minimum.map { "\(column) >= \(number($0))" }, maximum.map { "\(column) <= \(number($0))" }]
                let condition = bounds.compactMap { $0 }.joined(separator: " AND ")
                if !condition.isEmpty { checks.append(("range", condition)) }
            case .oneOf(let options) where isText:
                checks.append(("one_of", "\(column) IN (\(options.map(SQLSyntax.stringLiteral).joined(separator: ", ")))"))
            case .notBlank where isText:
                checks.append(("not_blank", dialect == .postgres ? "btrim(\(column)) <> ''" : "trim(\(column)) <> ''"))
            default:
                break
            }
        }
        return checks
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
