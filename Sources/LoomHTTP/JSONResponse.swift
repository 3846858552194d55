import Foundation
import Hummingbird
import LoomRuntime

/// JSON responses in the Loom conventions (see `LoomJSON`).
public enum JSONResponse {
    /// Encoded with the context's encoder.
    public static func make(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, context: some LoomRequestContext
    ) throws -> Response {
        try make(value, status: status, encoder: context.jsonEncoder)
    }

    public static func make(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, encoder: JSONEncoder = LoomJSON.encoder
    ) throws -> Response {
        response(try encoder.encode(value), status: status)
    }

    /// Written by the value itself (`JSONWritable`: generated models, their pages and profiles), the same bytes as
    /// `LoomJSON.encoder` gives in one pass; a context with an encoder of its own gets that encoder's output.
    public static func make(
        _ value: some JSONWritable & Encodable, status: HTTPResponse.Status = .ok, context: some LoomRequestContext
    ) throws -> Response {
        let encoder = context.jsonEncoder
        guard encoder === LoomJSON.encoder else { return try make(value, status: status, encoder: encoder) }
        return response(JSONWriter.bytes(of: value), status: status)
    }

    static func response(_ body: some Sequence<UInt8>, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
