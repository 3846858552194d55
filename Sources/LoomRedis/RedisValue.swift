/// One Redis reply, copied out of hiredis's reply tree (which is freed at once).
public enum RedisValue: Sendable, Hashable {
    case string(String)
    case status(String)
    case integer(Int)
    case null
    case error(String)
    case array([RedisValue])

    /// The text of a bulk string or status reply.
    public var string: String? {
        switch self {
        case .string(let text), .status(let text): text
        case .integer(let number): String(number)
        default: nil
        }
    }

    public var integer: Int? {
        switch self {
        case .integer(let number): number
        case .string(let text): Int(text)
        default: nil
        }
    }

    public var array: [RedisValue]? {
        if case .array(let values) = self { values } else { nil }
    }
}

/// What Redis or the connection to it got wrong.
public enum RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Redis answered with an error reply (`ERR …`, `NOSCRIPT …`).
    case reply(String)
    /// The connection failed (refused, reset, timed out); the next command opens a new one.
    case connection(String)
    /// A reply of a shape the caller did not expect.
    case unexpected(String)

    public var description: String {
        switch self {
        case .reply(let message): "redis: \(message)"
        case .connection(let message): "redis unavailable: \(message)"
        case .unexpected(let message): "redis: unexpected reply: \(message)"
        }
    }
}
