import Foundation
import Hummingbird
import LoomRuntime
import LoomValues
import LoomVocabulary

/// The request-side and response-side pieces a generated use-case route is made of (`loom-routes.swift`): it reads
/// its typed path parameters, body and list query with these, calls the application facade, and answers with one of
/// the `respond` functions. Written once here, so each generated route is a few readable lines.
public enum UseCaseRoute {
    /// The scope a use case runs in for this request: the database acting for the request's caller, the request's
    /// id, and a logger carrying it.
    public static func scope(database: Database, context: some LoomRequestContext) -> UseCaseScope {
        UseCaseScope(database: database.acting(as: context.caller), requestID: context.requestID, logger: context.logger)
    }

    /// A path parameter parsed as its declared type; a malformed one (`/users/abc` for an `Int`) is a 400 naming it.
    public static func pathParameter<Value: LosslessStringConvertible>(
        _ type: Value.Type, _ name: String, context: some LoomRequestContext
    ) throws -> Value {
        let text = context.pathText(name)
        guard !text.containsNUL, let value = Value(text) else {
            throw LoomError.badRequest(message: "path parameter '\(name)' must be \(noun(of: type)), got '\(text)'", parameter: name)
        }
        return value
    }

    /// An enum path parameter: one of its cases, else a 400 listing them.
    public static func pathParameter<Value: LoomEnum>(
        _ type: Value.Type, _ name: String, context: some LoomRequestContext
    ) throws -> Value {
        let text = context.pathText(name)
        guard let value = Value(rawValue: text) else {
            let cases = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw LoomError.badRequest(message: "path parameter '\(name)' must be one of \(cases), got '\(text)'", parameter: name)
        }
        return value
    }

    /// A list route's `?profile=`: one of `profiles` (the route's exposed ones; none when the route fixes its own), or
    /// a 400 naming the parameter; nil when the request names none.
    public static func profile(_ request: Request, among profiles: Set<String>) throws -> String? {
        try ProfileParameter.read(QueryParameters(request), exposed: profiles)
    }

    /// A list route with no profile to choose (its model has none, or the route fixes its own): `?profile=` is a 400.
    public static func rejectProfile(_ request: Request) throws {
        _ = try profile(request, among: [])
    }

    /// A route without `query:` takes no query parameters: a misspelt filter is a 400, never silently ignored.
    public static func rejectQuery(_ request: Request) throws {
        try QueryParameters(request).rejectUnknown(allowed: [])
    }

    /// The filters, sort and page of a `query: Model` route, in the auto-CRUD list syntax; `filterable` and
    /// `sortable` (the resource's lists) narrow the fields a request may name; `limits` holds the route's page size
    /// (`pagination offset limit 20`).
    public static func listQuery<Model: LoomModel>(
        _ model: Model.Type, request: Request, pagination: PaginationMode, paginationOverride: Bool,
        limits: PageLimits = PageLimits(), filterable: Set<String>? = nil, sortable: Set<String>? = nil
    ) throws -> ListQuery {
        let parser = ListQueryParser(
            table: Model.table, defaultMode: pagination, modeOverridable: paginationOverride, limits: limits,
            filterable: filterable, sortable: sortable, relations: Model.relations)
        return try parser.parse(QueryParameters(request))
    }

    /// A result as JSON with the route's status.
    public static func respond(
        _ result: some Encodable, status: HTTPResponse.Status, context: some LoomRequestContext
    ) throws -> Response {
        try JSONResponse.make(result, status: status, context: context)
    }

    /// A created row: its JSON, and `Location` naming where it lives.
    public static func respond(
        _ result: some Encodable, status: HTTPResponse.Status, location: String, context: some LoomRequestContext
    ) throws -> Response {
        var response = try JSONResponse.make(result, status: status, context: context)
        response.headers[.location] = location
        return response
    }

    /// A job accepted (202): its JSON, and `Location` naming the job's status route.
    public static func respond(
        _ result: some Encodable, status: HTTPResponse.Status, jobID: UUID, context: some LoomRequestContext
    ) throws -> Response {
        try respond(result, status: status, location: JobStatusRoute.path(jobID: jobID.lowercasedText), context: context)
    }

    /// A use case with no result: no body (204, unless the route says otherwise).
    public static func respond(status: HTTPResponse.Status) -> Response {
        Response(status: status)
    }

    /// `String` for a `String`, `an integer` for an `Int`, as messages name types.
    static func noun<Value>(of type: Value.Type) -> String {
        switch type {
        case is Int.Type, is Int32.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is UUID.Type: "a UUID"
        default: "a valid \(type)"
        }
    }
}
