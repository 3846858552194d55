import NIOPosix
import Synchronization

/// A small pool of hiredis connections whose blocking calls run on their own threads (an `NIOThreadPool`), never on
/// the HTTP server's event loops. A connection that fails is dropped; the next command opens a new one, so a restarted
/// Redis is picked up without a restart here. Written here because no Redis client over hiredis is in the package
/// graph (and the project links hiredis on purpose: see `docs/jobs.md`).
public final class RedisClient: Sendable {
    public let url: RedisURL
    let timeout: Duration
    private let threads: NIOThreadPool
    private let idle = Mutex<[(connection: RedisConnection, since: ContinuousClock.Instant)]>([])
    private let scriptHashes = Mutex<[String: String]>([:])
    /// After a failed connect, no other is tried before this: while Redis is down, commands fail at once instead of
    /// each waiting for its own connect timeout.
    private let unreachableUntil = Mutex<ContinuousClock.Instant?>(nil)

    /// `threads` bounds how many commands are in flight at once (one connection per thread).
    public init(url: RedisURL, threads: Int = 4, timeout: Duration = .seconds(5)) {
        self.url = url
        self.timeout = timeout
        self.threads = NIOThreadPool(numberOfThreads: max(1, threads))
        self.threads.start()
    }

    /// Sends the commands in one round trip (a pipeline) and returns their replies in order; an error reply comes back
    /// as `.error`, a lost connection throws `RedisError.connection`. `evenIfUnreachable`: try to connect even within
    /// the second after a failed connect, for a command that must not be skipped while Redis may be back.
    public func pipeline(_ commands: [[String]], evenIfUnreachable: Bool = false) async throws -> [RedisValue] {
        try await threads.runIfActive { [self] in
            let connection = try lend(evenIfUnreachable: evenIfUnreachable)
            do {
                let replies = try connection.run(commands)
                idle.withLock { $0.append((connection, .now)) }
                return replies
            } catch let error as RedisError {
                // One connection lost: Redis went away or restarted, and the idle ones are most likely dead too.
                if case .connection = error { idle.withLock { $0.removeAll() } }
                throw error
            }
        }
    }

    /// An idle connection, checked with a PING when it has been idle for a while (Redis may have restarted since,
    /// and a command on a dead connection cannot tell whether it ran); else a new one.
    private func lend(evenIfUnreachable: Bool) throws -> RedisConnection {
        while let (connection, since) = idle.withLock({ $0.popLast() }) {
            if ContinuousClock.now - since < .seconds(5) { return connection }
            if (try? connection.run([["PING"]])) != nil { return connection }
        }
        if !evenIfUnreachable, let until = unreachableUntil.withLock({ $0 }), ContinuousClock.now < until {
            throw RedisError.connection("\(url.host):\(url.port) did not answer a moment ago")
        }
        do {
            let connection = try RedisConnection(url: url, timeout: timeout)
            unreachableUntil.withLock { $0 = nil }
            return connection
        } catch {
            unreachableUntil.withLock { $0 = .now + .seconds(1) }
            throw error
        }
    }

    /// One command; an error reply throws `RedisError.reply`.
    @discardableResult
    public func command(_ arguments: String...) async throws -> RedisValue {
        try await command(arguments)
    }

    @discardableResult
    public func command(_ arguments: [String]) async throws -> RedisValue {
        let reply = try await pipeline([arguments])[0]
        if case .error(let message) = reply { throw RedisError.reply(message) }
        return reply
    }

    /// Runs a Lua script by its hash (`EVALSHA`), loading it first when Redis does not know it (at first use, or after
    /// Redis restarted).
    public func script(_ source: String, keys: [String] = [], arguments: [String]) async throws -> RedisValue {
        let tail = [String(keys.count)] + keys + arguments
        if let hash = scriptHashes.withLock({ $0[source] }) {
            let reply = try await pipeline([["EVALSHA", hash] + tail])[0]
            switch reply {
            case .error(let message) where message.hasPrefix("NOSCRIPT"): break
            case .error(let message): throw RedisError.reply(message)
            default: return reply
            }
        }
        guard let hash = try await command("SCRIPT", "LOAD", source).string else {
            throw RedisError.unexpected("SCRIPT LOAD returned no hash")
        }
        scriptHashes.withLock { $0[source] = hash }
        return try await command(["EVALSHA", hash] + tail)
    }

    /// Closes every connection and stops the threads.
    public func shutdown() async throws {
        idle.withLock { $0.removeAll() }
        try await threads.shutdownGracefully()
    }
}
