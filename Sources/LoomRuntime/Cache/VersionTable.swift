/// The in-process versions of the cache's keys (see `CacheKeys`), when no shared level holds them.
///
/// Every bump takes the next value of one clock, so a version never repeats. The table is bounded: when it grows past
/// `capacity` it is emptied and an absent key reads as the clock's value at that moment (`floor`), which is newer
/// than any version an answer recorded before — those answers become misses, never wrong hits.
struct VersionTable: Sendable {
    private var versions: [String: UInt64] = [:]
    private var clock: UInt64 = 0
    private var floor: UInt64 = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func current(_ keys: [String]) -> [UInt64] {
        keys.map { versions[$0] ?? floor }
    }

    mutating func bump(_ keys: [String]) {
        if versions.count + keys.count > capacity { bumpAll() }
        for key in keys {
            clock += 1
            versions[key] = clock
        }
    }

    /// Every key newer than any recorded version.
    mutating func bumpAll() {
        versions.removeAll(keepingCapacity: true)
        clock += 1
        floor = clock
    }
}
