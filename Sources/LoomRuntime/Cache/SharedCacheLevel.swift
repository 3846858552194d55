/// The level of the read cache every server shares (Redis, in `LoomRedis`): the keys' versions and the answers.
/// With it, the versions live there alone, so a write committed by any server (or worker) makes every server's
/// in-process copies stale at once: each in-process hit checks its versions there, in one round trip.
public protocol SharedCacheLevel: Sendable {
    /// The level's incarnation followed by the current version of each key, and the answer stored under `entry` (when
    /// asked), in one round trip. An absent key's version is 0. The incarnation changes when the level loses its
    /// data (a restart) or is reset, which makes every recorded version meaningless.
    func read(versionsOf keys: [String], entry: String?) async throws -> (versions: [UInt64], entry: [UInt8]?)
    /// Stores an answer for `ttlSeconds`.
    func store(entry key: String, _ bytes: [UInt8], ttlSeconds: Int) async throws
    /// Makes every answer that recorded one of `keys` stale — after starting a new incarnation first when
    /// `resetting` (this server lost bumps before). A write's answer waits for it, so the level must try to reach the
    /// store even if it failed a moment ago: skipping it while the store is back would let another server serve what
    /// this write changed.
    func bump(_ keys: [String], resetting: Bool) async throws
    /// A new incarnation: every answer stored so far, by any server, is stale.
    func reset() async throws
}
