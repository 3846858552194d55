import Synchronization

/// `@pattern` expressions compiled once per process with Swift `Regex`: the engine the compiler validated them with,
/// so a pattern the compiler accepts always compiles here too.
enum RegexCache {
    /// `Regex` is not declared `Sendable`, but a compiled one is immutable and safe to match from any thread (its
    /// lazily built program is published atomically), so the cache may hand it out.
    private struct Compiled: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
    }

    private static let compiled = Mutex<[String: Compiled]>([:])

    /// Whether the whole of `text` matches `pattern`. A pattern that does not compile matches nothing (the compiler
    /// rejects such patterns, so this happens only with hand-written constraints).
    static func wholeMatch(_ text: String, _ pattern: String) -> Bool {
        guard let regex = regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: text)) != nil
    }

    static func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        if let cached = compiled.withLock({ $0[pattern] }) { return cached.regex }
        guard let regex = try? Regex(pattern) else { return nil }
        compiled.withLock { $0[pattern] = Compiled(regex: regex) }
        return regex
    }
}
