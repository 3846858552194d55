/// A job's options: `queue name` (default `default`), `retries n` (default 0), `backoff fixed|exponential seconds`
/// (default exponential 1: 1, 2, 4… s), `timeout seconds` (default none), `priority n` (-100 to 100, default 0: among
/// due jobs of a queue, a higher one is claimed first).
struct JobOptionsResolver {
    var queue = "default"
    var retries = 0
    var backoff = Backoff.exponential(baseSeconds: 1)
    var timeout: Double?
    var priority = 0
    var diagnostics: [Diagnostic] = []

    mutating func resolve(_ options: [JobOptionStatement], job: String) {
        var seen: Set<String> = []
        for option in options {
            let name = option.keyword.name
            guard seen.insert(name).inserted else {
                diagnostics.append(.error(
                    .duplicateAttribute, "'\(name)' is given twice in job '\(job)'", at: option.keyword.range,
                    hint: "remove one of them"
                ))
                continue
            }
            switch name {
            case "queue": resolveQueue(option)
            case "retries":
                guard option.values.count == 1, case .integer(let count) = option.values[0].value, (0...100).contains(count) else {
                    invalid(option, "'retries' takes a whole number from 0 to 100", example: "retries 2")
                    continue
                }
                retries = count
            case "backoff": resolveBackoff(option)
            case "priority":
                guard option.values.count == 1, case .integer(let value) = option.values[0].value, (-100...100).contains(value) else {
                    invalid(option, "'priority' takes a whole number from -100 to 100", example: "priority 10")
                    continue
                }
                priority = value
            default:
                guard option.values.count == 1, let seconds = Self.seconds(option.values[0]), seconds > 0 else {
                    invalid(option, "'timeout' takes a positive number of seconds", example: "timeout 30")
                    continue
                }
                timeout = seconds
            }
        }
    }

    /// A lowercase name, as written in configuration and metrics.
    private mutating func resolveQueue(_ option: JobOptionStatement) {
        guard option.values.count == 1, case .identifier(let name) = option.values[0].value,
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else {
            invalid(option, "'queue' takes one name of lowercase letters, digits, '-' and '_'", example: "queue notifications")
            return
        }
        queue = name
    }

    private mutating func resolveBackoff(_ option: JobOptionStatement) {
        let example = "backoff exponential 1"
        guard option.values.count == 2, case .identifier(let kind) = option.values[0].value else {
            invalid(option, "'backoff' takes a kind, fixed or exponential, and a number of seconds", example: example)
            return
        }
        guard let seconds = Self.seconds(option.values[1]), seconds > 0 else {
            invalid(option, "the backoff needs a positive number of seconds", example: example)
            return
        }
        switch kind {
        case "fixed": backoff = .fixed(seconds: seconds)
        case "exponential": backoff = .exponential(baseSeconds: seconds)
        default:
            let hint = Suggestions.didYouMean(kind, among: Keywords.backoffKinds) ?? "write \(example)"
            diagnostics.append(.error(
                .invalidJobOption, "unknown backoff '\(kind)'; expected fixed or exponential", at: option.values[0].range,
                hint: hint
            ))
        }
    }

    private static func seconds(_ literal: Literal) -> Double? {
        switch literal.value {
        case .integer(let value): Double(value)
        case .decimal(let value): value
        default: nil
        }
    }

    private mutating func invalid(_ option: JobOptionStatement, _ message: String, example: String) {
        diagnostics.append(.error(.invalidJobOption, message, at: option.range, hint: "write \(example)"))
    }
}
