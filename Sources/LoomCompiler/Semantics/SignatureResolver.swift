/// The parameters and result of a use case or job. `body` must be a command and `query` a model; both are taken
/// out of the parameter list into their own slots.
struct Signature {
    var parameters: [Parameter] = []
    var body: Command?
    var query: String?
    var result: ResultType = .none
}

struct SignatureResolver {
    let types: ValueTypeResolver
    let commands: [String: Command]
    var diagnostics: [Diagnostic] = []

    /// `owner` is how messages name the declaration: `use case 'CreateAddress'`.
    mutating func resolve(_ parameters: [ParameterDeclaration], result: TypeReference?, owner: String) -> Signature {
        var signature = Signature()
        var firstLine: [String: Int] = [:]
        for parameter in parameters {
            let name = parameter.name.name
            if let line = firstLine[name] {
                diagnostics.append(.error(
                    .duplicateField, "duplicate parameter '\(name)' in \(owner)", at: parameter.name.range,
                    hint: "'\(name)' is first declared at line \(line)"
                ))
                continue
            }
            firstLine[name] = parameter.name.range.start.line
            if let problem = NameRules.checkFieldName(parameter.name) { diagnostics.append(problem) }
            guard let reference = parameter.type, let type = types.resolve(reference, diagnostics: &diagnostics) else {
                continue
            }
            switch name {
            case "body":
                guard case .command(let command) = type, !reference.isOptional else {
                    diagnostics.append(.error(
                        .invalidSpecialParameter, "'body' must be a command, not '\(spelling(reference, type))'",
                        at: reference.range, hint: "declare a command and write body: ThatCommand"
                    ))
                    continue
                }
                signature.body = commands[command]
            case "query":
                guard case .model(let model) = type, !reference.isOptional else {
                    diagnostics.append(.error(
                        .invalidSpecialParameter, "'query' must be a model, not '\(spelling(reference, type))'",
                        at: reference.range, hint: "name the model whose rows the query filters: query: SomeModel"
                    ))
                    continue
                }
                signature.query = model
            default:
                signature.parameters.append(Parameter(name: name, type: type, range: parameter.range))
            }
        }
        if let result { signature.result = resolveResult(result, query: signature.query) }
        return signature
    }

    private func spelling(_ reference: TypeReference, _ type: ValueType) -> String {
        type.schemaSpelling + (reference.isOptional ? "?" : "")
    }

    /// `Model`, `Page(Model)`, `Command` or a scalar; `Page(M)` needs `query: M`, the list it pages.
    private mutating func resolveResult(_ reference: TypeReference, query: String?) -> ResultType {
        if let mark = reference.optionalMark {
            diagnostics.append(.error(
                .invalidResultType, "a result cannot be optional", at: mark,
                hint: "a missing row is a 404 from 'require' or 'load'; remove the '?'"
            ))
            return .none
        }
        if let brackets = reference.listBrackets {
            diagnostics.append(.error(
                .invalidResultType, "a result cannot be a list", at: brackets,
                hint: "return Page(\(reference.name.name)) with a 'query: \(reference.name.name)' parameter, or a command holding the list"
            ))
            return .none
        }
        if reference.name.name == "Page" && !types.commandNames.contains("Page") && !types.modelNames.contains("Page") {
            return resolvePage(reference, query: query)
        }
        guard let type = types.resolve(reference, diagnostics: &diagnostics) else { return .none }
        switch type {
        case .scalar(let scalar): return .scalar(scalar)
        case .model(let model): return .entity(model)
        case .command(let command): return .command(command)
        case .list: return .none  // excluded above
        }
    }

    private mutating func resolvePage(_ reference: TypeReference, query: String?) -> ResultType {
        guard let arguments = reference.arguments, arguments.arguments.count == 1,
            case .identifier(let model) = arguments.arguments[0].value
        else {
            diagnostics.append(.error(
                .invalidResultType, "'Page' takes one model", at: reference.arguments?.range ?? reference.name.range,
                hint: "write Page(\(query ?? "SomeModel"))"
            ))
            return .none
        }
        let argument = arguments.arguments[0]
        guard types.modelNames.contains(model) else {
            let hint = Suggestions.didYouMean(model, among: types.modelNames)
            diagnostics.append(.error(.unknownModel, "unknown model '\(model)'", at: argument.range, hint: hint))
            return .none
        }
        guard query == model else {
            diagnostics.append(.error(
                .invalidResultType, "'Page(\(model))' needs a 'query: \(model)' parameter", at: reference.range,
                hint: query.map { "the query is of '\($0)'; page that model" } ?? "add query: \(model) to the parameters"
            ))
            return .none
        }
        return .page(model)
    }
}
