/// Checks one model declaration and turns it into an IR `Model`: its name and options, its fields, its primary key,
/// the timestamp fields `timestamps` adds and its composite keys. Relations and profiles need every model, so they
/// are finished later (`RelationResolver`, `ProfileResolver`); `pendingRelations` collects what they need.
struct ModelResolver {
    /// Every model name of the schema: a field whose type is one of them is a relation.
    let modelNames: Set<String>
    /// The schema's enums by name.
    let enums: [String: EnumType]
    /// Each model's key field name, from the syntax, to name foreign keys before the keys are resolved.
    let primaryKeyNames: [String: String]
    var diagnostics: [Diagnostic] = []
    /// The relation fields of the last model resolved.
    private(set) var pendingRelations: [PendingRelation] = []
    /// Its `through` relations, which are no fields.
    private(set) var pendingThroughRelations: [PendingThroughRelation] = []

    /// What a table name may look like: it is written into SQL unquoted.
    static func isValidTableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    init(modelNames: Set<String>, enums: [String: EnumType] = [:], primaryKeyNames: [String: String] = [:]) {
        self.modelNames = modelNames
        self.enums = enums
        self.primaryKeyNames = primaryKeyNames
    }

    /// The name of each model's `@id` field as written (the first, for a model with several).
    static func primaryKeyNames(of declarations: [ModelDeclaration]) -> [String: String] {
        var names: [String: String] = [:]
        for declaration in declarations where names[declaration.name.name] == nil {
            let key = declaration.fields.first { field in field.attributes.contains { $0.name.name == "id" } }
            if let key { names[declaration.name.name] = key.name.name }
        }
        return names
    }

    /// One model and what resolving it reported and left pending, from a resolver with no diagnostics of its own
    /// (what `ModelResolutionCache` keeps).
    func resolveAlone(_ declaration: ModelDeclaration, fileName: String) -> ModelResolutionCache.Entry {
        var resolver = ModelResolver(modelNames: modelNames, enums: enums, primaryKeyNames: primaryKeyNames)
        let model = resolver.resolve(declaration, fileName: fileName)
        return ModelResolutionCache.Entry(
            model: model, diagnostics: resolver.diagnostics, pendingRelations: resolver.pendingRelations,
            pendingThroughRelations: resolver.pendingThroughRelations)
    }

    /// `fileName` is the declaring file's name, as the IR records it.
    mutating func resolve(_ declaration: ModelDeclaration, fileName: String) -> Model {
        if let problem = NameRules.checkModelName(declaration.name) { diagnostics.append(problem) }
        let options = resolveOptions(declaration)

        var fields: [Field] = []
        var fieldsSeen: [String: FieldDeclaration] = [:]
        var columnsSeen: [String: String] = [:]
        let types = TypeResolver(modelNames: modelNames, enumNames: Set(enums.keys))
        var fieldResolver = FieldResolver(
            owner: declaration.name.name, types: types, enums: enums, primaryKeyNames: primaryKeyNames
        )
        var through: [PendingThroughRelation] = []
        defer { pendingThroughRelations = through }
        for fieldDeclaration in declaration.fields {
            let name = fieldDeclaration.name
            if let first = fieldsSeen[name.name] {
                diagnostics.append(.error(
                    .duplicateField, "duplicate field '\(name.name)' in model '\(declaration.name.name)'", at: name.range,
                    hint: "'\(name.name)' is first declared at line \(first.name.range.start.line)"
                ))
                continue
            }
            fieldsSeen[name.name] = fieldDeclaration
            if let managed = options.timestamps, ManagedTimestamp(rawValue: name.name) != nil {
                diagnostics.append(.error(
                    .duplicateField, "field '\(name.name)' is already added by 'timestamps'", at: name.range,
                    hint: "remove the field, or remove 'timestamps' (line \(managed.start.line)) and declare both fields"
                ))
                continue
            }
            let column = FieldResolver.column(of: fieldDeclaration, irName: fieldResolver.irName(of: fieldDeclaration))
            if let other = columnsSeen[column] {
                diagnostics.append(.error(
                    .duplicateField, "field '\(name.name)' maps to column '\(column)', like field '\(other)'",
                    at: name.range, hint: "rename one of them"
                ))
                continue
            }
            if let join = fieldDeclaration.through {
                through.append(PendingThroughRelation(
                    model: declaration.name.name, name: name, type: fieldDeclaration.type, join: join, range: fieldDeclaration.range))
                continue
            }
            columnsSeen[column] = name.name
            if let field = fieldResolver.resolve(fieldDeclaration) { fields.append(field) }
        }
        diagnostics += fieldResolver.diagnostics
        pendingRelations = fieldResolver.pendingRelations
        checkPrimaryKey(declaration)

        if let range = options.timestamps {
            for managed in [ManagedTimestamp.createdAt, .updatedAt] {
                let column = Naming.snakeCase(managed.rawValue)
                if let other = columnsSeen[column] {
                    diagnostics.append(.error(
                        .duplicateField, "column '\(column)' of 'timestamps' is already used by field '\(other)'",
                        at: range, hint: "rename '\(other)'"
                    ))
                }
                fields.append(Field(
                    name: managed.rawValue, column: column, type: .dateTime, managed: managed, range: range
                ))
            }
        }

        var composites = CompositeKeyResolver(model: declaration, fields: fields, irNames: Dictionary(
            declaration.fields.map { ($0.name.name, fieldResolver.irName(of: $0)) }
        ) { first, _ in first })
        let keys = composites.resolve()
        diagnostics += composites.diagnostics

        var model = Model(
            name: declaration.name.name, table: options.table, doc: declaration.doc, file: fileName,
            range: declaration.range, fields: fields, timestamps: options.timestamps != nil,
            uniqueConstraints: keys.unique, indexes: keys.indexes
        )
        model.cache = CacheResolver.resolve(declaration.caches, of: model.name, diagnostics: &diagnostics)
        return model
    }

    // MARK: Options

    private struct Options {
        var table: String
        /// The `timestamps` keyword, when present.
        var timestamps: SourceRange?
    }

    private mutating func resolveOptions(_ declaration: ModelDeclaration) -> Options {
        var options = Options(table: Naming.tableName(forModel: declaration.name.name))
        var seen: Set<String> = []
        for option in declaration.options {
            guard seen.insert(option.keyword.name).inserted else {
                diagnostics.append(.error(
                    .duplicateAttribute, "model option '\(option.keyword.name)' is given twice", at: option.range,
                    hint: "remove one of them"
                ))
                continue
            }
            switch option.kind {
            case .timestamps:
                options.timestamps = option.keyword.range
            case .table(let table):
                if Self.isValidTableName(table.value) {
                    options.table = table.value
                } else {
                    let example = Naming.tableName(forModel: declaration.name.name)
                    diagnostics.append(.error(
                        .invalidTableName, "invalid table name '\(table.value)'", at: table.range,
                        hint: "use lowercase letters, digits and underscores, e.g. '\(example)'"
                    ))
                }
            }
        }
        return options
    }

    // MARK: Primary key

    /// Exactly one field carries `@id`. Counted on the syntax, so that a key with another problem (a bad type, say)
    /// is not also reported missing.
    private mutating func checkPrimaryKey(_ declaration: ModelDeclaration) {
        var names: Set<String> = []
        let ids = declaration.fields.compactMap { field in
            // A repeated field is reported as such, not as a second key.
            names.insert(field.name.name).inserted
                ? field.attributes.first { $0.name.name == "id" }.map { (field: field, attribute: $0) } : nil
        }
        guard let first = ids.first else {
            diagnostics.append(.error(
                .missingPrimaryKey, "model '\(declaration.name.name)' has no '@id' field", at: declaration.name.range,
                hint: "add a key, e.g. 'id Int @id @autoincrement'"
            ))
            return
        }
        for second in ids.dropFirst() {
            diagnostics.append(.error(
                .multiplePrimaryKeys, "model '\(declaration.name.name)' has more than one '@id' field",
                at: second.attribute.range,
                hint: "'\(first.field.name.name)' is already the key; composite keys are not supported"
            ))
        }
    }
}
