import Foundation

/// Messages read but not yet handled, between the reading thread and the server's loop. A `$/cancelRequest` for a
/// request still waiting here removes it, so cancelling a queued request answers at once even while the loop is busy.
final class MessageQueue: @unchecked Sendable {
    enum Item {
        case message(IncomingMessage)
        /// The input ended (the client went away).
        case end
    }

    private let condition = NSCondition()
    private var items: [Item] = []

    func push(_ item: Item) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    /// The next item, waiting at most until `deadline` (nil: as long as it takes); nil when the deadline passed.
    func next(until deadline: Date?) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty {
            if let deadline {
                if !condition.wait(until: deadline) && items.isEmpty { return nil }
            } else {
                condition.wait()
            }
        }
        return items.removeFirst()
    }

    /// Removes the waiting request with `id`; true when there was one.
    func withdraw(_ id: RequestID) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let index = items.firstIndex(where: { if case .message(let message) = $0 { message.isRequest && message.id == id } else { false } })
        else { return false }
        items.remove(at: index)
        return true
    }

    /// Whether nothing waits: the loop publishes diagnostics only then, so edits already sent are applied first.
    var isEmpty: Bool {
        condition.lock()
        defer { condition.unlock() }
        return items.isEmpty
    }
}

/// Writes framed messages to the output; the reading thread (cancellations) and the loop both write.
final class MessageWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let output: FileHandle
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(output: FileHandle) { self.output = output }

    func send(_ message: OutgoingMessage) {
        lock.lock()
        defer { lock.unlock() }
        guard let body = try? encoder.encode(message) else { return }
        // A client that went away: nothing to tell it, and the loop ends at the end of the input.
        try? output.write(contentsOf: MessageFramer.frame(body))
    }
}
