import CLibpq
import Foundation
import Synchronization

// Mode (c): libpq in pipeline mode. Each connection is non-blocking, in pipeline mode, with its statements prepared
// once (PQprepare, before entering pipeline mode), and owned by a dedicated driver thread that sleeps in poll() on the
// connection's socket and an eventfd. A request task appends its query to the connection's queue (under a mutex),
// wakes the driver through the eventfd only when the driver sleeps, and suspends on a continuation. The driver sends
// every queued query (PQsendQueryPrepared, the int8 bind and the results in binary) followed by one PQpipelineSync per
// batch, flushes, and reads the results in order, resuming each request's continuation with its PGresult; the request
// task decodes the rows on its own thread (the global executor's), so the driver only moves bytes.
//
// Errors: a query's PGRES_FATAL_ERROR goes to its caller. PostgreSQL then skips the rest of the batch up to the sync
// (PGRES_PIPELINE_ABORTED): those queries never ran, so the driver sends them again once, in the next batch; a query
// aborted twice fails with `aborted`. A broken connection fails every queued and in-flight query.

/// A PGresult handed from the driver thread to the request task, which owns it from then on (and PQclears it).
struct PGResult: @unchecked Sendable {
    let pointer: OpaquePointer
}

struct PostgresServerError: Error, CustomStringConvertible {
    var description: String
}

enum PipelineStatement: Sendable {
    case getByID, page, failing

    /// Statement names as C strings, without an allocation per query.
    var name: StaticString {
        switch self {
        case .getByID: "get"
        case .page: "page"
        case .failing: "fail"
        }
    }

    var sql: String {
        switch self {
        case .getByID: SQL.getByID
        case .page: SQL.page
        case .failing: "SELECT 1 / $1::int8"  // division by zero with 0: the error-isolation check
        }
    }
}

final class PipelineConnection: @unchecked Sendable {
    enum Completion {
        case continuation(UnsafeContinuation<PGResult, any Error>)
        case callback(@Sendable (Result<PGResult, any Error>) -> Void)

        func complete(_ result: Result<PGResult, any Error>) {
            switch self {
            case .continuation(let continuation): continuation.resume(with: result)
            case .callback(let callback): callback(result)
            }
        }
    }

    struct Request {
        var statement: PipelineStatement
        var parameter: Int64
        var completion: Completion
        var attempts = 0
    }

    struct Queue: ~Copyable {
        var pending: [Request] = []
        var sleeping = false
        var closed = false
        var broken: String?
    }

    private let connection: OpaquePointer
    private let wakeFD: Int32
    private let queue = Mutex(Queue())
    let retried = Atomic<Int>(0)  // queries sent again after PGRES_PIPELINE_ABORTED
    let batches = Atomic<Int>(0)  // syncs sent: queries ÷ batches is the mean batch

    init(conninfo: String) throws {
        guard let connection = PQconnectdb(conninfo) else { throw PostgresServerError(description: "PQconnectdb") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresServerError(description: message)
        }
        self.connection = connection
        for statement in [PipelineStatement.getByID, .page, .failing] {
            var int8 = Oid(20)
            let result = PQprepare(
                connection, Self.cName(statement.name), statement.sql, 1, &int8)
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COMMAND_OK else {
                throw PostgresServerError(description: String(cString: PQresultErrorMessage(result)))
            }
        }
        guard PQsetnonblocking(connection, 1) == 0, PQenterPipelineMode(connection) == 1 else {
            throw PostgresServerError(description: String(cString: PQerrorMessage(connection)))
        }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        let thread = Thread { [self] in self.drive() }
        thread.name = "libpq-pipeline"
        thread.start()
    }

    static func cName(_ name: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// Queues one query and waits for its result.
    func submit(_ statement: PipelineStatement, _ parameter: Int64) async throws -> PGResult {
        try await withUnsafeThrowingContinuation { continuation in
            enqueue([Request(statement: statement, parameter: parameter, completion: .continuation(continuation))])
        }
    }

    /// Queues several queries at once, so that they go in one batch (the error-isolation check).
    func submitTogether(_ queries: [(PipelineStatement, Int64)]) async -> [Result<PGResult, any Error>] {
        final class Collector: Sendable {
            let results = Mutex<[Int: Result<PGResult, any Error>]>([:])
        }
        let collector = Collector()
        let count = queries.count
        return await withUnsafeContinuation { (continuation: UnsafeContinuation<[Result<PGResult, any Error>], Never>) in
            let requests = queries.enumerated().map { index, query in
                Request(statement: query.0, parameter: query.1, completion: .callback { result in
                    let all: [Result<PGResult, any Error>]? = collector.results.withLock { results in
                        results[index] = result
                        return results.count == count ? (0..<count).map { results[$0]! } : nil
                    }
                    if let all { continuation.resume(returning: all) }
                })
            }
            enqueue(requests)
        }
    }

    private func enqueue(_ requests: [Request]) {
        let (wake, refusal): (Bool, String?) = queue.withLock { queue in
            if let broken = queue.broken { return (false, broken) }
            if queue.closed { return (false, "closed") }
            queue.pending.append(contentsOf: requests)
            if queue.sleeping {
                queue.sleeping = false
                return (true, nil)
            }
            return (false, nil)
        }
        if let refusal {
            for request in requests { request.completion.complete(.failure(PostgresServerError(description: refusal))) }
        } else if wake {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    func close() {
        let wake = queue.withLock { queue in
            queue.closed = true
            return true
        }
        if wake {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    // MARK: The driver thread

    private enum InFlight {
        case query(Request)
        case sync
    }

    private func drive() {
        var inFlight: [InFlight] = []
        var head = 0  // inFlight[head...] awaits results
        var batch: [Request] = []
        var retry: [Request] = []
        let socket = PQsocket(connection)
        var wantWrite = false

        func fail(_ message: String) {
            let error = PostgresServerError(description: message)
            let pending = queue.withLock { queue in
                queue.broken = message
                return queue.pending
            }
            for case .query(let request) in inFlight[head...] { request.completion.complete(.failure(error)) }
            for request in pending + retry + batch { request.completion.complete(.failure(error)) }
            inFlight = []
            head = 0
            retry = []
            batch = []
        }

        while true {
            // Send what the request tasks queued, and the queries to retry, as one batch closed by a sync.
            let closed = queue.withLock { queue in
                swap(&batch, &queue.pending)
                return queue.closed
            }
            if !retry.isEmpty {
                batch.insert(contentsOf: retry, at: 0)
                retry.removeAll(keepingCapacity: true)
            }
            if closed && batch.isEmpty && head == inFlight.count { break }
            if !batch.isEmpty {
                for request in batch {
                    var value = request.parameter.bigEndian
                    let sent = withUnsafeBytes(of: &value) { bytes -> Int32 in
                        var values: [UnsafePointer<CChar>?] = [bytes.baseAddress!.assumingMemoryBound(to: CChar.self)]
                        var length: Int32 = 8
                        var format: Int32 = 1  // binary
                        return PQsendQueryPrepared(
                            connection, Self.cName(request.statement.name), 1, &values, &length, &format, 1)
                    }
                    if sent == 1 {
                        inFlight.append(.query(request))
                    } else {
                        request.completion.complete(.failure(PostgresServerError(
                            description: String(cString: PQerrorMessage(connection)))))
                    }
                }
                batch.removeAll(keepingCapacity: true)
                guard PQpipelineSync(connection) == 1 else {
                    fail(String(cString: PQerrorMessage(connection)))
                    continue
                }
                inFlight.append(.sync)
                batches.wrappingAdd(1, ordering: .relaxed)
                let flushed = PQflush(connection)
                guard flushed >= 0 else {
                    fail(String(cString: PQerrorMessage(connection)))
                    continue
                }
                wantWrite = flushed == 1
            }

            // Sleep in poll() unless more queries are queued already.
            let timeout: Int32 = queue.withLock { queue in
                if queue.pending.isEmpty && !queue.closed && retry.isEmpty {
                    queue.sleeping = true
                    return -1
                }
                return 0
            }
            var fds = [
                pollfd(fd: socket, events: Int16(POLLIN) | (wantWrite ? Int16(POLLOUT) : 0), revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, timeout)
            if timeout == -1 { queue.withLock { $0.sleeping = false } }
            guard ready > 0 else { continue }
            if fds[1].revents != 0 {
                var count: UInt64 = 0
                _ = read(wakeFD, &count, 8)
            }
            if fds[0].revents & Int16(POLLOUT) != 0 {
                let flushed = PQflush(connection)
                guard flushed >= 0 else {
                    fail(String(cString: PQerrorMessage(connection)))
                    continue
                }
                wantWrite = flushed == 1
            }
            if fds[0].revents & (Int16(POLLIN) | Int16(POLLERR) | Int16(POLLHUP)) != 0 {
                guard PQconsumeInput(connection) == 1 else {
                    fail(String(cString: PQerrorMessage(connection)))
                    continue
                }
                // Results come in the order the queries were sent: one PGresult then a NULL per query, and a
                // PGRES_PIPELINE_SYNC (no NULL after it) per batch.
                var nulls = 0
                while head < inFlight.count && PQisBusy(connection) == 0 {
                    guard let result = PQgetResult(connection) else {
                        nulls += 1
                        if nulls > 1 { break }  // never expected; do not spin
                        continue
                    }
                    nulls = 0
                    let status = PQresultStatus(result)
                    let entry = inFlight[head]
                    head += 1
                    switch (entry, status) {
                    case (.sync, PGRES_PIPELINE_SYNC):
                        PQclear(result)
                    case (.query(let request), PGRES_TUPLES_OK):
                        request.completion.complete(.success(PGResult(pointer: result)))
                    case (.query(var request), PGRES_PIPELINE_ABORTED):
                        PQclear(result)
                        request.attempts += 1
                        if request.attempts < 2 {
                            retried.wrappingAdd(1, ordering: .relaxed)
                            retry.append(request)
                        } else {
                            request.completion.complete(.failure(PostgresServerError(description: "aborted")))
                        }
                    case (.query(let request), _):
                        let message = String(cString: PQresultErrorMessage(result))
                        PQclear(result)
                        request.completion.complete(.failure(PostgresServerError(description: message)))
                    case (.sync, _):
                        PQclear(result)
                        fail("pipeline out of step: \(status) where a sync was expected")
                    }
                }
                if head == inFlight.count {
                    inFlight.removeAll(keepingCapacity: true)
                    head = 0
                }
            }
        }
        PQfinish(connection)
        Glibc.close(wakeFD)
    }
}

/// Decodes a binary PGresult of `products` rows, then frees it.
func decodeProducts(_ result: PGResult) throws -> [Product] {
    let result = result.pointer
    defer { PQclear(result) }
    guard PQnfields(result) == 8 else { throw BenchmarkError("\(PQnfields(result)) columns") }
    let count = PQntuples(result)
    var products: [Product] = []
    products.reserveCapacity(Int(count))
    for row in 0..<count {
        func bytes(_ column: Int32) throws -> UnsafeRawBufferPointer {
            guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else {
                throw BenchmarkError("NULL in column \(column)")
            }
            return UnsafeRawBufferPointer(start: value, count: Int(PQgetlength(result, row, column)))
        }
        func int64(_ column: Int32) throws -> Int64 {
            let value = try bytes(column)
            guard value.count == 8 else { throw BenchmarkError("column \(column): \(value.count) bytes for an int8") }
            return Int64(bigEndian: value.loadUnaligned(as: Int64.self))
        }
        func string(_ column: Int32) throws -> String { String(decoding: try bytes(column), as: UTF8.self) }
        // timestamptz: microseconds since 2000-01-01 UTC, decoded as postgres-nio does.
        func date(_ column: Int32) throws -> Date {
            Date(timeInterval: Double(try int64(column)) / 1_000_000, since: postgresEpoch)
        }
        products.append(Product(
            id: try int64(0), sku: try string(1), name: try string(2), category: try string(3),
            priceCents: try int64(4), stock: try int64(5), createdAt: try date(6), updatedAt: try date(7)))
    }
    return products
}

let postgresEpoch = Date(timeIntervalSince1970: 946_684_800)

final class LibpqMode: PathMode {
    let name: String
    let connections: [PipelineConnection]
    let next = Counter()

    init(_ settings: Settings, connections count: Int) throws {
        name = "c. libpq pipeline (\(count) conn, \(count) threads)"
        let conninfo = "host=\(settings.host) port=\(settings.port) user=\(settings.user) dbname=\(settings.database)"
        connections = try (0..<count).map { _ in try PipelineConnection(conninfo: conninfo) }
    }

    func connection() -> PipelineConnection {
        connections[next.value.wrappingAdd(1, ordering: .relaxed).oldValue % connections.count]
    }

    func getByID(_ id: Int64, worker: Int) async throws -> Product {
        let products = try decodeProducts(try await connection().submit(.getByID, id))
        guard products.count == 1 else { throw BenchmarkError("get \(id): \(products.count) rows") }
        return products[0]
    }

    func page(after id: Int64, worker: Int) async throws -> [Product] {
        try decodeProducts(try await connection().submit(.page, id))
    }

    /// One batch of four queries whose second fails: the error reaches the second caller only; the two it aborted
    /// are sent again and succeed.
    func checkErrorIsolation() async throws {
        let connection = connections[0]
        let results = await connection.submitTogether([(.getByID, 1), (.failing, 0), (.getByID, 2), (.getByID, 3)])
        var outcome: [String] = []
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let rows):
                let products = try decodeProducts(rows)
                guard index != 1, products.first?.id == [1, 0, 2, 3][index] else {
                    throw BenchmarkError("query \(index) answered \(products)")
                }
                outcome.append("ok")
            case .failure(let error):
                guard index == 1, "\(error)".contains("division by zero") else {
                    throw BenchmarkError("query \(index) failed: \(error)")
                }
                outcome.append("error")
            }
        }
        log("libpq error isolation: \(outcome), \(connection.retried.load(ordering: .relaxed)) queries retried")
    }

    /// Syncs sent so far, over every connection.
    var batches: Int { connections.reduce(0) { $0 + $1.batches.load(ordering: .relaxed) } }

    func shutdown() async {
        for connection in connections { connection.close() }
    }
}
