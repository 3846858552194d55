import CLibpq
import Foundation
import LoomRuntime
import Synchronization

/// One PostgreSQL session in libpq's pipeline mode, driven by a thread of its own: the queries of every caller that
/// picks this connection are sent as they arrive, without waiting for the answers before them, and the answers are
/// handed back in order. No Swift package speaks pipelined PostgreSQL (postgres-nio runs one statement per round trip
/// per connection), hence this driver over Debian's libpq (docs/benchmarks.md: 3.3× the queries per second of
/// postgres-nio's pool at a quarter of the CPU).
///
/// Each statement is followed by its own Sync, so each runs in its own implicit transaction, as without a pipeline: an
/// error fails that statement only, and never rolls back a neighbour's write already answered as done. A statement
/// with a name is prepared on the connection the first time it is sent (a Parse in the same pipeline).
///
/// The thread sleeps in poll() on the socket and an eventfd that callers write when they queue work for a sleeping
/// driver. When the session breaks (the server went away), every statement under way fails as `unavailable`, and the
/// thread connects again, with a back-off, while statements wait at most until their deadline.
final class PipelinedConnection: @unchecked Sendable {
    struct Statement: Sendable {
        /// A prepared statement's name; nil: parsed anew.
        var name: String?
        var sql: String
        var parameters: [BoundValue]
    }

    /// A PGresult handed from the driver thread to the caller, who owns it from then on (and clears it).
    struct Result: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private struct Request {
        var id: UInt64
        var statement: Statement
        var deadline: ContinuousClock.Instant
        var continuation: UnsafeContinuation<Result, any Error>
    }

    private struct Queue: ~Copyable {
        var pending: [Request] = []
        var sleeping = false
        var closed = false
    }

    private enum InFlight {
        case prepare(String)
        case query(Request)
        case sync
    }

    let settings: LibpqSettings
    static let preparedLimit = 2_000
    private let wakeFD: Int32
    private let queue = Mutex(Queue())
    private let stopped = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let finished = Atomic<Bool>(false)
    private let nextID = Atomic<UInt64>(0)
    private let connected = Atomic<Bool>(false)

    init(settings: LibpqSettings, name: String) {
        self.settings = settings
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        let thread = Thread { [self] in self.drive() }
        thread.name = name
        thread.start()
    }

    /// Read by every statement the engine routes (an atomic: the queue's lock is the drivers' and callers' hot spot).
    var isConnected: Bool { connected.load(ordering: .relaxed) }

    /// Queues `statement` and waits for its result. Waits for a connection at most until `deadline`. Cancelled while
    /// still queued (the session down), it is withdrawn at once; once sent, it runs to its end (its result dropped
    /// by the caller), bounded by `statement_timeout`: a pipeline cannot take one statement back.
    func run(_ statement: Statement, deadline: ContinuousClock.Instant) async throws -> Result {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                let request = Request(id: id, statement: statement, deadline: deadline, continuation: continuation)
                let (wake, closed): (Bool, Bool) = queue.withLock { queue in
                    if queue.closed { return (false, true) }
                    queue.pending.append(request)
                    defer { queue.sleeping = false }
                    return (queue.sleeping, false)
                }
                if closed {
                    continuation.resume(throwing: LoomError.unavailable(message: "the database connection is closed"))
                } else if wake {
                    signal()
                }
            }
        } onCancel: {
            let withdrawn: Request? = queue.withLock { queue in
                guard let index = queue.pending.firstIndex(where: { $0.id == id }) else { return nil }
                return queue.pending.remove(at: index)
            }
            withdrawn?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Ends the session once what is under way is answered; returns when the thread has finished.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            // The thread resumes it as it finishes; if it finished already, nobody will.
            let waiting = stopped.withLock { stopped -> Bool in
                guard !finished.load(ordering: .acquiring) else { return false }
                stopped = continuation
                return true
            }
            if !waiting { return continuation.resume() }
            queue.withLock { $0.closed = true }
            signal()
        }
    }

    private func signal() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    // MARK: The driver thread

    private func drive() {
        var connection: OpaquePointer?
        var prepared: Set<String> = []
        var inFlight: [InFlight] = []
        var head = 0
        var batch: [Request] = []
        var wantWrite = false
        var backoff = 0.05
        var refusedPrepare: OpaquePointer?

        /// The session broke: everything sent fails as unavailable (it may or may not have run), and the next
        /// statements wait for a new session.
        func broken(_ message: String) {
            let error = LoomError.unavailable(message: "the database connection was lost (\(message)); try again")
            for case .query(let request) in inFlight[head...] { request.continuation.resume(throwing: error) }
            inFlight.removeAll(keepingCapacity: true)
            head = 0
            if let refused = refusedPrepare { PQclear(refused) }
            refusedPrepare = nil
            if let current = connection { PQfinish(current) }
            connection = nil
            prepared.removeAll()
            wantWrite = false
            connected.store(false, ordering: .relaxed)
        }

        while true {
            let closing = queue.withLock { $0.closed }
            if connection == nil {
                if closing { break }
                connection = connect()
                if connection == nil {
                    failExpired(message: "the database is unreachable")
                    wait(seconds: backoff)
                    backoff = min(backoff * 2, 1)
                    continue
                }
                backoff = 0.05
                connected.store(true, ordering: .relaxed)
            }
            guard let current = connection else { continue }

            // Send what callers queued, each statement with its own Sync.
            let closed = queue.withLock { queue in
                swap(&batch, &queue.pending)
                return queue.closed
            }
            if closed && batch.isEmpty && head == inFlight.count { break }
            var failure: String?
            for (index, request) in batch.enumerated() {
                // The session failed while sending: what was not sent yet waits for the next session.
                if failure != nil {
                    let unsent = batch[index...]
                    queue.withLock { $0.pending.insert(contentsOf: unsent, at: 0) }
                    break
                }
                var request = request
                // A session keeps at most this many statements prepared; past it, the rest are parsed each time.
                if let name = request.statement.name, !prepared.contains(name), prepared.count >= Self.preparedLimit {
                    request.statement.name = nil
                }
                if let name = request.statement.name, !prepared.contains(name) {
                    let types = request.statement.parameters.map(\.type)
                    guard PQsendPrepare(current, name, request.statement.sql, Int32(types.count), types) == 1,
                          PQpipelineSync(current) == 1
                    else {
                        failure = String(cString: PQerrorMessage(current))
                        request.continuation.resume(throwing: LoomError.unavailable(message: "the database connection was lost; try again"))
                        continue
                    }
                    prepared.insert(name)
                    inFlight.append(.prepare(name))
                    inFlight.append(.sync)
                }
                guard send(request.statement, on: current), PQpipelineSync(current) == 1 else {
                    failure = String(cString: PQerrorMessage(current))
                    request.continuation.resume(throwing: LoomError.unavailable(message: "the database connection was lost; try again"))
                    continue
                }
                inFlight.append(.query(request))
                inFlight.append(.sync)
            }
            batch.removeAll(keepingCapacity: true)
            if let failure {
                broken(failure)
                continue
            }
            if head < inFlight.count {
                let flushed = PQflush(current)
                if flushed < 0 {
                    broken(String(cString: PQerrorMessage(current)))
                    continue
                }
                wantWrite = flushed == 1
            }

            // Sleep in poll() unless more is queued already.
            let timeout: Int32 = queue.withLock { queue in
                guard queue.pending.isEmpty && !queue.closed else { return 0 }
                queue.sleeping = true
                return -1
            }
            let socket = PQsocket(current)
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
                let flushed = PQflush(current)
                if flushed < 0 {
                    broken(String(cString: PQerrorMessage(current)))
                    continue
                }
                wantWrite = flushed == 1
            }
            guard fds[0].revents & (Int16(POLLIN) | Int16(POLLERR) | Int16(POLLHUP)) != 0 else { continue }
            guard PQconsumeInput(current) == 1 else {
                broken(String(cString: PQerrorMessage(current)))
                continue
            }
            // In order: a result then a NULL for each Parse and each statement, a PGRES_PIPELINE_SYNC (no NULL) for
            // each Sync. A NULL while not busy ends the previous statement's results; two in a row would be a stall.
            var nulls = 0
            results: while head < inFlight.count, PQisBusy(current) == 0 {
                guard let result = PQgetResult(current) else {
                    nulls += 1
                    if nulls > 1 { break results }
                    continue
                }
                nulls = 0
                let status = PQresultStatus(result)
                let entry = inFlight[head]
                head += 1
                switch entry {
                case .sync:
                    PQclear(result)
                    guard status == PGRES_PIPELINE_SYNC else {
                        broken("the pipeline is out of step")
                        break results
                    }
                case .prepare(let name):
                    if status == PGRES_COMMAND_OK {
                        PQclear(result)
                    } else {
                        // The statement's own error (a syntax error, an unknown column) is what its caller gets, not
                        // the "does not exist" of the execute that follows.
                        prepared.remove(name)
                        refusedPrepare = result
                    }
                case .query(let request):
                    if let refused = refusedPrepare, request.statement.name != nil {
                        refusedPrepare = nil
                        PQclear(result)
                        request.continuation.resume(returning: Result(pointer: refused))
                    } else {
                        request.continuation.resume(returning: Result(pointer: result))
                    }
                }
            }
            if connection != nil, PQstatus(current) != CONNECTION_OK {
                broken(String(cString: PQerrorMessage(current)))
                continue
            }
            if head == inFlight.count {
                inFlight.removeAll(keepingCapacity: true)
                head = 0
            }
        }
        if let connection { PQfinish(connection) }
        failExpired(message: "the database connection is closed", all: true)
        Glibc.close(wakeFD)
        let waiting = stopped.withLock { stopped in
            finished.store(true, ordering: .releasing)
            defer { stopped = nil }
            return stopped
        }
        waiting?.resume()
    }

    /// A statement with its parameters in binary, asking for text results.
    private func send(_ statement: Statement, on connection: OpaquePointer) -> Bool {
        BoundValue.withParameters(statement.parameters) { count, types, values, lengths, formats in
            if let name = statement.name {
                PQsendQueryPrepared(connection, name, count, values, lengths, formats, 0)
            } else {
                PQsendQueryParams(connection, statement.sql, count, types, values, lengths, formats, 0)
            }
        } == 1
    }

    /// A new session in pipeline mode, or nil when the server cannot be reached.
    private func connect() -> OpaquePointer? {
        guard let connection = settings.connect() else { return nil }
        guard PQstatus(connection) == CONNECTION_OK, PQsetnonblocking(connection, 1) == 0, PQenterPipelineMode(connection) == 1 else {
            PQfinish(connection)
            return nil
        }
        return connection
    }

    /// Fails the queued statements whose deadline has passed (all of them when closing).
    private func failExpired(message: String, all: Bool = false) {
        let now = ContinuousClock.now
        let expired: [Request] = queue.withLock { queue in
            let (expired, waiting) = queue.pending.partitioned { all || $0.deadline <= now }
            queue.pending = waiting
            return expired
        }
        for request in expired {
            request.continuation.resume(throwing: LoomError.unavailable(message: "\(message); try again"))
        }
    }

    /// Sleeps up to `seconds`, or until a caller queues a statement.
    private func wait(seconds: Double) {
        var fds = [pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
        if poll(&fds, 1, Int32(seconds * 1000)) > 0 {
            var count: UInt64 = 0
            _ = read(wakeFD, &count, 8)
        }
    }
}

extension Array {
    /// (the elements for which `belongs` holds, the others), each in order.
    fileprivate func partitioned(_ belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = []
        var no: [Element] = []
        for element in self {
            if belongs(element) { yes.append(element) } else { no.append(element) }
        }
        return (yes, no)
    }
}
