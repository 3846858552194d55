/// Custom routes: `METHOD "/path" -> UseCase (status N | profile name | "summary")*`.
///
/// The path is relative to the resource's and its parameters are the use case's: every `{name}` of the full path
/// (the parent's key of a nested resource included) is a parameter of the use case, and every parameter of the use
/// case other than `body` and `query` is in the path. A path parameter is a scalar; the parent's key parameter has
/// the type of the parent's primary key.
extension ResourceResolver {
    mutating func resolveRoute(
        _ item: RouteItem, of declaration: ResourceDeclaration, resourcePath: String, parent: ParentScope?
    ) -> CustomRoute? {
        let method = resolveMethod(item.method)
        var fullPath: String?
        if let literal = item.path {
            switch ResourcePath.normaliseRoute(literal) {
            case .valid(let relative): fullPath = resourcePath + relative
            case .invalid(let problem): diagnostics.append(problem)
            }
        }
        var useCase: UseCase?
        if let name = item.useCase {
            useCase = useCases[name.name]
            routedUseCases.insert(name.name)
            if useCase == nil {
                let hint = Suggestions.didYouMean(name.name, among: useCases.keys)
                diagnostics.append(.error(.unknownUseCase, "unknown use case '\(name.name)'", at: name.range, hint: hint))
            }
        }
        let status = resolveStatus(item.status)
        guard let method, let fullPath, let useCase, let literal = item.path, let useCaseName = item.useCase else {
            return nil
        }
        checkParameters(of: useCase, named: useCaseName, path: fullPath, literal: literal, parent: parent)
        if method == .get, let body = useCase.body {
            diagnostics.append(.error(
                .bodyOnGetRoute, "a GET route cannot take a body, and use case '\(useCase.name)' has 'body: \(body)'",
                at: item.method.range, hint: "use POST, or pass the values as path parameters"
            ))
        }
        let profile = item.profile.flatMap { resolveProfile($0, of: useCase) }
        let defaultStatus =
            switch useCase.result {
            case .none: 204
            case .entity where method == .post: 201
            default: 200
            }
        var route = CustomRoute(
            method: method, path: fullPath, useCase: useCase.name, status: status ?? defaultStatus,
            summary: item.summary?.value, description: item.doc.isEmpty ? nil : item.doc.joined(separator: "\n"),
            range: item.range
        )
        route.profile = profile
        if let cache = item.cache { route.cacheTTLSeconds = resolveCache(cache, method: method, of: useCase) }
        if let pagination = item.pagination {
            route.pagination = resolvePaginationMode(pagination)
            route.paginationOverride = pagination.fixed == nil
            route.pageSize = resolvePageSize(pagination)
            if useCase.query == nil {
                diagnostics.append(.error(
                    .paginationWithoutPage,
                    "'pagination' needs a use case that lists a model, and '\(useCase.name)' takes no 'query:'",
                    at: pagination.keyword.range, hint: "remove it, or give the use case 'query: Model' and 'Page(Model)'"
                ))
            }
        }
        return route
    }

    /// `cache ttl 30s`: only a read is cached, a GET of a readonly use case; a write would answer from the cache
    /// instead of writing (L133).
    private mutating func resolveCache(_ cache: CacheClause, method: HTTPMethod, of useCase: UseCase) -> Int? {
        let hint = "only reads are cached; writes invalidate"
        let errorsBefore = diagnostics.count
        if method != .get {
            diagnostics.append(.error(
                .cacheOnWrite, "'cache' on a \(method.rawValue) route; only GET routes are cached", at: cache.range,
                hint: hint
            ))
        } else if !useCase.isReadOnly {
            diagnostics.append(.error(
                .cacheOnWrite, "'cache' on a route whose use case '\(useCase.name)' is not readonly", at: cache.range,
                hint: hint + " (declare '\(useCase.name)' readonly if it writes nothing)"
            ))
        }
        guard let ttl = cache.ttl, let seconds = CacheResolver.seconds(of: ttl, diagnostics: &diagnostics) else { return nil }
        return diagnostics.count == errorsBefore ? seconds : nil
    }

    private mutating func resolveMethod(_ method: Identifier) -> HTTPMethod? {
        if let known = HTTPMethod(rawValue: method.name) { return known }
        let hint =
            if let known = HTTPMethod(rawValue: method.name.uppercased()) {
                "methods are written in capitals: \(known.rawValue)"
            } else {
                Suggestions.didYouMean(method.name, among: Keywords.httpMethods)
                    ?? "the methods are " + Suggestions.list(Keywords.httpMethods)
            }
        diagnostics.append(.error(.unknownHTTPMethod, "unknown HTTP method '\(method.name)'", at: method.range, hint: hint))
        return nil
    }

    private mutating func resolveStatus(_ literal: Literal?) -> Int? {
        guard let literal else { return nil }
        guard case .integer(let status) = literal.value, (100...599).contains(status) else {
            diagnostics.append(.error(
                .invalidStatusCode, "status \(literal.text) is not an HTTP status code", at: literal.range,
                hint: "write a code from 100 to 599, e.g. status 202"
            ))
            return nil
        }
        return status
    }

    /// A profile shapes the model a route returns, so the use case must return that model or a page of it.
    private mutating func resolveProfile(_ name: Identifier, of useCase: UseCase) -> String? {
        let modelName: String
        switch useCase.result {
        case .entity(let model), .page(let model): modelName = model
        default:
            diagnostics.append(.error(
                .unknownProfile, "profile '\(name.name)' needs a use case that returns a model, and '\(useCase.name)' does not",
                at: name.range, hint: "remove the profile, or return a model or Page(Model)"
            ))
            return nil
        }
        guard name.name != "default" else { return nil }
        return checkProfile(name, ofModel: modelName) ? name.name : nil
    }

    private mutating func checkParameters(
        of useCase: UseCase, named name: Identifier, path: String, literal: StringLiteral, parent: ParentScope?
    ) {
        let pathParameters = ResourcePath.parameters(in: path)
        for parameter in pathParameters where !useCase.parameters.contains(where: { $0.name == parameter }) {
            let type = parent?.parameter == parameter ? parentKeyType(parent).map(\.schemaSpelling) ?? "Int" : "Int"
            diagnostics.append(.error(
                .pathParameterWithoutParameter,
                "path parameter '{\(parameter)}' has no parameter in use case '\(useCase.name)'", at: literal.range,
                hint: "add '\(parameter): \(type)' to the use case's parameters"
            ))
        }
        for parameter in useCase.parameters {
            guard pathParameters.contains(parameter.name) else {
                diagnostics.append(.error(
                    .parameterNotInPath,
                    "parameter '\(parameter.name)' of use case '\(useCase.name)' is not in the path '\(path)'",
                    at: name.range, hint: "add '{\(parameter.name)}' to the path, or move the value into the body"
                ))
                continue
            }
            guard case .scalar(let scalar) = parameter.type, !scalar.isList else {
                diagnostics.append(.error(
                    .pathParameterTypeMismatch,
                    "path parameter '{\(parameter.name)}' is '\(parameter.type.schemaSpelling)' in use case '\(useCase.name)'; a path parameter is a single scalar",
                    at: literal.range, hint: "pass the key and load the row with 'load'"
                ))
                continue
            }
            // What a path segment can be parsed as, exactly and without ambiguity.
            switch scalar {
            case .decimal, .dateTime, .json:
                diagnostics.append(.error(
                    .pathParameterTypeMismatch,
                    "path parameter '{\(parameter.name)}' is '\(scalar.schemaSpelling)' in use case '\(useCase.name)'; a path "
                        + "parameter is an integer, a number, a boolean, a string, a UUID, a date or an enum",
                    at: literal.range, hint: "pass it in the body or the query instead"
                ))
                continue
            default: break
            }
            if parent?.parameter == parameter.name, let parent, let keyType = parentKeyType(parent), !keyType.accepts(scalar) {
                diagnostics.append(.error(
                    .pathParameterTypeMismatch,
                    "'{\(parameter.name)}' is the key of '\(parent.model)', which is '\(keyType.schemaSpelling)', "
                        + "but use case '\(useCase.name)' declares it '\(scalar.schemaSpelling)'",
                    at: literal.range, hint: "declare '\(parameter.name): \(keyType.schemaSpelling)'"
                ))
            }
        }
    }

    private func parentKeyType(_ parent: ParentScope?) -> ScalarType? {
        parent.flatMap { models[$0.model]?.fields.first(where: \.isPrimaryKey)?.type }
    }
}

extension ScalarType {
    var isList: Bool {
        if case .array = self { true } else { false }
    }
}
