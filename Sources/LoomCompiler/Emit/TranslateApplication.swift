/// The behaviour half of a schema as Swift (`loom-application.swift`, data layer only, no HTTP): the repositories,
/// the application facade (`StoreApplication`: every use case, repository and job entry point), the `check`
/// predicates the user writes, and each use case's input, protocol and context.
enum TranslateApplication {
    static func translate(_ schema: ResolvedSchema) -> [SwiftDeclaration] {
        [repositories(schema), application(schema), schemaJobs(schema)] + implementations(schema) + checks(schema)
            + computes(schema)
            + TranslateService.translate(schema)
            + schema.useCases.flatMap { TranslateUseCase.translate($0, in: schema) }
            + schema.jobs.flatMap { TranslateJob.translate($0, in: schema) + TranslateCallback.events(of: $0, in: schema) }
            + schema.callbacks.flatMap { TranslateCallback.translate($0, in: schema) }
    }

    /// `StoreImplementations.updateUser`: the user's implementation of a use case, job or callback, made once.
    static func implementation(_ name: String, in schema: ResolvedSchema) -> String {
        Naming.implementationsType(schema.name) + "." + SwiftNames.safe(Naming.lowerFirst(name))
    }

    /// Every use case, job and callback the user writes, each made once with `init()` and shared by every call (they
    /// hold no state: that belongs in the database, and what they depend on in services).
    private static func implementations(_ schema: ResolvedSchema) -> [SwiftDeclaration] {
        let names = schema.useCases.map(\.name) + schema.jobs.map(\.name) + schema.callbacks.map(\.name)
        guard !names.isEmpty else { return [] }
        return [.documented(
            ["Your use cases, jobs and callbacks, each made once and shared by every call: state belongs in the database,",
             "and what they depend on in the schema's services."],
            .type(SwiftType(kind: .enum, access: .internal, name: Naming.implementationsType(schema.name), members: names.map { name in
                .variable(SwiftVariable(
                    access: .internal, isStatic: true, isConstant: true, name: SwiftNames.safe(Naming.lowerFirst(name)),
                    value: .raw("\(name)()")
                ))
            }))
        )]
    }

    /// The property naming a model's repository: its table in lowerCamelCase (`orderItems`).
    static func repositoryProperty(_ model: Model) -> String {
        SwiftNames.safe(Naming.camelCase(model.table))
    }

    private static func repositories(_ schema: ResolvedSchema) -> SwiftDeclaration {
        let type = Naming.repositoriesType(schema.name)
        var members: [SwiftDeclaration] = [
            .variable(SwiftVariable(isConstant: true, name: "database", type: "LoomRuntime.Database")),
            .function(SwiftFunction(
                kind: .initializer, parameters: [SwiftParameter(nil, "database", "LoomRuntime.Database")],
                body: [.line("self.database = database")]
            )),
        ]
        for model in schema.models where repositoryProperty(model) != "database" {
            members.append(.variable(SwiftVariable(
                name: repositoryProperty(model), type: "LoomRuntime.Repository<\(model.name)>",
                getter: [.line("database.repository(\(model.name).self)")]
            )))
        }
        return .documented(
            ["Every model's repository over one database: a use case's transaction, inside one."],
            .type(SwiftType(kind: .struct, name: type, conformances: ["Sendable"], members: members))
        )
    }

    /// Use cases run in a transaction unless declared `readonly`.
    private static func application(_ schema: ResolvedSchema) -> SwiftDeclaration {
        let type = Naming.applicationType(schema.name)
        var members: [SwiftDeclaration] = [
            .variable(SwiftVariable(isConstant: true, name: "scope", type: "LoomRuntime.UseCaseScope")),
            .function(SwiftFunction(
                kind: .initializer, parameters: [SwiftParameter(nil, "scope", "LoomRuntime.UseCaseScope")],
                body: [.line("self.scope = scope")]
            )),
            .documented(
                ["For tests, scripts and tools: use cases called with no request."],
                .function(SwiftFunction(
                    kind: .initializer, parameters: [SwiftParameter(nil, "database", "LoomRuntime.Database")],
                    body: [.line("self.init(scope: LoomRuntime.UseCaseScope(database: database))")]
                ))
            ),
            .variable(SwiftVariable(
                name: "repositories", type: Naming.repositoriesType(schema.name),
                getter: [.line("\(Naming.repositoriesType(schema.name))(database: scope.database)")]
            )),
        ]
        if !schema.services.isEmpty {
            members.insert(.documented(
                ["For tests, scripts and tools: use cases called with no request, with these services (fakes, say)."],
                .function(SwiftFunction(
                    kind: .initializer,
                    parameters: [
                        SwiftParameter(nil, "database", "LoomRuntime.Database"),
                        SwiftParameter(nil, "services", Naming.servicesType(schema.name)),
                    ],
                    body: [.line("self.init(scope: LoomRuntime.UseCaseScope(database: database.with(services: services)))")]
                ))
            ), at: 3)
        }
        for useCase in schema.useCases {
            members.append(TranslateUseCase.facadeMethod(useCase, in: schema, transactional: !useCase.isReadOnly))
        }
        for job in schema.jobs {
            for method in TranslateJob.facadeMethods(job, in: schema) { members.append(.documented(method.doc, .function(method.function))) }
        }
        members.append(TranslateJob.definitions(in: schema))
        return .documented(
            [
                "The `\(schema.name)` application: every use case (the schema's statements, then your implementation), every",
                "repository, and each job's entry points. The HTTP routes call it; so can tests, scripts and jobs.",
            ],
            .type(SwiftType(kind: .struct, name: type, conformances: ["Sendable"], members: members))
        )
    }

    /// The schema type's `jobs`, which `LoomServer` hands to its worker.
    private static func schemaJobs(_ schema: ResolvedSchema) -> SwiftDeclaration {
        .extension(SwiftExtension(type: Naming.schemaType(schema.name), members: [
            .variable(SwiftVariable(
                isStatic: true, name: "jobs", type: "[LoomRuntime.JobDefinition]",
                getter: [.line("\(Naming.applicationType(schema.name)).jobs")]
            )),
        ]))
    }

    /// `protocol StoreCheckFunctions` with one requirement per `check` predicate, and the `enum StoreChecks` that
    /// must satisfy it: the user writes each predicate in `extension StoreChecks`, and a missing one is a build error
    /// naming it. Internal, so the user's predicates need no `public`.
    private static func checks(_ schema: ResolvedSchema) -> [SwiftDeclaration] {
        let requirements = checkRequirements(schema).map { requirement in
            SwiftDeclaration.documented(
                [
                    "`check \(requirement.spelling)` in `\(requirement.useCase)`; false reports",
                    "\"\(requirement.message)\".",
                ],
                .function(requirement.function)
            )
        }
        guard !requirements.isEmpty else { return [] }
        let protocolName = Naming.checkFunctionsProtocol(schema.name)
        let checksName = Naming.checksType(schema.name)
        return [
            .documented(
                ["The `check` predicates of the schema's use cases. Write each one as a `static func` in", "`extension \(checksName)`."],
                .type(SwiftType(kind: .protocol, access: .internal, name: protocolName, members: requirements))
            ),
            .documented(
                ["Where your `check` predicates live (see `\(protocolName)`)."],
                .type(SwiftType(kind: .enum, access: .internal, name: checksName, conformances: [protocolName]))
            ),
        ]
    }

    /// Each `check` predicate once (where it is first used): its static function without a body, as the protocol
    /// requires it and as `loomgen scaffold` writes it (with one).
    static func checkRequirements(_ schema: ResolvedSchema) -> [CheckRequirement] {
        var requirements: [CheckRequirement] = []
        var seen: Set<String> = []
        for useCase in schema.useCases {
            for case .predicate(let function, let arguments, _, let message, _, _, let range) in useCase.rules where !seen.contains(function) {
                seen.insert(function)
                var (parameters, spellings) = userFunctionParameters(arguments, in: useCase, schema: schema, reserving: ["repositories"])
                parameters.append(SwiftParameter(nil, "repositories", Naming.repositoriesType(schema.name)))
                requirements.append(CheckRequirement(
                    name: function, useCase: useCase.name, spelling: "\(function)(\(spellings.joined(separator: ", ")))",
                    message: message, range: range,
                    function: SwiftFunction(
                        access: .internal, isStatic: true, kind: .function(function), parameters: parameters,
                        isAsync: true, isThrowing: true, returnType: "Bool", body: nil
                    )
                ))
            }
        }
        return requirements
    }
}

extension TranslateApplication {
    /// `protocol StoreComputeFunctions` with one requirement per `compute` function, and `enum StoreComputes` that must
    /// satisfy it, as for `check` predicates: a missing or mistyped function is a build error naming it.
    fileprivate static func computes(_ schema: ResolvedSchema) -> [SwiftDeclaration] {
        let requirements = computeRequirements(schema).map { requirement in
            SwiftDeclaration.documented(
                ["`compute \(requirement.spelling)` in `\(requirement.useCase)`."], .function(requirement.function))
        }
        guard !requirements.isEmpty else { return [] }
        let protocolName = Naming.computeFunctionsProtocol(schema.name)
        let computesName = Naming.computesType(schema.name)
        return [
            .documented(
                ["The `compute` functions of the schema's use cases. Write each one as a `static func` in", "`extension \(computesName)`."],
                .type(SwiftType(kind: .protocol, access: .internal, name: protocolName, members: requirements))
            ),
            .documented(
                ["Where your `compute` functions live (see `\(protocolName)`)."],
                .type(SwiftType(kind: .enum, access: .internal, name: computesName, conformances: [protocolName]))
            ),
        ]
    }

    /// Each `compute` function once (where it is first used): its values in, the field's type out.
    static func computeRequirements(_ schema: ResolvedSchema) -> [CheckRequirement] {
        var requirements: [CheckRequirement] = []
        var seen: Set<String> = []
        for useCase in schema.useCases {
            let command = useCase.body.flatMap(schema.command(named:))
            for compute in useCase.computes {
                guard case .call(let function, let arguments) = compute.value, !seen.contains(function),
                    let field = command?.fields.first(where: { $0.name == compute.field })
                else { continue }
                seen.insert(function)
                let (parameters, spellings) = userFunctionParameters(arguments, in: useCase, schema: schema, reserving: [])
                requirements.append(CheckRequirement(
                    name: function, useCase: useCase.name,
                    spelling: "body.\(compute.field) = \(function)(\(spellings.joined(separator: ", ")))", message: "",
                    range: compute.range,
                    function: SwiftFunction(
                        access: .internal, isStatic: true, kind: .function(function), parameters: parameters,
                        isAsync: true, isThrowing: true, returnType: SwiftNames.swiftType(field.type), body: nil
                    )
                ))
            }
        }
        return requirements
    }
}

extension TranslateApplication {
    /// The unlabelled parameters of a function the user writes (a `check` predicate, a `compute` function), one per
    /// value it receives and named after it, and the values as the schema spells them.
    static func userFunctionParameters(
        _ arguments: [ValueSource], in useCase: UseCase, schema: ResolvedSchema, reserving reserved: Set<String>
    ) -> (parameters: [SwiftParameter], spellings: [String]) {
        var labels = reserved
        var parameters: [SwiftParameter] = []
        var spellings: [String] = []
        for argument in arguments {
            let value = StatementValue(argument, useCase: useCase, schema: schema, binding: "value")
            let name = SwiftNames.fresh(value.field, avoiding: labels)
            labels.insert(name)
            parameters.append(SwiftParameter("_", SwiftNames.safe(name), value.type))
            spellings.append(value.spelling)
        }
        return (parameters, spellings)
    }
}

/// A `check` predicate or `compute` function the user writes: `static func differentAccounts(_ fromId: Int, _ toId: Int, repositories:)`.
struct CheckRequirement {
    var name: String
    /// The use case that uses it first.
    var useCase: String
    /// `differentAccounts(body.fromId, body.toId)`, as the schema writes it.
    var spelling: String
    var message: String
    var range: SourceRange
    /// Without a body.
    var function: SwiftFunction
}
