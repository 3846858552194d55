/// One job as Swift: its queued arguments (`SendRestockEmailPayload`, JSON), what the user's `struct SendRestockEmail`
/// receives (`SendRestockEmailInput`, with the rows its `load`s read), the protocol it conforms to
/// (`SendRestockEmailJob`), its context, the facade's `dispatch…`/`run…` methods, and its entry in the worker's table
/// (`StoreApplication.jobs`). A job's `load`s are a use case's guards, so it is translated through the same code.
enum TranslateJob {
    static func translate(_ job: Job, in schema: ResolvedSchema) -> [SwiftDeclaration] {
        let shape = useCaseShape(of: job)
        return [payload(job), TranslateUseCase.input(shape, in: schema), handlerProtocol(job), context(named: Naming.useCaseContext(job.name), doc: "`\(job.name)`", services: job.services, in: schema)]
    }

    /// A job read as a use case: parameters, payload as `body`, `load`s as guards, no rules.
    static func useCaseShape(of job: Job) -> UseCase {
        UseCase(
            name: job.name, parameters: job.parameters, body: job.payload, query: nil, guards: job.loads, rules: [],
            result: job.result, dispatches: [], invokes: [], doc: job.doc, file: job.file, range: job.range
        )
    }

    /// The arguments of a dispatch, as `(name, Swift type)`: the parameters, then `body`.
    static func arguments(of job: Job) -> [(name: String, type: String)] {
        job.parameters.map { ($0.name, SwiftNames.swiftType($0.type)) } + (job.payload.map { [("body", $0)] } ?? [])
    }

    private static func payload(_ job: Job) -> SwiftDeclaration {
        let arguments = arguments(of: job)
        var members: [SwiftDeclaration] = arguments.map { .variable(SwiftVariable(name: SwiftNames.safe($0.name), type: $0.type)) }
        var parameters = arguments.map { SwiftParameter(nil, SwiftNames.safe($0.name), $0.type) }
        var assignments: [SwiftStatement] = arguments.map { .line("self.\(SwiftNames.safe($0.name)) = \(SwiftNames.safe($0.name))") }
        if job.runsAsCaller {
            members.append(.documented(
                ["Who dispatched it `as caller` (nil: it runs as the system)."],
                .variable(SwiftVariable(name: callerMember, type: "LoomRuntime.Caller?"))
            ))
            parameters.append(SwiftParameter(nil, callerMember, "LoomRuntime.Caller?", default: "nil"))
            assignments.append(.line("self.\(callerMember) = \(callerMember)"))
        }
        members.append(.function(SwiftFunction(kind: .initializer, parameters: parameters, body: assignments)))
        return .documented(
            ["The arguments of `\(job.name)` as they wait in the queue (JSON)."],
            .type(SwiftType(kind: .struct, name: Naming.jobPayload(job.name), conformances: ["Codable", "Sendable", "Equatable"], members: members))
        )
    }

    /// The payload member holding the dispatching principal of a job dispatched `as caller`.
    static let callerMember = "dispatchedBy"

    /// `func execute(_ input: SendRestockEmailInput, context: SendRestockEmailContext) async throws -> Bool`, without
    /// a body: the protocol's requirement, and (with one) `loomgen scaffold`'s stub.
    static func executeRequirement(_ job: Job) -> SwiftFunction {
        SwiftFunction(
            access: .internal, kind: .function("execute"),
            parameters: [
                SwiftParameter("_", "input", Naming.useCaseInput(job.name)),
                SwiftParameter(nil, "context", Naming.useCaseContext(job.name)),
            ],
            isAsync: true, isThrowing: true, returnType: TranslateUseCase.resultType(job.result), body: nil
        )
    }

    private static func handlerProtocol(_ job: Job) -> SwiftDeclaration {
        let execute = executeRequirement(job)
        var doc = job.doc.isEmpty ? [] : job.doc + [""]
        doc.append("Implement it in your target as `struct \(job.name): \(Naming.jobProtocol(job.name))`. It runs on queue `\(job.queue)`,")
        doc.append("in its own transaction, up to \(job.retries + 1) time(s); its `load`s are read first (a missing row fails it).")
        return .documented(doc, .type(SwiftType(
            kind: .protocol, name: Naming.jobProtocol(job.name), conformances: ["LoomRuntime.LoomUseCase"], members: [.function(execute)]
        )))
    }

    /// A job's or callback's context: the scope (its transaction), the repositories, and the application facade.
    static func context(named name: String, doc subject: String, services: [String] = [], in schema: ResolvedSchema) -> SwiftDeclaration {
        let repositories = Naming.repositoriesType(schema.name)
        let application = Naming.applicationType(schema.name)
        return .documented(
            ["What \(subject) may use: its scope (`requestID` of the dispatching request, `logger`, `database`: its own", "transaction), the repositories and the application."],
            .type(SwiftType(kind: .struct, name: name, conformances: ["LoomRuntime.UseCaseContext"], members: [
                .variable(SwiftVariable(isConstant: true, name: "scope", type: "LoomRuntime.UseCaseScope")),
                .function(SwiftFunction(
                    kind: .initializer, parameters: [SwiftParameter(nil, "scope", "LoomRuntime.UseCaseScope")],
                    body: [.line("self.scope = scope")]
                )),
                .variable(SwiftVariable(name: "repositories", type: repositories, getter: [.line("\(repositories)(database: scope.database)")])),
                .documented(
                    ["Every use case, repository and job, in this transaction."],
                    .variable(SwiftVariable(name: "application", type: application, getter: [.line("\(application)(scope: scope)")]))
                ),
            ] + TranslateService.accessors(services, in: schema)))
        )
    }

    // MARK: The facade

    /// `dispatchX` (queue it, in the caller's transaction) and `runX` (its `load`s, then the user's job, here).
    static func facadeMethods(_ job: Job, in schema: ResolvedSchema) -> [(doc: [String], function: SwiftFunction)] {
        let arguments = arguments(of: job)
        let parameters = arguments.map { SwiftParameter(nil, SwiftNames.safe($0.name), $0.type) }
        let payload = SwiftExpression.call(Naming.jobPayload(job.name), arguments.map { SwiftArgument(SwiftNames.safe($0.name), .raw(SwiftNames.safe($0.name))) })
        var dispatchParameters = parameters + [SwiftParameter(nil, "options", "LoomRuntime.DispatchOptions", default: ".init()")]
        var payloadValue = payload
        if job.runsAsCaller {
            dispatchParameters.append(SwiftParameter(nil, "asCaller", "Bool", default: "false"))
            var fields = arguments.map { SwiftArgument(SwiftNames.safe($0.name), .raw(SwiftNames.safe($0.name))) }
            fields.append(SwiftArgument(callerMember, .raw("asCaller ? self.scope.caller : nil")))
            payloadValue = .call(Naming.jobPayload(job.name), fields)
        }
        let dispatch = SwiftFunction(
            kind: .function("dispatch" + job.name),
            parameters: dispatchParameters,
            isAsync: true, isThrowing: true, returnType: "LoomRuntime.JobHandle",
            body: [
                .expression(prefix: "let payload = try ", .call("LoomRuntime.JobCoding.encode", [SwiftArgument(nil, payloadValue)])),
                .expression(prefix: "return try await ", .call(
                    "LoomRuntime.JobQueue(database: self.scope.database).dispatch", queueArguments(job, payload: "payload"))),
            ]
        )
        let shape = useCaseShape(of: job)
        var taken = Set(arguments.map(\.name))
        for case .load(let name, _, _, _, _) in job.loads { taken.insert(name) }
        let names = TranslateUseCase.LocalNames(
            scope: "scope", repositories: SwiftNames.fresh("repositories", avoiding: taken), violations: "violations")
        var body: [SwiftStatement] = []
        if !job.loads.isEmpty {
            body.append(.line("let \(names.repositories) = \(Naming.repositoriesType(schema.name))(database: self.scope.database)"))
        }
        body += TranslateUseCase.guards(shape, in: schema, names: names)
        let input = TranslateUseCase.inputMembers(shape, in: schema).map { SwiftArgument($0.name, .raw(SwiftNames.safe($0.name))) }
        body.append(.expression(prefix: job.result == .none ? "try await " : "return try await ", .call("\(TranslateApplication.implementation(job.name, in: schema)).execute", [
            SwiftArgument(nil, .call(Naming.useCaseInput(job.name), input)),
            SwiftArgument("context", .raw("\(Naming.useCaseContext(job.name))(scope: self.scope)")),
        ])))
        let run = SwiftFunction(
            kind: .function("run" + job.name), parameters: parameters, isAsync: true, isThrowing: true,
            returnType: TranslateUseCase.resultType(job.result), body: body
        )
        var methods = [
            ([
                "`dispatch \(job.name)`: queued on `\(job.queue)` when the caller's transaction commits.",
                "`options`: a delay or a time to run at, another queue, a priority.",
            ], dispatch),
            (["Runs `\(job.name)` here and now, in the caller's transaction: its `load`s, then your `\(job.name)`."], run),
        ]
        if schema.callbacks.contains(where: { $0.job == job.name && $0.isGroup }) {
            methods.append(([
                "`dispatch \(job.name)` as one group, a job per payload: the group's callbacks run once every job succeeded, or",
                "once one failed for good.",
            ], groupDispatch(job)))
        }
        return methods
    }

    /// `dispatchXGroup(members:options:)`: the jobs and their group, written together.
    private static func groupDispatch(_ job: Job) -> SwiftFunction {
        SwiftFunction(
            kind: .function("dispatch" + job.name + "Group"),
            parameters: [
                SwiftParameter(nil, "members", "[\(Naming.jobPayload(job.name))]"),
                SwiftParameter(nil, "options", "LoomRuntime.DispatchOptions", default: ".init()"),
            ],
            isAsync: true, isThrowing: true, returnType: "LoomRuntime.JobGroupHandle",
            body: [
                .line("let payloads = try members.map { try LoomRuntime.JobCoding.encode($0) }"),
                .expression(prefix: "return try await ", .call(
                    "LoomRuntime.JobQueue(database: self.scope.database).dispatchGroup", queueArguments(job, payload: "payloads"))),
            ]
        )
    }

    /// What a dispatch tells the queue of the job as the schema declares it; `payload` names the encoded payload
    /// (`payload`, or a group's `payloads`).
    private static func queueArguments(_ job: Job, payload: String) -> [SwiftArgument] {
        [
            SwiftArgument("job", .raw(SwiftNames.stringLiteral(job.name))),
            SwiftArgument("queue", .raw(SwiftNames.stringLiteral(job.queue))),
            SwiftArgument(payload, .raw(payload)),
            SwiftArgument("maxAttempts", .raw(String(job.retries + 1))),
            SwiftArgument("priority", .raw(String(job.priority))),
            SwiftArgument("options", .raw("options")),
            SwiftArgument("traceID", .raw("self.scope.requestID")),
        ]
    }

    /// `static let jobs`: each job as the worker runs it, its payload decoded, its callbacks attached.
    static func definitions(in schema: ResolvedSchema) -> SwiftDeclaration {
        let application = Naming.applicationType(schema.name)
        let entries: [SwiftExpression] = schema.jobs.map { job in
            let payload = Naming.jobPayload(job.name)
            let arguments = arguments(of: job).map { "\(SwiftNames.safe($0.name)): arguments.\(SwiftNames.safe($0.name))" }.joined(separator: ", ")
            let decode = SwiftStatement.line("let arguments = try LoomRuntime.JobCoding.decode(\(payload).self, from: payload)")
            // A job dispatched `as caller` runs for that caller (its rules apply); otherwise as the system.
            let scope = job.runsAsCaller ? "scope.acting(as: caller)" : "scope"
            let call = "\(application)(scope: \(scope)).run\(job.name)(\(arguments))"
            let prelude: [SwiftStatement] = job.runsAsCaller
                ? [decode, .line("let caller = arguments.\(callerMember) ?? .system")] : [decode]
            let run: [SwiftStatement] = job.result == .none
                ? prelude + [.line("try await \(call)"), .line("return try LoomRuntime.JobCoding.encode(LoomRuntime.NoResult())")]
                : prelude + [.line("let result = try await \(call)"), .line("return try LoomRuntime.JobCoding.encode(result)")]
            var fields: [SwiftArgument] = [
                SwiftArgument("name", .raw(SwiftNames.stringLiteral(job.name))),
                SwiftArgument("queue", .raw(SwiftNames.stringLiteral(job.queue))),
                SwiftArgument("maxAttempts", .raw(String(job.retries + 1))),
                SwiftArgument("backoff", .raw(backoff(job.backoff))),
                SwiftArgument("timeout", .raw(job.timeout.map { ".milliseconds(\(Int(($0 * 1000).rounded())))" } ?? "nil")),
            ]
            if job.priority != 0 { fields.append(SwiftArgument("priority", .raw(String(job.priority)))) }
            fields += [
                SwiftArgument("run", .closure(parameters: "payload, scope", body: run)),
            ]
            let everyCallback = schema.callbacks.filter { $0.job == job.name }
            let callbacks = everyCallback.filter { !$0.isGroup }
            let decodedPayload = "payload: try LoomRuntime.JobCoding.decode(\(payload).self, from: payload)"
            func calls(_ callbacks: [JobCallback]) -> [SwiftStatement] {
                callbacks.map { .line("try await \(TranslateApplication.implementation($0.name, in: schema)).execute(event, context: \(Naming.useCaseContext($0.name))(scope: scope))") }
            }
            let success = callbacks.filter { $0.event == .success }
            if !success.isEmpty {
                var event: [SwiftArgument] = [SwiftArgument(nil, .raw(decodedPayload))]
                if let result = TranslateUseCase.resultType(job.result) {
                    event.append(SwiftArgument("result", .raw("try LoomRuntime.JobCoding.decode(\(result).self, from: result)")))
                }
                let body = [SwiftStatement.expression(prefix: "let event = ", .call(Naming.jobSucceeded(job.name), event))] + calls(success)
                fields.append(SwiftArgument("onSuccess", .closure(parameters: "payload, result, scope", body: body)))
            }
            let failure = callbacks.filter { $0.event == .failure }
            if !failure.isEmpty {
                let event = SwiftExpression.call(Naming.jobFailed(job.name), [SwiftArgument(nil, .raw(decodedPayload)), SwiftArgument("failure", .raw("failure"))])
                let body = [SwiftStatement.expression(prefix: "let event = ", event)] + calls(failure)
                fields.append(SwiftArgument("onFailure", .closure(parameters: "payload, failure, scope", body: body)))
            }
            let groupSuccess = everyCallback.filter { $0.isGroup && $0.event == .success }
            if !groupSuccess.isEmpty {
                var event: [SwiftArgument] = [
                    SwiftArgument("groupId", .raw("group")),
                    SwiftArgument("payloads", .raw("try payloads.map { try LoomRuntime.JobCoding.decode(\(payload).self, from: $0) }")),
                ]
                if let result = TranslateUseCase.resultType(job.result) {
                    event.append(SwiftArgument("results", .raw("try results.map { try LoomRuntime.JobCoding.decode(\(result).self, from: $0) }")))
                }
                let body = [SwiftStatement.expression(prefix: "let event = ", .call(Naming.jobGroupSucceeded(job.name), event))] + calls(groupSuccess)
                fields.append(SwiftArgument("onGroupSuccess", .closure(parameters: "group, payloads, results, scope", body: body)))
            }
            let groupFailure = everyCallback.filter { $0.isGroup && $0.event == .failure }
            if !groupFailure.isEmpty {
                let event = SwiftExpression.call(Naming.jobGroupFailed(job.name), [
                    SwiftArgument("groupId", .raw("group")), SwiftArgument(nil, .raw(decodedPayload)), SwiftArgument("failure", .raw("failure")),
                ])
                let body = [SwiftStatement.expression(prefix: "let event = ", event)] + calls(groupFailure)
                fields.append(SwiftArgument("onGroupFailure", .closure(parameters: "group, payload, failure, scope", body: body)))
            }
            return .call("LoomRuntime.JobDefinition", fields)
        }
        return .documented(
            ["Every job of the schema as a worker runs it (`LoomServer` starts one; `store worker` runs one alone)."],
            .variable(SwiftVariable(isStatic: true, isConstant: true, name: "jobs", type: "[LoomRuntime.JobDefinition]", value: .array(entries)))
        )
    }

    private static func backoff(_ backoff: Backoff) -> String {
        switch backoff {
        case .fixed(let seconds): ".fixed(seconds: \(seconds))"
        case .exponential(let base): ".exponential(baseSeconds: \(base))"
        }
    }
}
