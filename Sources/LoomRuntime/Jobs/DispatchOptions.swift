import Foundation

/// How one dispatch differs from what the schema (and the configuration) say of its job: when it runs, on which
/// queue, how urgently. `context.dispatchSendRestockEmail(…, options: .delay(.seconds(30)))`.
public struct DispatchOptions: Sendable, Hashable {
    /// Due this long after the dispatch (ignored when `runAt` is set).
    public var delay: Duration
    /// Due at this instant; a past instant is due at once.
    public var runAt: Date?
    /// Another queue than the job's; a worker must listen to it (`worker --queues`).
    public var queue: String?
    /// From -100 to 100; among due jobs of a queue, a higher one is claimed first.
    public var priority: Int?

    public init(delay: Duration = .zero, runAt: Date? = nil, queue: String? = nil, priority: Int? = nil) {
        self.delay = delay
        self.runAt = runAt
        self.queue = queue
        self.priority = priority
    }

    public static func delay(_ delay: Duration) -> DispatchOptions { DispatchOptions(delay: delay) }
    public static func at(_ instant: Date) -> DispatchOptions { DispatchOptions(runAt: instant) }
    public static func queue(_ queue: String) -> DispatchOptions { DispatchOptions(queue: queue) }
    public static func priority(_ priority: Int) -> DispatchOptions { DispatchOptions(priority: priority) }
}
