/// Checks one field declaration — name, type, attributes — and turns it into an IR `Field`. A field whose type is a
/// model becomes its foreign key (`user User` → `userId`), completed by `RelationResolver` once every model's key is
/// known.
struct FieldResolver {
    /// The model declaring the fields.
    let owner: String
    let types: TypeResolver
    let enums: [String: EnumType]
    /// Each model's key field name, read from the syntax (`id` when a model has none), to name foreign keys.
    let primaryKeyNames: [String: String]
    var diagnostics: [Diagnostic] = []
    /// The relation fields resolved so far, for `RelationResolver`.
    var pendingRelations: [PendingRelation] = []

    /// The attributes of a column, in the order messages list them.
    static let columnAttributes = ["id", "autoincrement", "unique", "index", "default", "column"]
    /// The attributes only a relation field takes.
    static let relationAttributes = ["onDelete", "relation"]
    static let attributeNames = columnAttributes + relationAttributes + ConstraintResolver.attributeNames

    /// The longest `String(n)`: PostgreSQL's limit for `VARCHAR(n)`.
    static let maxStringLength = TypeResolver.maxStringLength

    init(owner: String, types: TypeResolver, enums: [String: EnumType], primaryKeyNames: [String: String]) {
        self.owner = owner
        self.types = types
        self.enums = enums
        self.primaryKeyNames = primaryKeyNames
    }

    /// The name a field has in the IR: its own, or for a relation field its foreign key's (`user` → `userId`).
    func irName(of field: FieldDeclaration) -> String {
        guard let type = field.type, !type.isList, types.modelNames.contains(type.name.name) else { return field.name.name }
        return Self.foreignKeyName(relation: field.name.name, key: primaryKeyNames[type.name.name] ?? "id")
    }

    /// The field's column: `@column("name")` when it has a usable one, else its IR name in snake case (`userId` →
    /// `user_id`). `@column` keeps a column's name when the field is renamed (the editor's rename writes it).
    static func column(of field: FieldDeclaration, irName: String) -> String {
        if let attribute = field.attributes.first(where: { $0.name.name == "column" }),
           let argument = attribute.arguments?.arguments.first, attribute.arguments?.arguments.count == 1,
           case .string(let name) = argument.value, ModelResolver.isValidTableName(name) {
            return name
        }
        return Naming.snakeCase(irName)
    }

    /// `user` and `id` → `userId`.
    static func foreignKeyName(relation: String, key: String) -> String {
        relation + key.prefix(1).uppercased() + key.dropFirst()
    }

    /// Nil when the type is missing or invalid; every problem found has been reported.
    mutating func resolve(_ field: FieldDeclaration) -> Field? {
        if let problem = NameRules.checkDataFieldName(field.name) { diagnostics.append(problem) }
        let attributes = checkAttributes(field.attributes)
        guard let reference = field.type, let type = types.resolve(reference, owner: owner, diagnostics: &diagnostics) else {
            return nil
        }
        switch type {
        case .relation(let target): return resolveRelation(field, type: reference, target: target, attributes: attributes)
        case .scalar(let scalar): return resolveColumn(field, type: reference, scalar: scalar, attributes: attributes)
        }
    }

    // MARK: Columns

    private mutating func resolveColumn(
        _ declaration: FieldDeclaration, type: TypeReference, scalar: ScalarType, attributes: [Attribute]
    ) -> Field {
        let byName = Dictionary(attributes.map { ($0.name.name, $0) }) { first, _ in first }
        for name in Self.relationAttributes {
            guard let attribute = byName[name] else { continue }
            diagnostics.append(.error(
                .attributeDoesNotFitType, "'@\(name)' needs a relation field, and '\(declaration.name.name)' is '\(scalar.schemaSpelling)'",
                at: attribute.range, hint: "a relation field's type is a model, e.g. 'user User'"
            ))
        }
        var field = Field(
            name: declaration.name.name, column: Self.column(of: declaration, irName: declaration.name.name), type: scalar,
            isOptional: type.isOptional, isPrimaryKey: byName["id"] != nil, isAutoIncrement: byName["autoincrement"] != nil,
            isUnique: byName["unique"] != nil, isIndexed: byName["index"] != nil, doc: declaration.doc,
            range: declaration.range
        )
        checkCombinations(of: field, type: type, attributes: byName)
        var constraints = ConstraintResolver()
        field.constraints = constraints.resolve(attributes, type: scalar, field: field.name)
        diagnostics += constraints.diagnostics
        if let attribute = byName["default"], let argument = attribute.arguments?.arguments.first {
            if scalar.isIndexable {
                var defaults = DefaultResolver(enums: enums)
                field.defaultValue = defaults.resolve(argument, field: field.name, type: scalar)
                diagnostics += defaults.diagnostics
            } else {
                diagnostics.append(.error(
                    .attributeDoesNotFitType, "'@default' is not supported on a \(scalar.schemaSpelling) field",
                    at: attribute.range, hint: "set the value when the row is created"
                ))
            }
        }
        return field
    }

    /// The rules between attributes and the type: keys are non-optional `Int`, `UUID` or `String`, only an `Int` key
    /// auto-increments, a generated key has no default, and JSON and lists are neither keys nor indexed.
    private mutating func checkCombinations(of field: Field, type: TypeReference, attributes: [String: Attribute]) {
        if let id = attributes["id"] {
            if let mark = type.optionalMark {
                diagnostics.append(.error(
                    .attributeDoesNotFitType, "'@id' field '\(field.name)' cannot be optional", at: mark,
                    hint: "remove the '?'"
                ))
            }
            switch field.type {
            case .int, .string, .uuid: break
            default:
                diagnostics.append(.error(
                    .attributeDoesNotFitType,
                    "'@id' needs an Int, UUID or String field, not '\(field.type.schemaSpelling)'", at: id.range
                ))
            }
        }
        if let autoincrement = attributes["autoincrement"], field.type != .int || attributes["id"] == nil {
            diagnostics.append(.error(
                .attributeDoesNotFitType, "'@autoincrement' needs an 'Int' '@id' field", at: autoincrement.range,
                hint: field.type == .int ? "add '@id', or remove '@autoincrement'" : "remove '@autoincrement'"
            ))
        }
        if let defaultAttribute = attributes["default"], attributes["autoincrement"] != nil {
            diagnostics.append(.error(
                .attributeDoesNotFitType, "'@default' cannot be combined with '@autoincrement'", at: defaultAttribute.range,
                hint: "the database generates the value; remove '@default'"
            ))
        }
        if !field.type.isIndexable {
            for name in ["unique", "index"] {
                guard let attribute = attributes[name] else { continue }
                diagnostics.append(.error(
                    .attributeDoesNotFitType, "'@\(name)' is not supported on a \(field.type.schemaSpelling) field",
                    at: attribute.range
                ))
            }
        }
    }

    // MARK: Relations

    /// `user User @onDelete(cascade) @relation("addresses")`: the foreign key `userId`, its type set later.
    private mutating func resolveRelation(
        _ declaration: FieldDeclaration, type: TypeReference, target: String, attributes: [Attribute]
    ) -> Field {
        var onDelete = ReferentialAction.restrict
        var hasManyName: StringLiteral?
        var isUnique = false
        for attribute in attributes {
            let name = attribute.name.name
            switch name {
            case "unique":
                isUnique = true
            case "index":
                break  // foreign keys are always indexed
            case "column":
                break  // the foreign key's column: `column(of:irName:)`
            case "onDelete":
                let actions = ReferentialAction.allCases.map(\.rawValue)
                guard let argument = attribute.arguments?.arguments.first, attribute.arguments?.arguments.count == 1,
                    case .identifier(let value) = argument.value, let action = ReferentialAction(rawValue: value)
                else {
                    let written = attribute.arguments?.arguments.first?.text ?? ""
                    let hint = Suggestions.didYouMean(written, among: actions) ?? "write @onDelete(cascade)"
                    diagnostics.append(.error(
                        .invalidAttributeArguments, "'@onDelete' takes one of " + Suggestions.list(actions),
                        at: attribute.arguments?.range ?? attribute.range, hint: hint
                    ))
                    continue
                }
                if action == .setNull && !type.isOptional {
                    diagnostics.append(.error(
                        .attributeDoesNotFitType,
                        "'@onDelete(setNull)' needs an optional relation, and '\(declaration.name.name)' is required",
                        at: attribute.range, hint: "make it '\(target)?'"
                    ))
                }
                onDelete = action
            case "relation":
                guard let argument = attribute.arguments?.arguments.first, attribute.arguments?.arguments.count == 1,
                    case .string(let value) = argument.value
                else {
                    diagnostics.append(.error(
                        .invalidAttributeArguments, "'@relation' takes one string, the name of the has-many side",
                        at: attribute.arguments?.range ?? attribute.range,
                        hint: "write @relation(\"\(Naming.camelCase(Naming.tableName(forModel: owner))))\")"
                    ))
                    continue
                }
                let literal = StringLiteral(value: value, range: argument.range)
                if let problem = NameRules.checkFieldName(Identifier(name: value, range: argument.range)) {
                    diagnostics.append(problem)
                } else {
                    hasManyName = literal
                }
            default:
                diagnostics.append(.error(
                    .attributeDoesNotFitType, "'@\(name)' cannot be used on relation field '\(declaration.name.name)'",
                    at: attribute.range,
                    hint: name == "id" ? "a relation field is a foreign key, not this model's key" : "remove it"
                ))
            }
        }
        let key = primaryKeyNames[target] ?? "id"
        let name = Self.foreignKeyName(relation: declaration.name.name, key: key)
        pendingRelations.append(PendingRelation(
            model: owner, field: name, relationName: declaration.name.name, target: target, targetRange: type.name.range,
            isOptional: type.isOptional, hasManyName: hasManyName, range: declaration.range
        ))
        return Field(
            name: name, column: Self.column(of: declaration, irName: name), type: .int, isOptional: type.isOptional, isUnique: isUnique,
            isIndexed: true,
            reference: ForeignKey(model: target, field: key, onDelete: onDelete, relationName: declaration.name.name),
            doc: declaration.doc, range: declaration.range
        )
    }

    // MARK: Attributes

    /// Reports unknown, repeated and wrongly called attributes; returns the others in source order. Constraint
    /// arguments are checked by `ConstraintResolver`, relation ones by `resolveRelation`.
    private mutating func checkAttributes(_ attributes: [Attribute]) -> [Attribute] {
        var accepted: [Attribute] = []
        var seen: Set<String> = []
        for attribute in attributes {
            let name = attribute.name.name
            guard Self.attributeNames.contains(name) else {
                let hint = Suggestions.didYouMean(name, among: Self.attributeNames, prefix: "@")
                    ?? "the attributes are " + Self.attributeNames.map { "@\($0)" }.joined(separator: ", ")
                diagnostics.append(.error(.unknownAttribute, "unknown attribute '@\(name)'", at: attribute.range, hint: hint))
                continue
            }
            guard seen.insert(name).inserted else {
                diagnostics.append(.error(
                    .duplicateAttribute, "duplicate attribute '@\(name)'", at: attribute.range, hint: "remove one of them"
                ))
                continue
            }
            if name == "default" {
                guard let arguments = attribute.arguments, arguments.arguments.count == 1, arguments.arguments[0].label == nil
                else {
                    diagnostics.append(.error(
                        .invalidAttributeArguments, "attribute '@default' takes exactly one value",
                        at: attribute.arguments?.range ?? attribute.range, hint: "write @default(value)"
                    ))
                    continue
                }
            } else if name == "column" {
                guard let arguments = attribute.arguments, arguments.arguments.count == 1, arguments.arguments[0].label == nil,
                      case .string(let column) = arguments.arguments[0].value, ModelResolver.isValidTableName(column)
                else {
                    diagnostics.append(.error(
                        .invalidAttributeArguments, "attribute '@column' takes one column name: lowercase letters, digits and underscores",
                        at: attribute.arguments?.range ?? attribute.range, hint: "write @column(\"sku_code\")"
                    ))
                    continue
                }
            } else if ["id", "autoincrement", "unique", "index"].contains(name), let arguments = attribute.arguments {
                diagnostics.append(.error(
                    .invalidAttributeArguments, "attribute '@\(name)' takes no arguments", at: arguments.range,
                    hint: "write @\(name)"
                ))
                continue
            }
            accepted.append(attribute)
        }
        return accepted
    }
}

/// A relation field waiting for its target's key: what `RelationResolver` needs to finish it.
/// `tags [Tag] through ProductTag`, until every model's belongs-to relations are known.
struct PendingThroughRelation: Sendable, Hashable {
    var model: String
    var name: Identifier
    var type: TypeReference?
    var join: Identifier
    var range: SourceRange
}

struct PendingRelation: Sendable, Hashable {
    /// The model holding the foreign key.
    var model: String
    /// The foreign-key field's IR name (`userId`).
    var field: String
    /// The belongs-to name (`user`).
    var relationName: String
    var target: String
    var targetRange: SourceRange
    var isOptional: Bool
    /// `@relation("…")`: the has-many side's name, when given.
    var hasManyName: StringLiteral?
    var range: SourceRange
}
