import Hummingbird
import LoomRuntime

/// Cached GETs: the answer's bytes come from the read cache when current, and are stored after a miss. Every
/// answer, cached or fresh, carries an `ETag` (a strong one, of its bytes) and `Cache-Control: no-cache` — a
/// client may keep it but must ask again, so it never shows a row older than the last write it could have seen — and
/// an `If-None-Match` naming the current tag is answered 304 without a body. Only 200s are stored.
enum ReadCaching {
    static func answer(
        _ request: Request, key: String, cache: ReadCache, dependencies: [String], label: String, ttlSeconds: Int, caller: Caller,
        _ read: () async throws -> Response
    ) async throws -> Response {
        let lookup = await cache.lookup(key: key, dependencies: dependencies, label: label, ttlSeconds: ttlSeconds)
        if case .hit(let answer) = lookup { return respond(answer, body: nil, request: request, caller: caller) }
        let response = try await read()
        guard response.status == .ok else { return response }
        let body = try await collect(response.body)
        let answer = ReadCache.Answer(body: Array(buffer: body))
        // A miss stores it; a bypass (the cache out of reach) answers it as it is, with its tag all the same.
        if case .miss(let fill) = lookup { await cache.store(fill, answer) }
        return respond(answer, body: body, request: request, caller: caller)
    }

    /// The key of a GET: its path and query (parameters in a canonical order) and what the caller may read.
    static func key(_ request: Request, rights: String) -> String {
        var key = request.uri.path
        if let query = request.uri.query, !query.isEmpty {
            key += "?" + query.split(separator: "&").sorted().joined(separator: "&")
        }
        return rights.isEmpty ? key : key + "#" + rights
    }

    static func respond(_ answer: ReadCache.Answer, body: ByteBuffer?, request: Request, caller: Caller) -> Response {
        var headers: HTTPFields = [.eTag: answer.etag, .cacheControl: caller == .anonymous ? "no-cache" : "private, no-cache"]
        if let tags = request.headers[.ifNoneMatch], matches(tags, answer.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body ?? ByteBuffer(bytes: answer.body)))
    }

    /// `If-None-Match`: `*`, or a list of tags, weak ones compared weakly (RFC 9110 §13.1.2). A tag sent
    /// percent-encoded (`%22abc%22`) is read decoded: Swift OpenAPI Generator's clients encode header values that way
    /// (apple/swift-openapi-generator#529), and a quote is never part of a tag's own characters.
    static func matches(_ header: String, _ etag: String) -> Bool {
        let header = header.contains("%") ? header.removingPercentEncoding ?? header : header
        return header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }

    /// The bytes of a response's body, written into one buffer.
    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = BodyCollector()
        try await body.write(collector)
        return collector.buffer
    }
}

/// A `ResponseBodyWriter` that keeps what is written.
private final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// A custom read route the schema caches (`GET "/low-stock" -> … cache ttl 30s`): generated routes wrap their body
/// in `respond`. Its Swift code may read any model, so its answers depend on every write (`CacheKeys.database`).
public enum CachedRoute {
    public static func respond<Context: LoomRequestContext>(
        _ request: Request, context: Context, database: Database, ttlSeconds: Int, _ body: () async throws -> Response
    ) async throws -> Response {
        guard let cache = database.readCache else { return try await body() }
        // A caller with an identity may read what another may not: its answers are its own (its fields in name order,
        // so every server keys it alike).
        let rights = context.identity.map { principal in
            principal.values.sorted { $0.key < $1.key }.map { "\($0.key)=\(CacheKeys.text($0.value))" }.joined(separator: ",")
        } ?? ""
        return try await ReadCaching.answer(
            request, key: "u|" + ReadCaching.key(request, rights: rights), cache: cache, dependencies: [CacheKeys.database],
            label: context.endpointPath ?? "route", ttlSeconds: ttlSeconds, caller: context.caller, body)
    }
}
