/// `cache ttl 60s` on a model and on a route: the duration in seconds (L061), one line per model (L035), and never
/// over read rules that reach other rows (L062): a cached answer is keyed by the request and the caller, so it stays
/// right only while what decided it is the row itself and the caller's claims.
enum CacheResolver {
    /// The longest duration accepted: a year. A longer one is surely a slip of the unit.
    static let maxTTLSeconds = 365 * 24 * 3600

    /// A model's `cache` lines: the first, resolved; each later one reported.
    static func resolve(_ clauses: [CacheClause], of model: String, diagnostics: inout [Diagnostic]) -> CachePolicy? {
        guard let first = clauses.first else { return nil }
        for clause in clauses.dropFirst() {
            diagnostics.append(.error(
                .duplicateAttribute, "'cache' is given twice in model '\(model)'", at: clause.range,
                hint: "the first is at line \(first.range.start.line); keep one"
            ))
        }
        guard let ttl = first.ttl, let seconds = seconds(of: ttl, diagnostics: &diagnostics) else { return nil }
        return CachePolicy(ttlSeconds: seconds, written: ttl.text, range: first.range)
    }

    /// `90s`, `5m`, `1h` in seconds; nil, reported (L061), for anything else.
    static func seconds(of duration: DurationLiteral, diagnostics: inout [Diagnostic]) -> Int? {
        let text = duration.text
        let digits = text.prefix { ("0"..."9").contains($0) }
        let unit = text.dropFirst(digits.count)
        func report(_ message: String, hint: String = "write a whole number of seconds, minutes or hours: 90s, 5m, 1h") -> Int? {
            diagnostics.append(.error(.invalidCacheDuration, message, at: duration.range, hint: hint))
            return nil
        }
        guard !digits.isEmpty, !unit.contains("."), !text.hasPrefix("-") else {
            return report("invalid cache duration '\(text)'")
        }
        let multiplier: Int
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "":
            return report("cache duration '\(text)' has no unit", hint: "write \(text)s: s (seconds), m (minutes) or h (hours)")
        case "d":
            let days = Int(digits).map { "write \($0 * 24)h: " } ?? "write "
            return report("unknown unit 'd' in cache duration '\(text)'; expected s, m or h", hint: days + "durations are in s, m or h")
        default:
            return report("unknown unit '\(unit)' in cache duration '\(text)'; expected s, m or h")
        }
        // Digits only: nil means too many of them for an Int, which is over the limit anyway.
        guard let count = Int(digits), count <= maxTTLSeconds / multiplier else {
            return report("cache duration '\(text)' is over a year", hint: "write at most \(maxTTLSeconds / 3600)h")
        }
        guard count > 0 else {
            return report("a cache duration must be more than zero, and it is '\(text)'", hint: "write at least 1s; to cache nothing, remove the line")
        }
        return count * multiplier
    }

    /// L062: a cached model whose read rules (which decide what a caller sees, and which fields) read rows of other
    /// tables or other rows of its own. Rules on the row's own columns and the caller's claims are fine.
    static func checkRules(of models: [Model]) -> [Diagnostic] {
        models.compactMap { model in
            guard let cache = model.cache else { return nil }
            for rule in model.accessRules where rule.operations.contains(.read) {
                guard let reach = rule.condition.otherRowsRead else { continue }
                return .error(
                    .cacheOverOtherRows,
                    "model '\(model.name)' cannot be cached: its read rule at line \(rule.range.start.line) reads other rows \(reach)",
                    at: cache.range, hint: "a cached answer would not change when those rows do"
                )
            }
            return nil
        }
    }
}

extension RuleCondition {
    /// How the condition reads rows other than the one it is about (`through exists(…)`, `through a relation`); nil
    /// when it reads only the row's own columns, the caller and literals. Mirrors the runtime's
    /// `Filter.reachesOtherRows`.
    var otherRowsRead: String? {
        switch self {
        case .constant, .authenticated: nil
        case .exists: "through exists(…)"
        case .all(let parts), .any(let parts): parts.lazy.compactMap(\.otherRowsRead).first
        case .not(let inner): inner.otherRowsRead
        case .compare(let left, _, let right): [left, right].contains(where: \.isRelated) ? "through a relation" : nil
        case .oneOf(let value, let values): ([value] + values).contains(where: \.isRelated) ? "through a relation" : nil
        }
    }
}

extension RuleValue {
    fileprivate var isRelated: Bool {
        if case .related = self { true } else { false }
    }
}
