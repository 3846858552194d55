/// A model's entity, in two parts. The type (`TypeDeclarations`): its stored fields, its JSON coding and its `Create`
/// and `Update` inputs, which a client imports. The server's side, an extension conforming it to `LoomModel`: the table
/// the runtime reads it from, its rows, relations, profiles, cache, the inputs' SQL and typed `Fields`. Everything
/// besides the schema's own fields is static or a nested type, so no field name (`primaryKey`, `rowValues`, `table`)
/// can clash with a generated member.
enum TranslateEntity {
    /// `deletes`: the tables a delete of the model's rows reaches (`DeleteReach`).
    static func translate(
        _ model: Model, in schema: ResolvedSchema, constraints: [TableConstraintName], deletes: [String]
    ) -> TypeDeclarations {
        let key = model.primaryKey
        let name = model.name
        var type: [SwiftDeclaration] = [.typealias(name: "ID", type: SwiftNames.type(of: key), access: .public)]
        type += model.fields.map { field in
            TranslateCommand.documented(field.doc, .variable(SwiftVariable(name: SwiftNames.safe(field.name), type: SwiftNames.type(of: field))))
        }
        type.append(.function(SwiftFunction(
            kind: .initializer,
            parameters: model.fields.map { SwiftParameter(nil, SwiftNames.safe($0.name), SwiftNames.type(of: $0)) },
            body: model.fields.map { .line("self.\(SwiftNames.safe($0.name)) = \(SwiftNames.safe($0.name))") }
        )))
        type += coding(model)
        var members: [SwiftDeclaration] = []
        members.append(.variable(SwiftVariable(
            isStatic: true, name: "primaryKey", type: "KeyPath<\(name), \(SwiftNames.type(of: key))> & Sendable",
            getter: [.line("\\.\(SwiftNames.safe(key.name))")]
        )))
        members.append(.variable(SwiftVariable(isStatic: true, isConstant: true, name: "table", value: table(model, in: schema, constraints: constraints))))
        // Built from `table` once: the statements' texts and prepared names are then constants of the type.
        members.append(.variable(SwiftVariable(
            isStatic: true, isConstant: true, name: "statements", value: .raw("LoomRuntime.ModelStatements(\(name).table)")
        )))
        // Through the memberwise initializer: in an extension in another module (the server's target, when the models
        // are a target of their own), an initializer of a struct must delegate.
        members.append(.function(SwiftFunction(
            kind: .initializer, parameters: [SwiftParameter(nil, "row", "LoomRuntime.SQLRow")], isThrowing: true,
            body: [.expression(prefix: "", .call("self.init", model.fields.enumerated().map { index, field in
                SwiftArgument(SwiftNames.safe(field.name), .raw("try row.decode(at: \(index))"))
            }))]
        )))
        members.append(.function(SwiftFunction(
            isStatic: true, kind: .function("rowValues"), parameters: [SwiftParameter("of", "entity", name)],
            returnType: "[LoomRuntime.SQLValue]",
            body: [.expression(prefix: "", .array(model.fields.map { .raw("entity.\(SwiftNames.safe($0.name)).sqlValue") }))]
        )))
        members.append(jsonWriter(model))
        members += relations(model, in: schema)
        if let rules = TranslateAccess.accessRules(model) { members.append(rules) }
        if let cache = cache(model, deletes: deletes) { members.append(cache) }
        var inputConformances: [SwiftDeclaration] = []
        if let inputs = model.inputs {
            for input in [inputs.create, inputs.update] {
                let translated = TranslateCommand.translate(input, in: name)
                type.append(translated.type)
                inputConformances += translated.server
            }
        }
        members.append(.documented(
            ["Typed columns for filters and sorts: `\(name).Fields.\(model.fields[0].name).eq(…)`."],
            .type(SwiftType(kind: .enum, name: "Fields", members: model.fields.map { field in
                // Computed: a `static let` would be three functions to compile, and a `FieldRef` is one string.
                .variable(SwiftVariable(
                    isStatic: true, name: SwiftNames.safe(field.name),
                    type: "LoomRuntime.FieldRef<\(name), \(SwiftNames.type(of: field))>",
                    getter: [.line(".init(column: \(SwiftNames.stringLiteral(field.column)))")]
                ))
            }))
        ))
        let doc = (model.doc.isEmpty ? ["A row of `\(model.table)`."] : model.doc)
            // The file, not the line: a line number would change every model below an edit, and with it their files'
            // bytes, so the compiler would rebuild them all.
            + ["", "- Remark: Generated from `model \(name)` in \(model.file)."]
        let entity = SwiftDeclaration.documented(
            doc, .type(SwiftType(kind: .struct, name: name, conformances: ["Codable", "Sendable", "Equatable"], members: type))
        )
        let server = SwiftDeclaration.documented(
            ["`\(name)` as the runtime stores it: its table, rows, relations, cache and typed columns."],
            .extension(SwiftExtension(type: name, conformances: ["LoomRuntime.LoomModel"], members: members))
        )
        return TypeDeclarations(type: entity, server: [server] + inputConformances)
    }

    // MARK: Cache

    /// `cache`: how long gets and lists are cached, and which tables a delete also changes through `@onDelete` (their
    /// cached reads go stale with it). Only when there is something to say: otherwise `LoomModel`'s default applies.
    static func cache(_ model: Model, deletes: [String]) -> SwiftDeclaration? {
        guard model.cache != nil || !deletes.isEmpty else { return nil }
        var arguments: [SwiftArgument] = []
        var doc: String
        if let cache = model.cache {
            arguments.append(SwiftArgument("ttlSeconds", .raw(String(cache.ttlSeconds))))
            doc = "Gets and lists are cached for \(cache.ttlSeconds) s (`cache ttl \(cache.written)`)"
        } else {
            doc = "Gets and lists are not cached"
        }
        if deletes.isEmpty {
            doc += "."
        } else {
            arguments.append(SwiftArgument("deletes", .array(deletes.map { .raw(SwiftNames.stringLiteral($0)) })))
            doc += model.cache == nil ? ", but" : ";"
            doc += " deleting a row also deletes or changes rows of "
                + deletes.map { "`\($0)`" }.joined(separator: ", ")
                + " (their `@onDelete`), whose cached reads a delete must make stale."
        }
        return .documented(
            wrapped(doc, width: 112),
            .variable(SwiftVariable(isStatic: true, isConstant: true, name: "cache", value: .call("LoomRuntime.ModelCache", arguments)))
        )
    }

    /// `text` in lines of at most `width` characters, broken between words: a doc comment inside a type, whose
    /// indentation and `/// ` take the other 8 of 120 columns.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    // MARK: JSON

    /// `init(from:)` and `encode(to:)`, written out with `LoomValues.FieldKey` keys: what Swift would synthesize (an
    /// optional field absent or `null` reads as nil and is left out when nil), without the `CodingKeys` enum and its
    /// witnesses the synthesized version brings with it.
    static func coding(_ model: Model) -> [SwiftDeclaration] {
        var decode: [SwiftStatement] = [.line("let container = try decoder.container(keyedBy: LoomValues.FieldKey.self)")]
        var encode: [SwiftStatement] = [.line("var container = encoder.container(keyedBy: LoomValues.FieldKey.self)")]
        for field in model.fields {
            let property = SwiftNames.safe(field.name)
            let key = SwiftNames.stringLiteral(field.name)
            let ifPresent = field.isOptional ? "IfPresent" : ""
            let encodeMethod = FieldEncoding.method(holdsUUIDs: field.type.holdsUUIDs, ifPresent: field.isOptional)
            decode.append(.line("self.\(property) = try container.decodeField\(ifPresent)(\(key))"))
            encode.append(.line("try container.\(encodeMethod)(self.\(property), \(key))"))
        }
        return [
            .function(SwiftFunction(
                kind: .initializer, parameters: [SwiftParameter("from", "decoder", "any Decoder")], isThrowing: true, body: decode
            )),
            .function(SwiftFunction(
                kind: .function("encode"), parameters: [SwiftParameter("to", "encoder", "any Encoder")], isThrowing: true,
                body: encode
            )),
        ]
    }

    /// `writeJSONFields(to:)`: the bytes `encode(to:)` gives under `LoomJSON.encoder`, written straight into the
    /// response. Keys in byte order, the order `.sortedKeys` writes them in; a nil optional is left out, as
    /// `encodeFieldIfPresent` leaves it.
    static func jsonWriter(_ model: Model) -> SwiftDeclaration {
        let fields = model.fields.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let body: [SwiftStatement] = fields.map { field in
            let property = "self." + SwiftNames.safe(field.name)
            let key = SwiftNames.stringLiteral(field.name)
            let method = jsonWriterMethod(field.type)
            return field.isOptional
                ? .line("if let value = \(property) { writer.\(method)(\(key), value) }")
                : .line("writer.\(method)(\(key), \(property))")
        }
        return .function(SwiftFunction(
            kind: .function("writeJSONFields"), parameters: [SwiftParameter("to", "writer", "inout LoomRuntime.JSONWriter")], body: body
        ))
    }

    /// The `JSONWriter` method for a field of `type`: bytes of its own for the common types, the encoder's for the rest.
    static func jsonWriterMethod(_ type: ScalarType) -> String {
        switch type {
        case .int: "int"
        case .int32: "int32"
        case .bool: "bool"
        case .string, .text: "string"
        case .dateTime: "dateTime"
        case .enumeration: "enumeration"
        case .uuid: "uuid"
        case .array(.uuid): "uuids"
        case .double, .decimal, .date, .json, .array: "value"
        }
    }

    // MARK: Table

    static func table(_ model: Model, in schema: ResolvedSchema, constraints: [TableConstraintName]) -> SwiftExpression {
        var arguments = [
            SwiftArgument("model", .raw(SwiftNames.stringLiteral(model.name))),
            SwiftArgument("table", .raw(SwiftNames.stringLiteral(model.table))),
            SwiftArgument("columns", .array(model.fields.map { column($0, in: schema) })),
        ]
        if !constraints.isEmpty {
            arguments.append(SwiftArgument("constraints", .array(constraints.map { constraint in
                .raw("LoomRuntime.TableConstraint(\(SwiftNames.stringLiteral(constraint.name)), .\(constraint.kind.rawValue), fields: "
                    + "[\(constraint.fields.map(SwiftNames.stringLiteral).joined(separator: ", "))])")
            })))
        }
        return .call("LoomRuntime.TableSchema", arguments)
    }

    static func column(_ field: Field, in schema: ResolvedSchema) -> SwiftExpression {
        var arguments = [
            SwiftArgument("field", .raw(SwiftNames.stringLiteral(field.name))),
            SwiftArgument("column", .raw(SwiftNames.stringLiteral(field.column))),
            SwiftArgument("type", .raw(SwiftNames.columnType(of: field))),
        ]
        if field.isOptional { arguments.append(SwiftArgument("isOptional", .raw("true"))) }
        if field.isPrimaryKey { arguments.append(SwiftArgument("isPrimaryKey", .raw("true"))) }
        if field.isAutoIncrement { arguments.append(SwiftArgument("isAutoIncrement", .raw("true"))) }
        if field.isUnique { arguments.append(SwiftArgument("isUnique", .raw("true"))) }
        if let managed = field.managed { arguments.append(SwiftArgument("managed", .raw("." + managed.rawValue))) }
        if let reference = field.reference {
            let target = schema.requireModel(reference.model)
            let column = target.requireField(reference.field).column
            arguments.append(SwiftArgument("reference", .call("LoomRuntime.ColumnReference", [
                SwiftArgument("model", .raw(SwiftNames.stringLiteral(target.name))),
                SwiftArgument("table", .raw(SwiftNames.stringLiteral(target.table))),
                SwiftArgument("column", .raw(SwiftNames.stringLiteral(column))),
            ])))
        }
        return .call("LoomRuntime.ColumnSchema", arguments)
    }

    // MARK: Relations and profiles

    /// `relations` (from foreign keys, both sides) and `profiles`, when the model has any.
    static func relations(_ model: Model, in schema: ResolvedSchema) -> [SwiftDeclaration] {
        var members: [SwiftDeclaration] = []
        let relations: [SwiftExpression] = model.relations.map { relation in
            let other = schema.requireModel(relation.model)
            switch relation.kind {
            case .hasMany:
                let foreignKey = other.requireField(relation.foreignKey)
                return .raw(".hasMany(\(SwiftNames.stringLiteral(relation.name)), \(other.name).self, "
                    + "foreignKey: \(SwiftNames.stringLiteral(foreignKey.column)), localKey: \(SwiftNames.stringLiteral(model.primaryKey.column)))")
            case .belongsTo:
                let foreignKey = model.requireField(relation.foreignKey)
                return .raw(".belongsTo(\(SwiftNames.stringLiteral(relation.name)), \(other.name).self, "
                    + "foreignKey: \(SwiftNames.stringLiteral(foreignKey.column)), targetKey: \(SwiftNames.stringLiteral(other.primaryKey.column)))")
            case .manyToMany:
                let join = schema.requireModel(relation.through ?? "")
                let toOwner = join.requireField(relation.foreignKey)
                let toTarget = join.requireField(relation.throughTargetKey ?? "")
                return .call(".manyToMany", [
                    SwiftArgument(nil, .raw(SwiftNames.stringLiteral(relation.name))),
                    SwiftArgument(nil, .raw("\(other.name).self")),
                    SwiftArgument("through", .raw("\(join.name).self")),
                    SwiftArgument("localKey", .raw(SwiftNames.stringLiteral(model.primaryKey.column))),
                    SwiftArgument("joinLocal", .raw(SwiftNames.stringLiteral(toOwner.column))),
                    SwiftArgument("joinTarget", .raw(SwiftNames.stringLiteral(toTarget.column))),
                    SwiftArgument("targetKey", .raw(SwiftNames.stringLiteral(other.primaryKey.column))),
                ])
            }
        }
        if !relations.isEmpty {
            members.append(.variable(SwiftVariable(
                isStatic: true, isConstant: true, name: "relations", type: "[LoomRuntime.RelationSpec]", value: .array(relations)
            )))
        }
        if !model.profiles.isEmpty {
            members.append(.variable(SwiftVariable(
                isStatic: true, isConstant: true, name: "profiles", type: "[LoomRuntime.ProfileSpec]",
                value: .array(model.profiles.map { profile in
                    .call("LoomRuntime.ProfileSpec", [
                        SwiftArgument("name", .raw(SwiftNames.stringLiteral(profile.name))),
                        SwiftArgument("includes", .array(profile.includes.map { .raw(SwiftNames.stringLiteral($0)) })),
                        SwiftArgument("computed", .array(profile.computed.map { item in
                            .raw(".\(item.kind.rawValue)(name: \(SwiftNames.stringLiteral(item.name)), relation: \(SwiftNames.stringLiteral(item.relation)))")
                        })),
                    ])
                })
            )))
        }
        return members
    }
}
