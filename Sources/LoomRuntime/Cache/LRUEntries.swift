/// A map bounded by a total cost, evicting the least recently used entries first: the in-process level's storage.
/// A doubly linked list threaded through an array (indices, not references), so an access moves no memory and
/// allocates nothing. Not thread-safe: `ReadCache` holds it under a lock.
struct LRUEntries<Value> {
    private struct Node {
        var key: String
        var value: Value
        var cost: Int
        var newer: Int
        var older: Int
    }

    private var nodes: [Node] = []
    private var index: [String: Int] = [:]
    private var free: [Int] = []
    /// The most and the least recently used nodes (-1: none).
    private var newest = -1
    private var oldest = -1
    private(set) var totalCost = 0
    let maximumCost: Int
    let maximumCount: Int

    init(maximumCost: Int, maximumCount: Int) {
        self.maximumCost = maximumCost
        self.maximumCount = maximumCount
    }

    var count: Int { index.count }

    /// The value, marked as just used.
    mutating func value(for key: String) -> Value? {
        guard let slot = index[key] else { return nil }
        moveToFront(slot)
        return nodes[slot].value
    }

    /// Stores the value and returns the values evicted to make room. A value costlier than the whole budget is not
    /// stored.
    @discardableResult
    mutating func set(_ value: Value, for key: String, cost: Int) -> [Value] {
        remove(key)
        guard cost <= maximumCost, maximumCount > 0 else { return [] }
        var evicted: [Value] = []
        while totalCost + cost > maximumCost || index.count >= maximumCount, oldest >= 0 {
            evicted.append(nodes[oldest].value)
            remove(nodes[oldest].key)
        }
        let node = Node(key: key, value: value, cost: cost, newer: -1, older: newest)
        let slot: Int
        if let reused = free.popLast() {
            nodes[reused] = node
            slot = reused
        } else {
            nodes.append(node)
            slot = nodes.count - 1
        }
        if newest >= 0 { nodes[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
        index[key] = slot
        totalCost += cost
        return evicted
    }

    mutating func remove(_ key: String) {
        guard let slot = index.removeValue(forKey: key) else { return }
        unlink(slot)
        totalCost -= nodes[slot].cost
        free.append(slot)
    }

    mutating func removeAll() {
        nodes.removeAll()
        index.removeAll()
        free.removeAll()
        newest = -1
        oldest = -1
        totalCost = 0
    }

    private mutating func moveToFront(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        nodes[slot].older = newest
        nodes[slot].newer = -1
        if newest >= 0 { nodes[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (nodes[slot].newer, nodes[slot].older)
        if newer >= 0 { nodes[newer].older = older } else { newest = older }
        if older >= 0 { nodes[older].newer = newer } else { oldest = newer }
    }
}
