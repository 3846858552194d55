import Foundation
@testable import LoomCompiler
@testable import LoomHTTP
import LoomRuntime
import LoomVocabulary
import Testing

/// The OpenAPI document (compiler) and the server (runtime) both read `LoomVocabulary`; these tests check, from the two
/// sides a client sees, that they agree: a filter is documented exactly when the server takes it, and every error the
/// server can answer with is in the document.
@Suite("Vocabulary: the document and the server agree")
struct VocabularyAgreementTests {
    /// A field of every kind of value.
    static let source = """
        enum Tone {
          calm
          loud
        }

        model Sample {
          id     Int            @id @autoincrement
          count  Int
          small  Int32
          ratio  Double
          price  Decimal(10, 2)
          flag   Bool
          name   String(40)
          body   Text
          day    Date
          at     DateTime
          key    UUID
          tone   Tone
          extra  JSON
          words  [String(20)]
        }

        resource Sample at "/samples" {
          crud
        }
        """

    /// The same columns as the runtime sees them.
    static let table = TableSchema(model: "Sample", table: "samples", columns: [
        ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
        ColumnSchema(field: "count", column: "count", type: .int),
        ColumnSchema(field: "small", column: "small", type: .int32),
        ColumnSchema(field: "ratio", column: "ratio", type: .double),
        ColumnSchema(field: "price", column: "price", type: .decimal(precision: 10, scale: 2)),
        ColumnSchema(field: "flag", column: "flag", type: .bool),
        ColumnSchema(field: "name", column: "name", type: .string(maxLength: 40)),
        ColumnSchema(field: "body", column: "body", type: .text),
        ColumnSchema(field: "day", column: "day", type: .date),
        ColumnSchema(field: "at", column: "at", type: .dateTime),
        ColumnSchema(field: "key", column: "key", type: .uuid),
        ColumnSchema(field: "tone", column: "tone", type: .enumeration(cases: ["calm", "loud"])),
        ColumnSchema(field: "extra", column: "extra", type: .json),
        ColumnSchema(field: "words", column: "words", type: .array(.string(maxLength: 1_000))),
    ])

    /// A value of the column's type, as a query string spells it.
    static func sample(_ type: ColumnType) -> String {
        switch type {
        case .int, .int32, .double, .decimal: "3"
        case .bool: "true"
        case .string, .text, .json, .array: "a"
        case .date: "2026-12-05"
        case .dateTime: "2026-12-05T10:00:00Z"
        case .uuid: "6f1c2a8e-0000-4000-8000-000000000001"
        case .enumeration: "calm"
        }
    }

    static func document() throws -> JSONNode {
        let result = Frontend.compile(name: "demo", files: [SourceFile(path: "t.loom", text: source)])
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.description))")
        return TranslateOpenAPI.document(try #require(result.schema), origin: "demo")
    }

    static func member(_ node: JSONNode, _ path: [String]) -> JSONNode? {
        var node = node
        for key in path {
            guard case .object(let members) = node, let member = members.first(where: { $0.0 == key }) else { return nil }
            node = member.1
        }
        return node
    }

    /// The names of the query parameters of `GET /samples`, through their `$ref`s.
    static func listParameterNames(_ document: JSONNode) throws -> Set<String> {
        guard case .array(let parameters)? = member(document, ["paths", "/samples", "get", "parameters"]) else {
            throw TestFailure("no parameters on GET /samples")
        }
        var names: Set<String> = []
        for parameter in parameters {
            var resolved = parameter
            if case .string(let reference)? = member(parameter, ["$ref"]) {
                resolved = try #require(member(document, ["components", "parameters", String(reference.split(separator: "/").last!)]))
            }
            if case .string(let name)? = member(resolved, ["name"]) { names.insert(name) }
        }
        return names
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test("every operator on every kind of field: documented exactly when the server takes it")
    func filtersAgree() throws {
        let documented = try Self.listParameterNames(Self.document())
        let parser = ListQueryParser(table: Self.table, defaultMode: .offset, modeOverridable: false, limits: PageLimits())
        var checked = 0
        for column in Self.table.columns {
            for op in FilterOperator.allCases {
                let name = op.parameterName(field: column.field)
                let raw = op.operand == .flag ? "true" : Self.sample(column.type)
                let accepted = (try? parser.filter(op == .eq ? column.field : column.field + "__" + op.rawValue, raw)) != nil
                #expect(accepted == documented.contains(name), "\(name): the server \(accepted ? "takes" : "refuses") it, the document \(documented.contains(name) ? "lists" : "does not list") it")
                checked += 1
            }
        }
        #expect(checked == 14 * FilterOperator.allCases.count)
        // The spellings the server also takes are aliases of documented operators, on the same fields.
        for (alias, op) in FilterOperator.aliases {
            #expect((try? parser.filter("name__" + alias, "true")) != nil && documented.contains(op.parameterName(field: "name")))
        }
        #expect(documented.isSuperset(of: ListParameter.allCases.map(\.rawValue).filter { $0 != "profile" && $0 != "pagination" }))
    }

    @Test("direction: the document's values are exactly those the server takes, in either case")
    func directionsAgree() throws {
        let document = try Self.document()
        let node = try #require(Self.member(document, ["components", "parameters", "direction", "schema", "enum"]))
        #expect(node == .array(SortDirection.allCases.map { .string($0.rawValue) }))
        // The server reads `direction` through the same type (`ListQueryParser.sort`), in either case.
        for text in ["asc", "desc", "ASC", "Desc"] { #expect(SortDirection(queryValue: text) != nil, "\(text)") }
        #expect(SortDirection(queryValue: "up") == nil)
    }

    @Test("every error code the server sends is in the document's envelope, and every status it answers a documented route with is a documented response")
    func errorsAgree() throws {
        let document = try Self.document()
        guard case .array(let codes)? = Self.member(document, ["components", "schemas", "Error", "properties", "detail", "properties", "code", "enum"]) else {
            throw TestFailure("no error codes")
        }
        let documented = Set(codes.compactMap { if case .string(let code) = $0 { code } else { nil } })
        // A schema without `auth` never sends the two codes of identity.
        #expect(documented == Set(ErrorCode.allCases.filter { !$0.needsAuth }.map(\.rawValue)))
        // What the server's error paths produce: each `LoomError`, and each status the HTTP layer raises.
        let errors: [LoomError] = [
            .notFound(entity: "A", id: "1"), .notFoundBy(entity: "A", field: "b", value: "c"), .conflict(message: "", fields: []),
            .validation([]), .ruleViolations([]), .badRequest(message: "", parameter: nil), .unavailable(message: ""),
            .notImplemented(message: ""),
        ]
        for error in errors { #expect(documented.contains(error.code), "\(error.code)") }
        for status in 400..<600 { #expect(ErrorCode.allCases.map(\.rawValue).contains(ErrorMiddleware<BasicLoomRequestContext>.code(for: .init(code: status)))) }
        // A POST with a body: every status the server can answer it with, but the 500 of a bug, is documented.
        guard case .object(let responses)? = Self.member(document, ["paths", "/samples", "post", "responses"]) else {
            throw TestFailure("no responses on POST /samples")
        }
        let statuses = Set(responses.map(\.0))
        for code in [ErrorCode.badRequest, .conflict, .payloadTooLarge, .unsupportedMediaType, .validationError, .unavailable] {
            #expect(statuses.contains(String(code.status!)), "\(code.rawValue) (\(code.status!)) is not documented on POST /samples")
        }
        for name in ["PayloadTooLarge", "UnsupportedMediaType", "MethodNotAllowed", "Unavailable", "BadRequest"] {
            #expect(Self.member(document, ["components", "responses", name]) != nil, "\(name)")
        }
    }
}
