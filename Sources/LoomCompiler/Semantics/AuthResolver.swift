/// Checks the schema's `auth` declaration and turns it into the IR `Principal`. A principal field is read from one
/// JWT claim (or set by a custom authenticator), so it holds one plain value: no lists, no models, no dates.
enum AuthResolver {
    struct Output {
        /// The first `auth` declaration, resolved as far as it could be; nil when the schema declares none.
        var auth: Principal?
        var diagnostics: [Diagnostic]
    }

    /// The longest clock skew a `leeway` may allow, in seconds: an hour is already generous.
    static let maxLeewaySeconds = 3600
    /// What a principal field may be, as hints list it.
    static let allowedTypes = "Int, Int32, String(n), Text, Bool, UUID or an enum"

    static func resolve(
        _ declarations: [(declaration: Declaration, fileName: String)], modelNames: Set<String>, enums: [EnumType]
    ) -> Output {
        var output = Output(auth: nil, diagnostics: [])
        var first: AuthDeclaration?
        for entry in declarations {
            guard case .auth(let declaration) = entry.declaration else { continue }
            if let first {
                output.diagnostics.append(.error(
                    .duplicateAuth, "a schema has one 'auth' declaration, and this is a second",
                    at: declaration.keyword.range,
                    hint: "the first is at \(first.keyword.range.file):\(first.keyword.range.start.line); merge the two"
                ))
                continue
            }
            first = declaration
            let types = TypeResolver(modelNames: modelNames, enumNames: Set(enums.map(\.name)))
            output.auth = resolve(declaration, fileName: entry.fileName, types: types, diagnostics: &output.diagnostics)
        }
        return output
    }

    private static func resolve(
        _ declaration: AuthDeclaration, fileName: String, types: TypeResolver, diagnostics: inout [Diagnostic]
    ) -> Principal {
        if declaration.fields.isEmpty {
            diagnostics.append(.error(
                .emptyAuth, "'auth' declares no fields", at: declaration.keyword.range,
                hint: "add the caller's key, e.g. 'id Int @claim(\"sub\")'"
            ))
        }
        var fields: [Principal.Field] = []
        var seen: [String: FieldDeclaration] = [:]
        for field in declaration.fields {
            if let first = seen[field.name.name] {
                diagnostics.append(.error(
                    .duplicateField, "duplicate field '\(field.name.name)' in auth", at: field.name.range,
                    hint: "'\(field.name.name)' is first declared at line \(first.name.range.start.line)"
                ))
                continue
            }
            seen[field.name.name] = field
            if let problem = NameRules.checkFieldName(field.name) { diagnostics.append(problem) }
            let claim = resolveClaim(field, diagnostics: &diagnostics)
            guard let reference = field.type, let type = resolveType(field, reference, types: types, diagnostics: &diagnostics)
            else { continue }
            fields.append(Principal.Field(
                name: field.name.name, claim: claim, type: type, isOptional: reference.isOptional, doc: field.doc,
                range: field.range
            ))
        }
        return Principal(
            fields: fields, jwt: resolveJWT(declaration.jwtBlocks, diagnostics: &diagnostics), doc: declaration.doc,
            file: fileName, range: declaration.range
        )
    }

    /// Nil (reported) for a type a claim cannot carry.
    private static func resolveType(
        _ field: FieldDeclaration, _ reference: TypeReference, types: TypeResolver, diagnostics: inout [Diagnostic]
    ) -> ScalarType? {
        if let brackets = reference.listBrackets {
            diagnostics.append(.error(
                .invalidPrincipalField, "principal field '\(field.name.name)' cannot be a list", at: brackets,
                hint: "a claim carries one value: a principal field is \(allowedTypes)"
            ))
            return nil
        }
        switch types.resolve(reference, owner: "auth", diagnostics: &diagnostics) {
        case nil:
            return nil
        case .relation(let model):
            diagnostics.append(.error(
                .invalidPrincipalField, "principal field '\(field.name.name)' cannot be model '\(model)'",
                at: reference.name.range, hint: "hold the key instead, e.g. '\(Naming.lowerFirst(model))Id Int'"
            ))
            return nil
        case .scalar(let scalar):
            switch scalar {
            case .int, .int32, .string, .text, .bool, .uuid, .enumeration:
                return scalar
            default:
                diagnostics.append(.error(
                    .invalidPrincipalField, "principal field '\(field.name.name)' cannot be '\(scalar.schemaSpelling)'",
                    at: reference.range, hint: "a principal field is \(allowedTypes)"
                ))
                return nil
            }
        }
    }

    /// `@claim("name")`; the field's own name without one. Any other attribute is reported.
    private static func resolveClaim(_ field: FieldDeclaration, diagnostics: inout [Diagnostic]) -> String {
        var claim: String?
        for attribute in field.attributes {
            guard attribute.name.name == "claim" else {
                diagnostics.append(.error(
                    .invalidClaim, "'@\(attribute.name.name)' does not apply to a principal field", at: attribute.range,
                    hint: Suggestions.didYouMean(attribute.name.name, among: ["claim"], prefix: "@")
                        ?? "a principal field takes only @claim(\"name\"), the claim it is read from"
                ))
                continue
            }
            guard claim == nil else {
                diagnostics.append(.error(
                    .duplicateAttribute, "duplicate attribute '@claim'", at: attribute.range, hint: "remove one of them"
                ))
                continue
            }
            guard let arguments = attribute.arguments?.arguments, arguments.count == 1, arguments[0].label == nil,
                case .string(let name) = arguments[0].value, !name.isEmpty
            else {
                diagnostics.append(.error(
                    .invalidClaim, "'@claim' takes one string, the name of the claim", at: attribute.arguments?.range ?? attribute.range,
                    hint: "write @claim(\"\(field.name.name)\")"
                ))
                claim = field.name.name
                continue
            }
            claim = name
        }
        return claim ?? field.name.name
    }

    /// The first `jwt` block's settings; nil without one.
    private static func resolveJWT(_ blocks: [JWTBlockSyntax], diagnostics: inout [Diagnostic]) -> Principal.JWTSettings? {
        guard let block = blocks.first else { return nil }
        for extra in blocks.dropFirst() {
            diagnostics.append(.error(
                .duplicateAttribute, "'jwt' is given twice in auth", at: extra.keyword.range,
                hint: "merge it into the first, at line \(block.keyword.range.start.line)"
            ))
        }
        var settings = Principal.JWTSettings()
        var seen: Set<String> = []
        for setting in block.settings {
            let name = setting.name.name
            guard Keywords.jwtSettings.contains(name) else {
                diagnostics.append(.error(
                    .unknownJWTSetting, "unknown jwt setting '\(name)'; expected " + Suggestions.list(Keywords.jwtSettings),
                    at: setting.name.range, hint: Suggestions.didYouMean(name, among: Keywords.jwtSettings)
                ))
                continue
            }
            guard seen.insert(name).inserted else {
                diagnostics.append(.error(
                    .duplicateAttribute, "jwt setting '\(name)' is given twice", at: setting.name.range, hint: "remove one of them"
                ))
                continue
            }
            guard let value = setting.value else { continue }
            switch (name, value.value) {
            case ("issuer", .string(let text)):
                settings.issuer = text
            case ("audience", .string(let text)):
                settings.audience = text
            case ("leeway", .integer(let seconds)):
                guard (0...maxLeewaySeconds).contains(seconds) else {
                    diagnostics.append(.error(
                        .invalidJWTSetting, "leeway must be between 0 and \(maxLeewaySeconds) seconds, not \(seconds)",
                        at: value.range, hint: "a few seconds of clock skew is usual: leeway 30"
                    ))
                    continue
                }
                settings.leewaySeconds = seconds
            case ("leeway", _):
                diagnostics.append(.error(
                    .invalidJWTSetting, "leeway takes a whole number of seconds, not \(value.text)", at: value.range,
                    hint: "write leeway 30"
                ))
            default:
                diagnostics.append(.error(
                    .invalidJWTSetting, "\(name) takes a string, not \(value.text)", at: value.range,
                    hint: "write \(name) \"\(value.text)\""
                ))
            }
        }
        return settings
    }
}
