import Foundation

/// The base protocol's framing, as a pure state machine fed bytes as they arrive (tested without pipes): a header
/// block of `Name: value` lines ended by an empty line, `Content-Length` required, then that many bytes of JSON.
/// A header block without a usable `Content-Length` is dropped and reported, and reading goes on with the next one:
/// one malformed message costs that message, not the session.
public struct MessageFramer: Sendable {
    public enum Output: Sendable, Hashable {
        case message(Data)
        /// A header block that could not be used: why.
        case malformedHeader(String)
    }

    /// Larger bodies are refused (their bytes skipped): a schema file of a megabyte is already unusual.
    public static let maximumLength = 64 << 20

    private var buffer = Data()
    /// Bytes of a refused body still to skip.
    private var skipping = 0

    public init() {}

    /// Appends `bytes` and returns every complete message (or header problem) they finish, in order.
    public mutating func feed(_ bytes: Data) -> [Output] {
        buffer.append(bytes)
        var outputs: [Output] = []
        while true {
            if skipping > 0 {
                let skipped = min(skipping, buffer.count)
                buffer.removeFirst(skipped)
                skipping -= skipped
                if skipping > 0 { break }
            }
            guard let end = buffer.firstRange(of: Self.headerEnd) else {
                // A header block never gets this long: drop it rather than buffer without bound.
                if buffer.count > 8192 {
                    outputs.append(.malformedHeader("no end of header in \(buffer.count) bytes"))
                    buffer.removeAll()
                }
                break
            }
            let header = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
            let bodyStart = end.upperBound
            switch Self.contentLength(header) {
            case .failure(let problem):
                outputs.append(.malformedHeader(problem.reason))
                buffer.removeSubrange(buffer.startIndex..<bodyStart)
            case .success(let length) where length > Self.maximumLength:
                outputs.append(.malformedHeader("a body of \(length) bytes is larger than \(Self.maximumLength)"))
                buffer.removeSubrange(buffer.startIndex..<bodyStart)
                skipping = length
            case .success(let length):
                guard buffer.distance(from: bodyStart, to: buffer.endIndex) >= length else { return outputs }
                let bodyEnd = buffer.index(bodyStart, offsetBy: length)
                outputs.append(.message(Data(buffer[bodyStart..<bodyEnd])))
                buffer.removeSubrange(buffer.startIndex..<bodyEnd)
            }
        }
        return outputs
    }

    /// A body framed for sending.
    public static func frame(_ body: Data) -> Data {
        var framed = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        framed.append(body)
        return framed
    }

    private static let headerEnd = Data("\r\n\r\n".utf8)

    struct Problem: Error {
        var reason: String
    }

    private static func contentLength(_ header: String) -> Result<Int, Problem> {
        var length: Int?
        for line in header.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(Problem(reason: "a header line without a colon: \(line.prefix(80))"))
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard name.lowercased() == "content-length" else { continue }
            guard let value = Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)), value >= 0 else {
                return .failure(Problem(reason: "Content-Length is not a length: \(line.prefix(80))"))
            }
            length = value
        }
        guard let length else { return .failure(Problem(reason: "a header without Content-Length")) }
        return .success(length)
    }
}
