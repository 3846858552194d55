import Foundation
import HTTPTypes

/// A successful answer this client cannot read: a body that does not decode into the expected type, or a 201/202
/// without the `Location` the call needs. A server and a client generated from different schemas meet here.
public struct LoomDecodingError: Error, CustomStringConvertible, @unchecked Sendable {
    public var status: Int
    public var requestID: String
    /// What was wrong, in a sentence.
    public var problem: String
    /// The decoder's error, when there was one.
    public var underlying: (any Error)?
    /// The body's first characters.
    public var bodyPrefix: String

    public init(status: Int, requestID: String, problem: String, underlying: (any Error)? = nil, body: Data = Data()) {
        self.status = status
        self.requestID = requestID
        self.problem = problem
        self.underlying = underlying
        self.bodyPrefix = String(decoding: body.prefix(512), as: UTF8.self)
    }

    public var description: String {
        "\(status) answer not read (request \(requestID)): \(problem)" + (underlying.map { ": \($0)" } ?? "")
    }
}
