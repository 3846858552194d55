/// The Swift of one model: the entity, its create and update inputs, and typed repository helpers. The generated
/// code is declarations and field lists only; behaviour lives in the runtime (`Repository`, `CRUDRoutes`).
enum TranslateModel {
    static func write(_ model: Model, in schema: ResolvedSchema, into writer: inout CodeWriter) {
        writeEntity(model, in: schema, into: &writer)
        writer.line()
        writeCreateInput(model, into: &writer)
        writer.line()
        writeUpdateInput(model, into: &writer)
        writer.line()
        writeRepositoryHelpers(model, into: &writer)
    }

    static func createType(_ model: Model) -> String { "Create" + model.name }
    static func updateType(_ model: Model) -> String { "Update" + model.name }

    /// Fields a create input carries: everything the client may write.
    static func createFields(_ model: Model) -> [Field] { model.fields.filter { !$0.isGenerated } }
    /// Fields a PATCH may change: never the primary key.
    static func updateFields(_ model: Model) -> [Field] { model.fields.filter { !$0.isGenerated && !$0.isPrimaryKey } }

    // MARK: Entity

    static func writeEntity(_ model: Model, in schema: ResolvedSchema, into writer: inout CodeWriter) {
        writer.doc(model.doc.isEmpty ? ["A row of `\(model.table)`."] : model.doc)
        writer.doc(["", "- Remark: Generated from \(model.file):\(model.range.start.line)."])
        writer.block("public struct \(model.name): LoomModel") { w in
            let key = model.primaryKey
            w.line("public typealias ID = \(SwiftNames.type(of: key))")
            w.line("public typealias Create = \(createType(model))")
            w.line("public typealias Update = \(updateType(model))")
            w.line()
            for field in model.fields {
                w.doc(field.doc)
                w.line("public var \(field.name): \(SwiftNames.type(of: field))")
            }
            w.line()
            let parameters = model.fields.map { "\($0.name): \(SwiftNames.type(of: $0))" }.joined(separator: ", ")
            w.block("public init(\(parameters))") { w in
                for field in model.fields { w.line("self.\(field.name) = \(field.name)") }
            }
            w.line()
            w.line("public var primaryKey: \(SwiftNames.type(of: key)) { \(key.name) }")
            w.line()
            w.line("public static let table = TableSchema(")
            w.indented { w in
                w.line("model: \(SwiftNames.stringLiteral(model.name)),")
                w.line("table: \(SwiftNames.stringLiteral(model.table)),")
                w.line("columns: [")
                w.indented { w in
                    for field in model.fields { w.line(columnSchema(field, in: schema) + ",") }
                }
                w.line("]")
            }
            w.line(")")
            w.line()
            w.block("public init(row: SQLRow) throws") { w in
                for (index, field) in model.fields.enumerated() {
                    w.line("\(field.name) = try row.decode(at: \(index))")
                }
            }
            w.line()
            w.block("public var rowValues: [SQLValue]") { w in
                w.line("[" + model.fields.map { "\($0.name).sqlValue" }.joined(separator: ", ") + "]")
            }
            writeRelations(model, in: schema, into: &w)
            w.line()
            w.doc(["Typed columns for filters and sorts: `\(model.name).Fields.\(model.fields[0].name).eq(…)`."])
            w.block("public enum Fields") { w in
                for field in model.fields {
                    w.line("public static let \(field.name) = FieldRef<\(model.name), \(SwiftNames.type(of: field))>(column: \(SwiftNames.stringLiteral(field.column)))")
                }
            }
        }
    }

    static func columnSchema(_ field: Field, in schema: ResolvedSchema) -> String {
        var arguments = [
            "field: \(SwiftNames.stringLiteral(field.name))",
            "column: \(SwiftNames.stringLiteral(field.column))",
            "type: \(SwiftNames.columnType(of: field))",
        ]
        if field.isOptional { arguments.append("isOptional: true") }
        if field.isPrimaryKey { arguments.append("isPrimaryKey: true") }
        if field.isAutoIncrement { arguments.append("isAutoIncrement: true") }
        if field.isUnique { arguments.append("isUnique: true") }
        if let managed = field.managed { arguments.append("managed: .\(managed.rawValue)") }
        if let reference = field.reference, let target = schema.model(named: reference.model),
           let column = target.field(named: reference.field)?.column {
            arguments.append(
                "reference: ColumnReference(model: \(SwiftNames.stringLiteral(target.name)), table: \(SwiftNames.stringLiteral(target.table)), "
                    + "column: \(SwiftNames.stringLiteral(column)))")
        }
        if !field.constraints.isEmpty {
            arguments.append("constraints: [\(field.constraints.map(SwiftNames.constraint).joined(separator: ", "))]")
        }
        return "ColumnSchema(\(arguments.joined(separator: ", ")))"
    }

    /// `relations` (from foreign keys, both sides) and `profiles`, when the model has any.
    static func writeRelations(_ model: Model, in schema: ResolvedSchema, into writer: inout CodeWriter) {
        let relations: [String] = model.relations.compactMap { relation in
            guard let other = schema.model(named: relation.model) else { return nil }
            switch relation.kind {
            case .hasMany:
                guard let foreignKey = other.field(named: relation.foreignKey) else { return nil }
                return ".hasMany(\(SwiftNames.stringLiteral(relation.name)), \(other.name).self, "
                    + "foreignKey: \(SwiftNames.stringLiteral(foreignKey.column)), localKey: \(SwiftNames.stringLiteral(model.primaryKey.column)))"
            case .belongsTo:
                guard let foreignKey = model.field(named: relation.foreignKey) else { return nil }
                return ".belongsTo(\(SwiftNames.stringLiteral(relation.name)), \(other.name).self, "
                    + "foreignKey: \(SwiftNames.stringLiteral(foreignKey.column)), targetKey: \(SwiftNames.stringLiteral(other.primaryKey.column)))"
            }
        }
        if !relations.isEmpty {
            writer.line()
            writer.line("public static let relations: [RelationSpec] = [")
            writer.indented { w in relations.forEach { w.line($0 + ",") } }
            writer.line("]")
        }
        guard !model.profiles.isEmpty else { return }
        writer.line()
        writer.line("public static let profiles: [ProfileSpec] = [")
        writer.indented { w in
            for profile in model.profiles {
                let includes = profile.includes.map(SwiftNames.stringLiteral).joined(separator: ", ")
                let computed = profile.computed.map { item in
                    ".\(item.kind.rawValue)(name: \(SwiftNames.stringLiteral(item.name)), relation: \(SwiftNames.stringLiteral(item.relation)))"
                }.joined(separator: ", ")
                w.line("ProfileSpec(name: \(SwiftNames.stringLiteral(profile.name)), includes: [\(includes)], computed: [\(computed)]),")
            }
        }
        writer.line("]")
    }

    // MARK: Inputs

    static func writeCreateInput(_ model: Model, into writer: inout CodeWriter) {
        let fields = createFields(model)
        writer.doc(["The fields a client sends to create a `\(model.name)`."])
        writer.block("public struct \(createType(model)): LoomInput") { w in
            for field in fields {
                w.doc(field.doc)
                w.line("public var \(field.name): \(SwiftNames.type(of: field))")
            }
            w.line()
            let parameters = fields.map { field in
                let defaultValue = field.defaultValue.map { " = " + SwiftNames.literal($0, for: field.type) } ?? (field.isOptional ? " = nil" : "")
                return "\(field.name): \(SwiftNames.type(of: field))\(defaultValue)"
            }
            w.block("public init(\(parameters.joined(separator: ", ")))") { w in
                for field in fields { w.line("self.\(field.name) = \(field.name)") }
            }
            w.line()
            writeFieldNamesAndKeys(fields, into: &w)
            w.line()
            w.block("public init(from decoder: any Decoder) throws") { w in
                w.line(fields.isEmpty ? "_ = decoder" : "let container = try decoder.container(keyedBy: CodingKeys.self)")
                for field in fields { w.line("\(field.name) = \(decodeExpression(field))") }
            }
            w.line()
            w.block("public var assignments: [ColumnAssignment]") { w in
                if fields.isEmpty {
                    w.line("[]")
                } else {
                    w.line("[")
                    w.indented { w in
                        for field in fields {
                            w.line("ColumnAssignment(\(SwiftNames.stringLiteral(field.column)), \(field.name).sqlValue),")
                        }
                    }
                    w.line("]")
                }
            }
        }
    }

    /// Required fields must be present; optional ones may be absent or null; a default applies only when absent.
    static func decodeExpression(_ field: Field) -> String {
        let type = SwiftNames.wrappedType(of: field)
        let key = "." + field.name
        switch (field.isOptional, field.defaultValue) {
        case (false, nil):
            return "try container.decode(\(type).self, forKey: \(key))"
        case (false, let value?):
            return "try container.decodeIfPresent(\(type).self, forKey: \(key)) ?? \(SwiftNames.literal(value, for: field.type))"
        case (true, nil):
            return "try container.decodeIfPresent(\(type).self, forKey: \(key))"
        case (true, let value?):
            return "container.contains(\(key)) ? try container.decodeIfPresent(\(type).self, forKey: \(key)) : \(SwiftNames.literal(value, for: field.type))"
        }
    }

    static func writeUpdateInput(_ model: Model, into writer: inout CodeWriter) {
        let fields = updateFields(model)
        writer.doc(["A PATCH of a `\(model.name)`: only the fields sent are written; `null` clears a nullable field."])
        writer.block("public struct \(updateType(model)): LoomInput") { w in
            for field in fields {
                w.doc(field.doc)
                w.line("public var \(field.name): Patch<\(SwiftNames.wrappedType(of: field))>")
            }
            w.line()
            let parameters = fields.map { "\($0.name): Patch<\(SwiftNames.wrappedType(of: $0))> = .absent" }
            w.block("public init(\(parameters.joined(separator: ", ")))") { w in
                for field in fields { w.line("self.\(field.name) = \(field.name)") }
            }
            w.line()
            writeFieldNamesAndKeys(fields, into: &w)
            w.line()
            w.block("public init(from decoder: any Decoder) throws") { w in
                w.line(fields.isEmpty ? "_ = decoder" : "let container = try decoder.container(keyedBy: CodingKeys.self)")
                for field in fields {
                    let type = SwiftNames.wrappedType(of: field)
                    w.line("\(field.name) = try container.decodePatch(\(type).self, forKey: .\(field.name), nullable: \(field.isOptional))")
                }
            }
            w.line()
            w.block("public var assignments: [ColumnAssignment]") { w in
                w.line(fields.isEmpty ? "let assignments: [ColumnAssignment] = []" : "var assignments: [ColumnAssignment] = []")
                for field in fields {
                    w.line("\(field.name).append(to: &assignments, column: \(SwiftNames.stringLiteral(field.column)))")
                }
                w.line("return assignments")
            }
        }
    }

    static func writeFieldNamesAndKeys(_ fields: [Field], into writer: inout CodeWriter) {
        let names = fields.map { SwiftNames.stringLiteral($0.name) }.joined(separator: ", ")
        writer.line("public static let fieldNames: Set<String> = [\(names)]")
        guard !fields.isEmpty else { return }
        writer.line()
        writer.block("private enum CodingKeys: String, CodingKey") { w in
            w.line("case " + fields.map(\.name).joined(separator: ", "))
        }
    }

    // MARK: Enums

    static func writeEnum(_ type: EnumType, into writer: inout CodeWriter) {
        writer.doc(type.doc.isEmpty ? ["The cases of `\(type.name)`, stored by name."] : type.doc)
        writer.block("public enum \(type.name): String, LoomEnum") { w in
            w.line("case " + type.cases.joined(separator: ", "))
        }
    }

    // MARK: Repository

    static func writeRepositoryHelpers(_ model: Model, into writer: inout CodeWriter) {
        writer.line("public typealias \(model.name)Repository = Repository<\(model.name)>")
        let finders = model.fields.filter { $0.isUnique && !$0.isPrimaryKey }
        guard !finders.isEmpty else { return }
        writer.line()
        writer.block("extension Repository where Model == \(model.name)") { w in
            for (index, field) in finders.enumerated() {
                if index > 0 { w.line() }
                w.doc(["The `\(model.name)` whose `\(field.name)` is `\(field.name)`, if any."])
                let type = SwiftNames.wrappedType(of: field)
                w.block("public func find(\(SwiftNames.finderLabel(field)) \(field.name): \(type)) async throws -> \(model.name)?") { w in
                    w.line("try await find(where: \(SwiftNames.stringLiteral(field.column)), equals: \(field.name).sqlValue)")
                }
            }
        }
    }
}
