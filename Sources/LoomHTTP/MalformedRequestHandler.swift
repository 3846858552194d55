import Foundation
import HTTPTypes
import Hummingbird
import LoomRuntime
import LoomVocabulary
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// A request swift-nio's HTTP/1.1 parser refuses (an unknown method token such as `FROB`, a broken request line or
/// header) never reaches a router, so no middleware can answer it. Hummingbird then writes a bare 400. This channel
/// handler answers it instead, in the one envelope with an `x-request-id`, and closes the connection, as the parser's
/// error leaves the stream unusable.
///
/// It sits after Hummingbird's HTTP/1 codec (`HTTP1Channel.Configuration.additionalChannelHandlers`), so it speaks
/// swift-http-types parts. It tracks whether a response is under way: with a pipelined request still being answered,
/// a second response head cannot be written, and the connection is closed without one, as swift-nio's own
/// `HTTPServerProtocolErrorHandler` does.
public final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    private var responseUnderway = false
    private var answered = false

    public init() {}

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        // Swallowed: passed on, Hummingbird would write its own bare 400 after this one.
        guard !answered else { return }
        answered = true
        if !responseUnderway {
            let traceID = RequestIDHeader.fresh()
            let envelope = ErrorEnvelope(code: ErrorCode.badRequest.rawValue, message: Self.message(for: parserError), traceID: traceID)
            let body = (try? LoomJSON.encoder.encode(envelope)) ?? Data(#"{"detail":{"code":"bad_request"}}"#.utf8)
            var fields = HTTPFields()
            fields[.contentType] = "application/json; charset=utf-8"
            fields[.contentLength] = String(body.count)
            fields[.connection] = "close"
            fields[RequestIDHeader.name] = traceID
            context.write(wrapOutboundOut(.head(HTTPResponse(status: .badRequest, headerFields: fields))), promise: nil)
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.close(promise: nil)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.kind != .informational: responseUnderway = true
        case .end: responseUnderway = false
        default: break
        }
        context.write(data, promise: promise)
    }

    static func message(for error: HTTPParserError) -> String {
        switch error {
        case .invalidMethod: "the request's method is not an HTTP method"
        case .invalidURL: "the request's target is not a valid URL path"
        case .invalidVersion: "the request is not HTTP/1.1"
        case .headerOverflow: "the request's headers are too large"
        default: "the request is not valid HTTP/1.1 (\(error))"
        }
    }
}
