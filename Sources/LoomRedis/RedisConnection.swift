import CHiredis
import Foundation

/// One blocking hiredis connection. Not thread-safe: `RedisClient` lends it to one thread-pool thread at a time.
/// Commands go out as argument vectors with explicit lengths (`redisAppendCommandArgv`), never as formatted strings,
/// so no argument can break the protocol, whatever bytes it holds.
final class RedisConnection: @unchecked Sendable {
    private let context: UnsafeMutablePointer<redisContext>

    /// Connects, authenticates and selects the database; throws `RedisError.connection` when any of it fails.
    init(url: RedisURL, timeout: Duration) throws {
        let time = Self.timeval(timeout)
        guard let context = redisConnectWithTimeout(url.host, Int32(url.port), time) else {
            throw RedisError.connection("cannot allocate a connection")
        }
        if context.pointee.err != 0 {
            let message = Self.errorText(context)
            redisFree(context)
            throw RedisError.connection("\(url.host):\(url.port): \(message)")
        }
        self.context = context
        // Every later read and write is bounded too: a Redis that stops answering is an error, not a hang.
        _ = redisSetTimeout(context, time)
        _ = redisEnableKeepAlive(context)
        if let password = url.password {
            try expectOK(try run([url.username.map { ["AUTH", $0, password] } ?? ["AUTH", password]]))
        }
        if url.database != 0 { try expectOK(try run([["SELECT", String(url.database)]])) }
    }

    deinit { redisFree(context) }

    /// Sends the commands in one write and reads their replies, in order (a pipeline). An error reply is returned as
    /// `.error`; a broken connection throws (and this connection must not be used again).
    func run(_ commands: [[String]]) throws -> [RedisValue] {
        for command in commands { try append(command) }
        var replies: [RedisValue] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                throw RedisError.connection(Self.errorText(context))
            }
            defer { freeReplyObject(raw) }
            replies.append(Self.value(raw.assumingMemoryBound(to: redisReply.self)))
        }
        return replies
    }

    private func append(_ arguments: [String]) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(arguments.reduce(1) { $0 + $1.utf8.count })
        var lengths: [Int] = []
        lengths.reserveCapacity(arguments.count)
        for argument in arguments {
            bytes.append(contentsOf: argument.utf8)
            lengths.append(argument.utf8.count)
        }
        bytes.append(0)  // never empty, so the buffer always has a base address
        let status = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            var offset = 0
            var pointers: [UnsafePointer<CChar>?] = lengths.map { length in
                defer { offset += length }
                return base.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                redisAppendCommandArgv(context, Int32(arguments.count), argv.baseAddress, lengths)
            }
        }
        guard status == REDIS_OK else { throw RedisError.connection(Self.errorText(context)) }
    }

    private func expectOK(_ replies: [RedisValue]) throws {
        if case .error(let message)? = replies.first { throw RedisError.connection(message) }
    }

    private static func value(_ reply: UnsafeMutablePointer<redisReply>) -> RedisValue {
        let reply = reply.pointee
        func text() -> String {
            guard let pointer = reply.str else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: pointer, count: reply.len), as: UTF8.self)
        }
        switch reply.type {
        case REDIS_REPLY_STRING: return .string(text())
        case REDIS_REPLY_STATUS: return .status(text())
        case REDIS_REPLY_ERROR: return .error(text())
        case REDIS_REPLY_INTEGER: return .integer(Int(reply.integer))
        case REDIS_REPLY_ARRAY:
            return .array((0..<reply.elements).map { index in
                reply.element[index].map(value) ?? .null
            })
        default: return .null
        }
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return bytes.isEmpty ? "connection lost" : String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func timeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
