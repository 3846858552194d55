/// Checks a `service` declaration: its methods' names (unique, lowerCamelCase) and parameter types (any value type a
/// command field may have, a command or a model).
struct ServiceResolver {
    let types: ValueTypeResolver
    var diagnostics: [Diagnostic] = []

    mutating func resolve(_ declaration: ServiceDeclaration, fileName: String) -> Service {
        var methods: [Service.Method] = []
        var firstLine: [String: Int] = [:]
        for method in declaration.methods {
            let name = method.name.name
            if let line = firstLine[name] {
                diagnostics.append(.error(
                    .duplicateField, "duplicate method '\(name)' in service '\(declaration.name.name)'", at: method.name.range,
                    hint: "'\(name)' is first declared at line \(line)"
                ))
                continue
            }
            firstLine[name] = method.name.range.start.line
            if let problem = NameRules.checkFieldName(method.name) { diagnostics.append(problem) }
            var parameters: [Parameter] = []
            var parameterLines: [String: Int] = [:]
            for parameter in method.parameters {
                if let line = parameterLines[parameter.name.name] {
                    diagnostics.append(.error(
                        .duplicateField, "duplicate parameter '\(parameter.name.name)' in method '\(name)'",
                        at: parameter.name.range, hint: "'\(parameter.name.name)' is first declared at line \(line)"
                    ))
                    continue
                }
                parameterLines[parameter.name.name] = parameter.name.range.start.line
                if let problem = NameRules.checkFieldName(parameter.name) { diagnostics.append(problem) }
                guard let reference = parameter.type, let type = types.resolve(reference, diagnostics: &diagnostics) else { continue }
                parameters.append(Parameter(name: parameter.name.name, type: type, range: parameter.range))
            }
            let result = method.result.flatMap { types.resolve($0, diagnostics: &diagnostics) }
            methods.append(Service.Method(name: name, doc: method.doc, parameters: parameters, result: result, range: method.range))
        }
        return Service(name: declaration.name.name, doc: declaration.doc, methods: methods, file: fileName, range: declaration.range)
    }
}
