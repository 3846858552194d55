extension Parser {
    /// `cache` followed by `ttl` on its line begins a cache clause; without `ttl`, `cache` stays a name (a field
    /// `cache Bool`).
    var isAtCacheClause: Bool {
        current.isIdentifier("cache") && peek(1).isIdentifier("ttl") && !peek(1).isAtStartOfLine
    }

    /// A misspelt `cache ttl …` line (`cahce ttl 60s`): a word then `ttl`, which no type is spelt like.
    var isAtMisspeltCacheClause: Bool {
        current.kind == .identifier && peek(1).isIdentifier("ttl") && !peek(1).isAtStartOfLine
    }

    /// `cache ttl <duration>`, the current token being `cache`. The duration is any number on the line, with or
    /// without a unit, so that the checker can say what is wrong with `60` or `1d`.
    mutating func parseCacheClause() -> CacheClause {
        let keyword = consumeIdentifier()
        var ttl: DurationLiteral?
        guard current.isIdentifier("ttl") && !current.isAtStartOfLine else {
            expected("'ttl' after 'cache'", hint: "write cache ttl 30s")
            // `cache 30s`: the duration is taken with the clause, so nothing else is reported for it.
            if [.duration, .integer, .decimal].contains(current.kind) && !current.isAtStartOfLine { advance() }
            return CacheClause(keyword: keyword, ttl: nil, range: range(from: keyword.range.start))
        }
        advance()
        if [.duration, .integer, .decimal].contains(current.kind) && !current.isAtStartOfLine {
            let token = advance()
            ttl = DurationLiteral(text: token.text, range: token.range)
        } else {
            expected("a duration after 'ttl'", hint: "write cache ttl 60s, or 5m, or 1h")
            if !current.isAtStartOfLine && current.kind != .rightBrace && current.kind != .string { advance() }
        }
        return CacheClause(keyword: keyword, ttl: ttl, range: range(from: keyword.range.start))
    }
}
