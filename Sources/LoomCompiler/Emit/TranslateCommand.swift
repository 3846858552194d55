/// Every input type: a declared `command` and a model's synthesised `Create` and `Update` alike. One translator, one
/// presence semantics, and one generated check that reports every violation of a body at once — presence, null and
/// type while decoding, then the constraints of each field that decoded — for HTTP bodies and Swift callers alike.
enum TranslateCommand {
    /// The command's type (its fields and JSON coding, which a client imports) and the server's side: its conformance
    /// to `LoomCommand` (field names, constraint checks) or, for a model's input, `LoomInput` (and the columns it
    /// writes). `parent`: the model a `Create` or `Update` is nested in.
    static func translate(_ command: Command, in parent: String? = nil) -> TypeDeclarations {
        let fields = command.fields
        let name = SwiftNames.safe(command.name)
        var type: [SwiftDeclaration] = fields.map { field in
            documented(field.doc, .variable(SwiftVariable(name: SwiftNames.safe(field.name), type: propertyType(field))))
        }
        type.append(memberwiseInit(fields))
        // Keys are `LoomValues.FieldKey` strings: no `CodingKeys` enum per type (see FieldKey).
        if !fields.isEmpty {
            type.append(decodingInit(fields))
            type.append(encode(fields))
        }
        // Computed, not a stored `static let`: one function for the compiler instead of three (the global, its
        // initializer and its accessor); the runtime reads it once per request.
        var server: [SwiftDeclaration] = [.variable(SwiftVariable(
            isStatic: true, name: "fieldNames", type: "Set<String>",
            getter: [.expression(prefix: "", .array(fields.map { .raw(SwiftNames.stringLiteral($0.name)) }))]
        ))]
        server.append(violations(fields))
        if case .declared = command.origin {} else { server.append(assignments(command)) }
        let conformance = command.origin == .declared ? "LoomRuntime.LoomCommand" : "LoomRuntime.LoomInput"
        let declaration = documented(
            command.doc,
            .type(SwiftType(kind: .struct, name: name, conformances: ["Codable", "Sendable", "Equatable"], members: type))
        )
        let qualified = parent.map { $0 + "." + name } ?? name
        return TypeDeclarations(
            type: declaration,
            server: [.extension(SwiftExtension(type: qualified, conformances: [conformance], members: server))]
        )
    }

    static func documented(_ doc: [String], _ declaration: SwiftDeclaration) -> SwiftDeclaration {
        doc.isEmpty ? declaration : .documented(doc, declaration)
    }

    // MARK: Types and presence

    /// The property's type: `T`, `T?` for a nullable field, `Patch<T>` for a PATCH field.
    static func propertyType(_ field: Command.Field) -> String {
        let base = SwiftNames.swiftType(field.type)
        if field.presence == .patch { return "LoomValues.Patch<\(base)>" }
        return field.isOptional ? base + "?" : base
    }

    private static func memberwiseInit(_ fields: [Command.Field]) -> SwiftDeclaration {
        let parameters = fields.map { field -> SwiftParameter in
            let defaultValue: String? =
                switch field.presence {
                case .patch: ".absent"
                case .optional, .required:
                    if let value = field.defaultValue, case .scalar(let type) = field.type {
                        SwiftNames.literal(value, for: type)
                    } else {
                        field.isOptional ? "nil" : nil
                    }
                }
            return SwiftParameter(nil, SwiftNames.safe(field.name), propertyType(field), default: defaultValue)
        }
        return .function(SwiftFunction(
            kind: .initializer, parameters: parameters,
            body: fields.map { .line("self.\(SwiftNames.safe($0.name)) = \(SwiftNames.safe($0.name))") }
        ))
    }

    // MARK: Decoding and encoding

    /// Decodes every field, collecting each shape problem instead of stopping at the first; throws one 422
    /// `validation_error` listing all of them. Constraints are rules, checked later by `violations(in:)` (after a use
    /// case's guards, so a 404 comes before a 422).
    private static func decodingInit(_ fields: [Command.Field]) -> SwiftDeclaration {
        let taken = Set(fields.map(\.name))
        let container = SwiftNames.fresh("container", avoiding: taken)
        let violations = SwiftNames.fresh("violations", avoiding: taken)
        var body: [SwiftStatement] = [
            .line("let \(container) = try decoder.container(keyedBy: LoomValues.FieldKey.self)"),
            .line("var \(violations) = LoomValues.Violations()"),
        ]
        for field in fields {
            let name = SwiftNames.safe(field.name)
            let type = SwiftNames.swiftType(field.type)
            let key = SwiftNames.stringLiteral(field.name)
            let call: String
            switch field.presence {
            case .patch:
                call = "patch(\(type).self, \(key), in: \(container), nullable: \(field.isOptional))"
            case .required where !field.isOptional:
                call = "required(\(type).self, \(key), in: \(container))"
            case .required, .optional:
                let defaultValue = field.defaultValue.flatMap { value -> String? in
                    guard case .scalar(let scalar) = field.type else { return nil }
                    return SwiftNames.literal(value, for: scalar)
                }
                if field.isOptional {
                    call = "nullable(\(type).self, \(key), in: \(container)" + (defaultValue.map { ", default: \($0))" } ?? ")")
                } else {
                    call = "optional(\(type).self, \(key), in: \(container), default: \(defaultValue ?? "nil"))"
                }
            }
            body.append(.line("let \(name) = \(violations).\(call)"))
        }
        body.append(.guard(fields.map { "let " + SwiftNames.safe($0.name) } + ["\(violations).isEmpty"], else: "throw \(violations).failure"))
        body.append(.expression(prefix: "", .call("self.init", fields.map {
            SwiftArgument(SwiftNames.label($0.name), .raw(SwiftNames.safe($0.name)))
        })))
        return .function(SwiftFunction(
            kind: .initializer, parameters: [SwiftParameter("from", "decoder", "any Decoder")], isThrowing: true, body: body
        ))
    }

    private static func encode(_ fields: [Command.Field]) -> SwiftDeclaration {
        var body: [SwiftStatement] = [.line("var container = encoder.container(keyedBy: LoomValues.FieldKey.self)")]
        for field in fields {
            let method = field.presence == .patch
                ? "encodePatch" : FieldEncoding.method(holdsUUIDs: field.type.holdsUUIDs, ifPresent: false)
            body.append(.line("try container.\(method)(self.\(SwiftNames.safe(field.name)), \(SwiftNames.stringLiteral(field.name)))"))
        }
        return .function(SwiftFunction(
            kind: .function("encode"), parameters: [SwiftParameter("to", "encoder", "any Encoder")], isThrowing: true,
            body: body
        ))
    }

    // MARK: Constraints

    /// The runtime constraints of a field: its declared ones, plus the length of a `String(n)` and the integer digits
    /// of a `Decimal(p, s)`.
    static func constraints(of field: Command.Field) -> [String] {
        var constraints: [String] = []
        if case .scalar(.string(let maxLength)) = field.type,
           !field.constraints.contains(where: { if case .maxLength = $0.kind { true } else { false } }) {
            constraints.append(SwiftNames.constraint(.maxLength(maxLength)))
        }
        if case .scalar(.decimal(let precision, let scale)) = field.type {
            constraints.append(SwiftNames.constraint(.decimal(precision: precision, scale: scale)))
        }
        return constraints + field.constraints.map(SwiftNames.constraint)
    }

    /// The statement that checks one field's value (constraints, or a nested command's own check), if it has any.
    private static func check(_ field: Command.Field, value: String, violations: String) -> SwiftStatement? {
        let name = SwiftNames.stringLiteral(field.name)
        switch field.type {
        case .command, .list(.command):
            return .line("\(violations).check(nested: \(value), field: \(name))")
        default:
            let constraints = constraints(of: field)
            guard !constraints.isEmpty else { return nil }
            // The list is written where it is checked, not kept in a static: a static is three functions to compile,
            // the list a few small values to build when a body is checked.
            return .expression(prefix: "", .call("\(violations).check", [
                SwiftArgument(nil, .raw(value)), SwiftArgument("field", .raw(name)),
                SwiftArgument(nil, .array(constraints.map { .raw($0) })),
            ]))
        }
    }

    private static func violations(_ fields: [Command.Field]) -> SwiftDeclaration {
        let checks = fields.compactMap { field -> SwiftStatement? in
            check(field, value: "input." + SwiftNames.safe(field.name), violations: "violations")
        }
        let body: [SwiftStatement] =
            checks.isEmpty
            ? [.line("[]")]
            : [.line("var violations = LoomRuntime.Violations()")] + checks + [.line("return violations.list")]
        return .documented(
            ["Every constraint the value breaks; empty when it is valid."],
            .function(SwiftFunction(
                isStatic: true, kind: .function("violations"), parameters: [SwiftParameter("in", "input", "Self")],
                returnType: "[LoomRuntime.LoomError.Violation]", body: body
            ))
        )
    }

    // MARK: Columns

    /// The columns a model's input writes: all of them for a create, the fields sent for a PATCH.
    private static func assignments(_ command: Command) -> SwiftDeclaration {
        let body: [SwiftStatement]
        if case .update = command.origin {
            let writes = command.fields.compactMap { field in
                field.column.map { SwiftStatement.line("input.\(SwiftNames.safe(field.name)).append(to: &assignments, column: \(SwiftNames.stringLiteral($0)))") }
            }
            body = [.line((writes.isEmpty ? "let" : "var") + " assignments: [LoomRuntime.ColumnAssignment] = []")] + writes
                + [.line("return assignments")]
        } else {
            body = [.expression(prefix: "", .array(command.fields.compactMap { field in
                field.column.map { .raw("LoomRuntime.ColumnAssignment(\(SwiftNames.stringLiteral($0)), input.\(SwiftNames.safe(field.name)).sqlValue)") }
            }))]
        }
        return .function(SwiftFunction(
            isStatic: true, kind: .function("assignments"), parameters: [SwiftParameter("of", "input", "Self")],
            returnType: "[LoomRuntime.ColumnAssignment]", body: body
        ))
    }
}
