import CoreMetrics
import Foundation
import Synchronization

/// The read cache: answers (the bytes of a response) by key, each valid while the versions it recorded of the keys it
/// depends on are current (see `CacheKeys`) and its time to live lasts. Two levels: in process (bounded, least
/// recently used first out), and, when a `SharedCacheLevel` is given (Redis), that level, which then holds the
/// versions as well.
///
/// Why an answer is never older than the last committed write a client could have seen: the versions an answer
/// records are read before the database is, and a write bumps its keys after it commits and before it answers. A
/// read racing a write either began after the bump (and reads the new row) or recorded the old version (and its
/// answer is stale from the bump on, never served).
///
/// The shared level out of reach (Redis down) never fails a request: reads go to the database uncached, writes go
/// on, and the cache notes that bumps were lost. Back in reach, it first starts a new incarnation of the shared level
/// (every answer any server stored is stale) and empties its own level, then serves again. A write always tries its
/// bump, even while the level is thought down: another server may already be serving from it again.
public final class ReadCache: Sendable {
    /// A cached answer: the response's body and its entity tag.
    public struct Answer: Sendable, Equatable {
        public let body: [UInt8]
        public let etag: String

        public init(body: [UInt8]) {
            self.body = body
            self.etag = Self.etag(of: body)
        }

        init(body: [UInt8], etag: String) {
            self.body = body
            self.etag = etag
        }

        /// A strong entity tag: FNV-1a (64 bits) of the body, quoted.
        static func etag(of body: [UInt8]) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in body {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            let hex = String(hash, radix: 16)
            return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
        }
    }

    /// What a look-up found: a current answer; a miss, carrying the versions to record with the answer the caller
    /// reads from the database (read before it, as the ordering above needs); or nothing to do with the cache.
    public enum Lookup: Sendable {
        case hit(Answer)
        case miss(Fill)
        case bypass
    }

    /// How to store the answer of a miss.
    public struct Fill: Sendable {
        let key: String
        let versions: [UInt64]
        let label: String
        let ttlSeconds: Int
    }

    private struct Entry: Sendable {
        let versions: [UInt64]
        let expires: ContinuousClock.Instant
        let answer: Answer
        let label: String
    }

    /// The shared level's reachability; unused without one.
    private struct SharedState {
        var downUntil: ContinuousClock.Instant?
        /// Bumps (or whole outages) were missed: the shared level must start a new incarnation before it is trusted.
        var needsReset = false
    }

    private let entries: Mutex<LRUEntries<Entry>>
    private let versions: Mutex<VersionTable>
    private let shared: (any SharedCacheLevel)?
    private let sharedState = Mutex(SharedState())
    private let metrics: CacheMetrics
    /// How long the shared level is left alone after a failure before it is tried again.
    let retryAfter: Duration

    /// `maximumBytes` and `maximumEntries` bound the in-process level.
    public init(
        maximumBytes: Int = 64 << 20, maximumEntries: Int = 100_000, shared: (any SharedCacheLevel)? = nil,
        retryAfter: Duration = .milliseconds(250), metricsFactory: (any MetricsFactory)? = nil
    ) {
        entries = Mutex(LRUEntries(maximumCost: maximumBytes, maximumCount: maximumEntries))
        versions = Mutex(VersionTable(capacity: max(1024, maximumEntries * 4)))
        self.shared = shared
        self.retryAfter = retryAfter
        metrics = CacheMetrics(factory: metricsFactory)
    }

    /// The answer stored under `key`, if every version it recorded of `dependencies` is current and it has not
    /// expired. `label` names the model (or route) in the metrics.
    public func lookup(key: String, dependencies: [String], label: String, ttlSeconds: Int) async -> Lookup {
        let now = ContinuousClock.now
        let cached = entries.withLock { $0.value(for: key) }
        guard let shared else {
            let current = versions.withLock { $0.current(dependencies) }
            if let cached, cached.expires > now, cached.versions == current {
                metrics.record(.hits, model: label)
                return .hit(cached.answer)
            }
            metrics.record(.misses, model: label)
            return .miss(Fill(key: key, versions: current, label: label, ttlSeconds: ttlSeconds))
        }
        guard await sharedUsable(shared) else { return .bypass }
        let read: (versions: [UInt64], entry: [UInt8]?)
        do {
            read = try await shared.read(versionsOf: dependencies, entry: cached == nil ? key : nil)
        } catch {
            sharedFailed()
            return .bypass
        }
        if let cached, cached.expires > now, cached.versions == read.versions {
            metrics.record(.hits, model: label)
            return .hit(cached.answer)
        }
        if let bytes = read.entry, let stored = SharedEntry.decode(bytes), stored.versions == read.versions {
            // Kept in process for what is left of its time there (the shared level expires it on its own).
            remember(Entry(versions: stored.versions, expires: now + .seconds(ttlSeconds), answer: stored.answer, label: label), key: key)
            metrics.record(.hits, model: label)
            return .hit(stored.answer)
        }
        metrics.record(.misses, model: label)
        return .miss(Fill(key: key, versions: read.versions, label: label, ttlSeconds: ttlSeconds))
    }

    /// Stores the answer a miss read from the database.
    public func store(_ fill: Fill, _ answer: Answer) async {
        remember(Entry(versions: fill.versions, expires: .now + .seconds(fill.ttlSeconds), answer: answer, label: fill.label), key: fill.key)
        guard let shared, await sharedUsable(shared) else { return }
        do {
            try await shared.store(entry: fill.key, SharedEntry.encode(versions: fill.versions, answer: answer), ttlSeconds: fill.ttlSeconds)
        } catch {
            sharedFailed()
        }
    }

    /// Makes every answer that depends on one of `keys` stale: what a committed write does, `label` naming its model.
    public func invalidate(_ keys: [String], label: String) async {
        guard !keys.isEmpty else { return }
        metrics.record(.invalidations, model: label)
        guard let shared else {
            versions.withLock { $0.bump(keys) }
            return
        }
        // Tried even while the level is thought down: it may be back, and another server may already serve from it.
        let resetting = sharedState.withLock { $0.needsReset }
        do {
            try await shared.bump(keys, resetting: resetting)
        } catch {
            sharedFailed()
            return
        }
        if resetting {
            removeAll()
            sharedState.withLock { $0 = SharedState() }
        }
    }

    /// Makes every answer stale, shared ones included: after a change the cache could not see (a migration).
    public func reset() async {
        removeAll()
        guard let shared else {
            versions.withLock { $0.bumpAll() }
            return
        }
        do {
            try await shared.reset()
        } catch {
            sharedFailed()
        }
    }

    /// Empties the in-process level (tests, and a shared level's reset).
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    private func remember(_ entry: Entry, key: String) {
        let evicted = entries.withLock { $0.set(entry, for: key, cost: entry.answer.body.count + key.utf8.count + 64) }
        for old in evicted {
            metrics.record(.evictions, model: old.label)
        }
    }

    /// Whether the shared level may be used now: not while it is known to be down, and only after a new incarnation
    /// when bumps were missed.
    private func sharedUsable(_ shared: any SharedCacheLevel) async -> Bool {
        let state = sharedState.withLock { $0 }
        if let downUntil = state.downUntil, ContinuousClock.now < downUntil { return false }
        guard state.needsReset else { return true }
        do {
            try await shared.reset()
        } catch {
            sharedFailed()
            return false
        }
        removeAll()
        sharedState.withLock { $0 = SharedState() }
        return true
    }

    /// The shared level failed: what this server holds can no longer be checked, and its own bumps may be lost.
    private func sharedFailed() {
        sharedState.withLock { state in
            state.downUntil = .now + retryAfter
            state.needsReset = true
        }
        removeAll()
    }
}
