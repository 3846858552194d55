import Hummingbird
import LoomRuntime

/// Reads list-route query parameters strictly: an unknown parameter or a malformed value is a 400 naming it.
public struct QueryParameters: Sendable {
    private let values: [(String, String)]

    public init(_ request: Request) {
        values = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    /// Every name/value pair, in request order.
    public var all: [(String, String)] { values }

    public func rejectUnknown(allowed: Set<String>) throws {
        if let unknown = values.map(\.0).first(where: { !allowed.contains($0) }) {
            throw LoomError.badRequest(message: "unknown query parameter '\(unknown)'", parameter: unknown)
        }
    }

    public func string(_ name: String) throws -> String? {
        let found = values.filter { $0.0 == name }
        if found.count > 1 { throw LoomError.badRequest(message: "'\(name)' is given more than once", parameter: name) }
        if let value = found.first?.1 { try Self.rejectNUL(value, parameter: name) }
        return found.first?.1
    }

    /// A value holding a NUL cannot match any text column (`String.containsNUL`): a 400 naming the parameter.
    public static func rejectNUL(_ value: String, parameter: String) throws {
        if value.containsNUL {
            throw LoomError.badRequest(message: "'\(parameter)' must not contain the NUL character", parameter: parameter)
        }
    }

    /// An integer within `range`, or `defaultValue` when absent.
    public func int(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws -> Int {
        guard let text = try string(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            throw LoomError.badRequest(message: "'\(name)' must be an integer \(bound), got '\(text)'", parameter: name)
        }
        return value
    }
}
