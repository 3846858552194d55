import Foundation

/// Collects a child's output from the pipe's reader thread: the tests that start the store binary read its port here.
public final class OutputBuffer: @unchecked Sendable {
    public init() {}

    private let lock = NSLock()
    private var data = Data()

    public func append(_ chunk: Data) {
        lock.lock(); defer { lock.unlock() }
        data.append(chunk)
    }

    public var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// The port in `loom: store listening on http://127.0.0.1:PORT`.
    public func port() -> Int? {
        let text = self.text
        guard let range = text.range(of: #"listening on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
            return nil
        }
        return text[range].split(separator: ":").last.flatMap { Int($0) }
    }
}
