/// Every top-level Swift name the generator will emit, reserved in one place: a declaration whose name equals one of
/// them would not compile (or would silently shadow it), so that is a located diagnostic here instead (L031).
enum GeneratedNames {
    /// Names generated code uses unqualified, or declares inside every model or command (`User.Create`,
    /// `User.Fields`): a schema type with one of these names would be shadowed there. Runtime types are
    /// spelled module-qualified (`LoomRuntime.Repository`), so `Repository`, `Filter` or `Patch` are fine.
    static let reserved: Set<String> = [
        // Modules generated code imports and qualifies with.
        "Swift", "Foundation", "LoomRuntime", "LoomHTTP", "Hummingbird",
        // Members every generated model or command declares.
        "Create", "Update", "Fields", "ID",
        // The generic parameter of the generated route registration.
        "Context",
        // Standard types generated code names unqualified (beyond the language's built-in types).
        "Set", "Array", "Dictionary", "Optional", "KeyPath", "Decoder", "Encoder", "CodingKey", "Codable",
        "Decodable", "Encodable", "Sendable", "Equatable", "Hashable", "Error", "Never", "Data", "Int64", "Result",
    ]

    /// Checks every declared type name against the names generated for the others.
    static func check(schemaName: String, models: [Model], declarations: [(declaration: Declaration, fileName: String)])
        -> [Diagnostic]
    {
        var generated: [String: String] = [
            Naming.schemaType(schemaName): "the schema's generated type",
            Naming.applicationType(schemaName): "the schema's generated application facade",
            Naming.schemaStatementsType(schemaName): "the schema's generated DDL",
            Naming.repositoriesType(schemaName): "the schema's generated repositories",
            Naming.checkFunctionsProtocol(schemaName): "the schema's generated check protocol",
            Naming.checksType(schemaName): "the type the schema's check predicates are written on",
            Naming.computeFunctionsProtocol(schemaName): "the schema's generated compute protocol",
            Naming.computesType(schemaName): "the type the schema's compute functions are written on",
            Naming.principalType(schemaName): "the schema's generated principal (its caller)",
            Naming.authenticatorType(schemaName): "the schema's generated authenticator protocol",
            Naming.servicesType(schemaName): "the schema's generated services (what the server is given)",
            Naming.implementationsType(schemaName): "the schema's generated table of implementations",
        ]
        for model in models { generated[model.name + "Repository"] = "the generated repository of model '\(model.name)'" }
        // Members of the application facade and the use-case contexts, named after use cases and jobs.
        var members: [String: String] = [:]
        for name in ["Scope", "Repositories", "RequestID", "Logger", "Database"] {
            members[name] = "a member every use-case context has"
        }
        for entry in declarations {
            switch entry.declaration {
            case .useCase(let useCase):
                let name = useCase.name.name
                generated[Naming.useCaseProtocol(name)] = "the generated protocol of use case '\(name)'"
                generated[Naming.useCaseInput(name)] = "the generated input of use case '\(name)'"
                generated[Naming.useCaseContext(name)] = "the generated context of use case '\(name)'"
            case .job(let job):
                let name = job.name.name
                members["Dispatch" + name] = "the generated dispatch method of job '\(name)'"
                members["Run" + name] = "the generated run method of job '\(name)'"
                generated[Naming.jobProtocol(name)] = "the generated protocol of job '\(name)'"
                generated[Naming.jobPayload(name)] = "the generated payload of job '\(name)'"
                generated[Naming.jobSucceeded(name)] = "the generated success event of job '\(name)'"
                generated[Naming.jobFailed(name)] = "the generated failure event of job '\(name)'"
                generated[Naming.useCaseInput(name)] = "the generated input of job '\(name)'"
                generated[Naming.useCaseContext(name)] = "the generated context of job '\(name)'"
            case .callback(let callback):
                let name = callback.name.name
                generated[Naming.callbackProtocol(name)] = "the generated protocol of callback '\(name)'"
                generated[Naming.useCaseContext(name)] = "the generated context of callback '\(name)'"
            default: continue
            }
        }

        var named: [(kind: String, name: String, range: SourceRange)] = []
        for entry in declarations {
            switch entry.declaration {
            case .model(let model): named.append(("model", model.name.name, model.name.range))
            case .enumeration(let enumeration): named.append(("enum", enumeration.name.name, enumeration.name.range))
            case .command(let command): named.append(("command", command.name.name, command.name.range))
            case .useCase(let useCase): named.append(("use case", useCase.name.name, useCase.name.range))
            case .job(let job): named.append(("job", job.name.name, job.name.range))
            case .callback(let callback): named.append(("callback", callback.name.name, callback.name.range))
            case .service(let service): named.append(("service", service.name.name, service.name.range))
            default: continue
            }
        }
        var diagnostics: [Diagnostic] = []
        for item in named where item.kind == "use case" {
            guard let owner = members[item.name] else { continue }
            diagnostics.append(.error(
                .generatedNameClash, "use case '\(item.name)' would have the name of \(owner) ('\(Naming.lowerFirst(item.name))')",
                at: item.range, hint: "rename the use case"
            ))
        }
        for item in named {
            if let owner = generated[item.name] {
                diagnostics.append(.error(
                    .generatedNameClash, "\(item.kind) '\(item.name)' has the name of \(owner)", at: item.range,
                    hint: "rename the \(item.kind)"
                ))
            } else if reserved.contains(item.name) {
                diagnostics.append(.error(
                    .generatedNameClash, "\(item.kind) '\(item.name)' has a name the generated Swift uses itself",
                    at: item.range, hint: "rename the \(item.kind), e.g. '\(item.name)Value'"
                ))
            }
        }
        return diagnostics
    }
}
