import Foundation
import HTTPTypes  // HTTPField.Name; in the graph through Hummingbird, as LoomHTTP uses it
import Hummingbird
import Logging
import NIOPosix  // NIOSingletons, for the BASELINE_EXECUTOR=nio experiment; in the graph through Hummingbird
import PostgresNIO

// `make bench`'s baseline: the endpoints the HTTP benchmark drives, written by hand with Hummingbird 2 and
// postgres-nio as one would without Loom — Codable structs, interpolated (bound) queries, rows decoded from tuples —
// answering with the same JSON as the generated store server (same field names, same key order, same timestamp
// format, same error envelope) so both send the same bytes and wrk sees the same work. It also gives every response
// an `x-request-id`, as the store does. It serves only what the benchmark needs; no metrics.
//
// Settings, as the store reads them: PORT (8001), DATABASE_URL (postgres://…), DATABASE_POOL_SIZE (20). Off by
// default, for the profile in docs/benchmarks.md: BASELINE_EXECUTOR=nio runs Swift tasks on NIO's event loops
// instead of the default global executor; BASELINE_POOL=static keeps every pooled connection open with no keep-alive,
// so postgres-nio's pool starts no idle or keep-alive timer when a connection goes back to it.

// MARK: JSON

/// The store's timestamp format: ISO-8601 in UTC with microseconds (`2026-11-30T11:11:52.723110Z`), the precision
/// PostgreSQL keeps; Foundation's `.iso8601` strategy stops at seconds.
enum Timestamp {
    static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = time_t(micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000)
        let fraction = Int(micros - Int64(seconds) * 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4); bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2); bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2); bytes.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2); bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2); bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2); bytes.append(UInt8(ascii: "."))
        digits(fraction, 6); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum JSON {
    /// `.sortedKeys`, as the store: Foundation's encoder on Linux otherwise writes keys in hash order, which differs
    /// from run to run; sorted, both servers send the same bytes.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Bodies may spell fields `priceCents` or `price_cents`, as the store accepts both.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}

// MARK: Wire types (properties in the JSON key order, for reading)

struct Product: ResponseEncodable, Sendable {
    var category: String
    var createdAt: Date
    var id: Int
    var name: String
    var priceCents: Int
    var sku: String
    var stock: Int
    var updatedAt: Date

    static let columns = "id, sku, name, category, price_cents, stock, created_at, updated_at"

    static func decode(_ rows: PostgresRowSequence) async throws -> [Product] {
        var products: [Product] = []
        for try await (id, sku, name, category, price, stock, created, updated) in rows.decode(
            (Int, String, String, String, Int, Int, Date, Date).self)
        {
            products.append(Product(
                category: category, createdAt: created, id: id, name: name, priceCents: price, sku: sku, stock: stock,
                updatedAt: updated))
        }
        return products
    }
}

struct Order: ResponseEncodable, Sendable {
    var addressId: Int
    var createdAt: Date
    var id: Int
    var paymentMethod: String
    var status: String
    var updatedAt: Date
    var userId: Int
}

struct User: Encodable, Sendable {
    var createdAt: Date
    var email: String
    var fullName: String
    var id: Int
    var updatedAt: Date
}

struct Address: Encodable, Sendable {
    var city: String
    var country: String
    var id: Int
    var label: String
    var street: String
    var userId: Int
    var zipCode: String
}

/// `GET /orders/{id}?profile=withCustomer`: the order's own fields plus `user` and `address`.
struct OrderWithCustomer: ResponseEncodable, Sendable {
    var address: Address
    var addressId: Int
    var createdAt: Date
    var id: Int
    var paymentMethod: String
    var status: String
    var updatedAt: Date
    var user: User
    var userId: Int
}

struct OffsetPage<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var hasNext: Bool
    var items: [Item]
    var limit: Int
    var page: Int
    var totalCount: Int
}

struct CursorPage<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var hasNext: Bool
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey { case hasNext, items, nextCursor }

    /// Written out only because the store sends `"nextCursor":null` on the last page (synthesized code omits nil).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hasNext, forKey: .hasNext)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

struct Health: ResponseEncodable { var status: String }

struct NewProduct: Decodable {
    var sku: String
    var name: String
    var category: String
    var priceCents: Int
    var stock: Int?
}

struct ProductChanges: Decodable {
    var sku: String?
    var name: String?
    var category: String?
    var priceCents: Int?
    var stock: Int?
}

// MARK: Errors: the store's envelope, `{"detail":{"code":…,"message":…,"traceId":…}}`

struct APIError: Error {
    struct Violation: Encodable, Sendable {
        var field: String
        var message: String
    }

    var status: HTTPResponse.Status
    var code: String
    var message: String
    var entity: String?
    var id: Int?
    var parameter: String?
    var fields: [String]?
    var violations: [Violation]?

    static func notFound(_ entity: String, _ id: Int) -> APIError {
        APIError(status: .notFound, code: "not_found", message: "\(entity) with id=\(id) not found", entity: entity, id: id)
    }

    static func badRequest(_ message: String, parameter: String) -> APIError {
        APIError(status: .badRequest, code: "bad_request", message: message, parameter: parameter)
    }

    /// `rule_violations` for values that break a constraint, `validation_error` for a body of the wrong shape.
    static func invalid(_ violations: [Violation], code: String = "rule_violations") -> APIError {
        let message = violations.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        return APIError(status: .unprocessableContent, code: code, message: message, violations: violations)
    }

    struct Envelope: Encodable {
        struct Detail: Encodable {
            var code: String
            var entity: String?
            var fields: [String]?
            var id: Int?
            var message: String
            var parameter: String?
            var traceId: String
            var violations: [Violation]?
        }

        var detail: Detail
    }

    func response(traceID: String) -> Response {
        let envelope = Envelope(detail: .init(
            code: code, entity: entity, fields: fields, id: id, message: message, parameter: parameter, traceId: traceID,
            violations: violations))
        let body = (try? JSON.encoder.encode(envelope)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

// MARK: Request context and middleware

struct AppContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
    var requestDecoder: JSONDecoder { JSON.decoder }
    var responseEncoder: JSONEncoder { JSON.encoder }
}

/// Echoes the client's `x-request-id` (or makes one), and turns errors into the envelope carrying it as `traceId`.
struct RequestIDMiddleware: RouterMiddleware {
    static let header = HTTPField.Name("x-request-id")!

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let id = request.headers[Self.header].flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 }
            ?? UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response(traceID: id)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : error.status.code < 500 ? "bad_request" : "internal_error"
            response = APIError(status: error.status, code: code, message: error.body ?? error.status.reasonPhrase)
                .response(traceID: id)
        } catch {
            context.logger.error("unhandled error: \(String(describing: error))")
            response = APIError(status: .internalServerError, code: "internal_error", message: "an unexpected error occurred")
                .response(traceID: id)
        }
        response.headers[Self.header] = id
        return response
    }
}

// MARK: Cursor tokens, in the store's format

/// `base64url({"s":"id:asc","v":[{"i":LAST_ID}]}) + "." + FNV-1a checksum`: the store's unsigned cursor for its
/// default sort, so a `nextCursor` from either server works on both.
enum Cursor {
    struct Payload: Decodable {
        var s: String
        var v: [[String: Int]]
    }

    static func checksum(_ body: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "loom-cursor-v1:".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for byte in body.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    static func encode(afterID id: Int) -> String {
        let body = Data(#"{"s":"id:asc","v":[{"i":\#(id)}]}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return body + "." + checksum(body)
    }

    /// The last id of the previous page; a 400 naming `cursor` for anything this server did not issue.
    static func decode(_ token: String) throws -> Int {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, checksum(String(parts[0])) == parts[1] else {
            throw APIError.badRequest("the cursor is not a cursor this server issued", parameter: "cursor")
        }
        var base64 = parts[0].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let payload = try? JSONDecoder().decode(Payload.self, from: data),
              payload.s == "id:asc", payload.v.count == 1, let id = payload.v[0]["i"]
        else { throw APIError.badRequest("the cursor is malformed", parameter: "cursor") }
        return id
    }
}

// MARK: Helpers

extension Request {
    /// An integer query parameter within `range`, or `defaultValue` when absent; otherwise a 400 naming it.
    func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws -> Int {
        guard let text = uri.queryParameters[name[...]] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("'\(name)' must be an integer between \(range.lowerBound) and \(range.upperBound), got '\(text)'", parameter: name)
        }
        return value
    }

    /// A JSON body, up to 1 MiB; a body of the wrong shape is a 422 `validation_error`.
    func decodeBody<Body: Decodable>(_ type: Body.Type) async throws -> Body {
        var request = self
        let buffer = try await request.collectBody(upTo: 1 << 20)
        do {
            return try JSON.decoder.decode(Body.self, from: buffer)
        } catch let error as DecodingError {
            let field: String
            switch error {
            case .keyNotFound(let key, _): field = key.stringValue
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                field = context.codingPath.last?.stringValue ?? "body"
            @unknown default: field = "body"
            }
            throw APIError.invalid([.init(field: field, message: "is missing or of the wrong type")], code: "validation_error")
        }
    }
}

/// The products table's rules (what the store's schema declares), checked before any SQL.
func violations(sku: String?, name: String?, category: String?, priceCents: Int?, stock: Int?) -> [APIError.Violation] {
    var found: [APIError.Violation] = []
    if let sku, sku.count > 64 { found.append(.init(field: "sku", message: "must be at most 64 characters")) }
    if let name {
        if name.allSatisfy(\.isWhitespace) { found.append(.init(field: "name", message: "must not be blank")) }
        if name.count > 150 { found.append(.init(field: "name", message: "must be at most 150 characters")) }
    }
    if let category, category.count > 120 { found.append(.init(field: "category", message: "must be at most 120 characters")) }
    if let priceCents, priceCents < 0 { found.append(.init(field: "priceCents", message: "must be at least 0")) }
    if let stock, stock < 0 { found.append(.init(field: "stock", message: "must be at least 0")) }
    return found
}

/// A unique violation on `sku` is the store's 409 `conflict`.
func conflictOnUnique(_ error: any Error) -> (any Error) {
    guard let error = error as? PSQLError, error.serverInfo?[.sqlState] == "23505" else { return error }
    return APIError(status: .conflict, code: "conflict", message: "a Product with this sku already exists", fields: ["sku"])
}

// MARK: Routes

func routes(_ router: Router<AppContext>, client: PostgresClient, logger: Logger) {
    router.get("/health") { _, _ in Health(status: "ok") }

    router.get("/products/{id}") { _, context -> Product in
        let id = try context.parameters.require("id", as: Int.self)
        let rows = try await client.query(
            "SELECT id, sku, name, category, price_cents, stock, created_at, updated_at FROM products WHERE id = \(id)",
            logger: logger)
        guard let product = try await Product.decode(rows).first else { throw APIError.notFound("Product", id) }
        return product
    }

    // Cursor pages in id order: one row more than asked says whether there is a next page.
    router.get("/products") { request, _ -> CursorPage<Product> in
        let limit = try request.integer("limit", in: 1...1000, default: 50)
        let token = request.uri.queryParameters["after"] ?? request.uri.queryParameters["cursor"]
        let after = try token.flatMap { $0.isEmpty ? nil : try Cursor.decode(String($0)) } ?? 0
        var items = try await Product.decode(client.query(
            "SELECT id, sku, name, category, price_cents, stock, created_at, updated_at FROM products WHERE id > \(after) ORDER BY id ASC LIMIT \(limit + 1)",
            logger: logger))
        let hasNext = items.count > limit
        if hasNext { items.removeLast() }
        return CursorPage(hasNext: hasNext, items: items, nextCursor: hasNext ? items.last.map { Cursor.encode(afterID: $0.id) } : nil)
    }

    router.post("/products") { request, _ -> EditedResponse<Product> in
        let body = try await request.decodeBody(NewProduct.self)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)  // the store keeps names trimmed
        let stock = body.stock ?? 0
        let problems = violations(sku: body.sku, name: name, category: body.category, priceCents: body.priceCents, stock: stock)
        guard problems.isEmpty else { throw APIError.invalid(problems) }
        let product: Product?
        do {
            product = try await Product.decode(client.query(
                """
                INSERT INTO products (sku, name, category, price_cents, stock) VALUES (\(body.sku), \(name), \(body.category), \(body.priceCents), \(stock))
                RETURNING id, sku, name, category, price_cents, stock, created_at, updated_at
                """, logger: logger)).first
        } catch {
            throw conflictOnUnique(error)
        }
        guard let product else { throw APIError(status: .internalServerError, code: "internal_error", message: "no row") }
        return EditedResponse(status: .created, headers: [.location: "/products/\(product.id)"], response: product)
    }

    // One statement: absent fields keep their value (COALESCE with a NULL bind), `updated_at` moves.
    router.patch("/products/{id}") { request, context -> Product in
        let id = try context.parameters.require("id", as: Int.self)
        let changes = try await request.decodeBody(ProductChanges.self)
        let name = changes.name?.trimmingCharacters(in: .whitespacesAndNewlines)
        let problems = violations(
            sku: changes.sku, name: name, category: changes.category, priceCents: changes.priceCents, stock: changes.stock)
        guard problems.isEmpty else { throw APIError.invalid(problems) }
        let product: Product?
        do {
            product = try await Product.decode(client.query(
                """
                UPDATE products SET sku = COALESCE(\(changes.sku), sku), name = COALESCE(\(name), name),
                  category = COALESCE(\(changes.category), category), price_cents = COALESCE(\(changes.priceCents), price_cents),
                  stock = COALESCE(\(changes.stock), stock), updated_at = now()
                WHERE id = \(id) RETURNING id, sku, name, category, price_cents, stock, created_at, updated_at
                """, logger: logger)).first
        } catch {
            throw conflictOnUnique(error)
        }
        guard let product else { throw APIError.notFound("Product", id) }
        return product
    }

    // Offset pages with the total: the page's rows, then COUNT(*). With `profile=withCustomer`, each order with its
    // customer and address: the page picked first, then joined (joining first would join every row before the offset).
    router.get("/orders") { request, context -> Response in
        let limit = try request.integer("limit", in: 1...1000, default: 50)
        let page = try request.integer("page", in: 1...1_000_000, default: 1)
        let profile = request.uri.queryParameters["profile"]
        guard profile == nil || profile == "withCustomer" else {
            throw APIError.badRequest("unknown profile '\(profile!)'; this server knows withCustomer", parameter: "profile")
        }
        var total = 0
        if profile != nil {
            let rows = try await client.query(
                """
                SELECT o.id, o.user_id, o.address_id, o.status, o.payment_method, o.created_at, o.updated_at,
                       u.full_name, u.email, u.created_at, u.updated_at,
                       a.label, a.street, a.city, a.country, a.zip_code
                FROM (SELECT * FROM orders ORDER BY id ASC LIMIT \(limit) OFFSET \((page - 1) * limit)) o
                JOIN users u ON u.id = o.user_id JOIN addresses a ON a.id = o.address_id
                ORDER BY o.id ASC
                """, logger: logger)
            var items: [OrderWithCustomer] = []
            for try await (id, userId, addressId, status, payment, created, updated, fullName, email, userCreated, userUpdated,
                           label, street, city, country, zip) in rows.decode(
                (Int, Int, Int, String, String, Date, Date, String, String, Date, Date, String, String, String, String, String).self)
            {
                items.append(OrderWithCustomer(
                    address: Address(city: city, country: country, id: addressId, label: label, street: street, userId: userId, zipCode: zip),
                    addressId: addressId, createdAt: created, id: id, paymentMethod: payment, status: status, updatedAt: updated,
                    user: User(createdAt: userCreated, email: email, fullName: fullName, id: userId, updatedAt: userUpdated),
                    userId: userId))
            }
            for try await count in try await client.query("SELECT COUNT(*) FROM orders", logger: logger).decode(Int.self) { total = count }
            return try OffsetPage(hasNext: page * limit < total, items: items, limit: limit, page: page, totalCount: total)
                .response(from: request, context: context)
        }
        let rows = try await client.query(
            "SELECT id, user_id, address_id, status, payment_method, created_at, updated_at FROM orders ORDER BY id ASC LIMIT \(limit) OFFSET \((page - 1) * limit)",
            logger: logger)
        var items: [Order] = []
        for try await (id, userId, addressId, status, payment, created, updated) in rows.decode((Int, Int, Int, String, String, Date, Date).self) {
            items.append(Order(
                addressId: addressId, createdAt: created, id: id, paymentMethod: payment, status: status, updatedAt: updated,
                userId: userId))
        }
        for try await count in try await client.query("SELECT COUNT(*) FROM orders", logger: logger).decode(Int.self) { total = count }
        return try OffsetPage(hasNext: page * limit < total, items: items, limit: limit, page: page, totalCount: total)
            .response(from: request, context: context)
    }

    // The order with its customer and delivery address: one JOIN, as one would write it for a single order.
    router.get("/orders/{id}") { request, context -> Response in
        let id = try context.parameters.require("id", as: Int.self)
        let profile = request.uri.queryParameters["profile"]
        guard profile == nil || profile == "withCustomer" else {
            throw APIError.badRequest("unknown profile '\(profile!)'; this server knows withCustomer", parameter: "profile")
        }
        guard profile != nil else {
            let rows = try await client.query(
                "SELECT id, user_id, address_id, status, payment_method, created_at, updated_at FROM orders WHERE id = \(id)",
                logger: logger)
            for try await (id, userId, addressId, status, payment, created, updated) in rows.decode((Int, Int, Int, String, String, Date, Date).self) {
                let order = Order(
                    addressId: addressId, createdAt: created, id: id, paymentMethod: payment, status: status,
                    updatedAt: updated, userId: userId)
                return try order.response(from: request, context: context)
            }
            throw APIError.notFound("Order", id)
        }
        let rows = try await client.query(
            """
            SELECT o.id, o.user_id, o.address_id, o.status, o.payment_method, o.created_at, o.updated_at,
                   u.full_name, u.email, u.created_at, u.updated_at,
                   a.label, a.street, a.city, a.country, a.zip_code
            FROM orders o JOIN users u ON u.id = o.user_id JOIN addresses a ON a.id = o.address_id
            WHERE o.id = \(id)
            """, logger: logger)
        for try await (id, userId, addressId, status, payment, created, updated, fullName, email, userCreated, userUpdated,
                       label, street, city, country, zip) in rows.decode(
            (Int, Int, Int, String, String, Date, Date, String, String, Date, Date, String, String, String, String, String).self)
        {
            let order = OrderWithCustomer(
                address: Address(city: city, country: country, id: addressId, label: label, street: street, userId: userId, zipCode: zip),
                addressId: addressId, createdAt: created, id: id, paymentMethod: payment, status: status, updatedAt: updated,
                user: User(createdAt: userCreated, email: email, fullName: fullName, id: userId, updatedAt: userUpdated),
                userId: userId)
            return try order.response(from: request, context: context)
        }
        throw APIError.notFound("Order", id)
    }
}

// MARK: Main

let environment = ProcessInfo.processInfo.environment
if environment["BASELINE_EXECUTOR"] == "nio" {
    // Before any task runs: handlers then resume on the event loop threads that do the I/O, with no hop between
    // those and Swift's cooperative pool.
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}
let port = Int(environment["PORT"] ?? "") ?? 8001
let poolSize = Int(environment["DATABASE_POOL_SIZE"] ?? "") ?? 20
guard let url = URLComponents(string: environment["DATABASE_URL"] ?? ""), let host = url.host else {
    FileHandle.standardError.write(Data("BaselineServer: set DATABASE_URL=postgres://user@host:port/database\n".utf8))
    exit(1)
}
var configuration = PostgresClient.Configuration(
    host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password,
    database: url.path.split(separator: "/").first.map(String.init), tls: .disable)
configuration.options.maximumConnections = poolSize
if environment["BASELINE_POOL"] == "static" {
    configuration.options.minimumConnections = poolSize
    configuration.options.keepAliveBehavior = nil
}

var logger = Logger(label: "baseline")
logger.logLevel = .info
let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
let router = Router(context: AppContext.self)
router.add(middleware: RequestIDMiddleware())
routes(router, client: client, logger: logger)
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "baseline"),
    services: [client],
    onServerRunning: { _ in print("baseline listening on http://127.0.0.1:\(port)") },
    logger: logger)
try await app.runService()
