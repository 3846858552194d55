/// Name conversions shared by the checker and the emitters, so a column is spelled one way everywhere.
public enum Naming {
    /// `fullName` → `full_name`, `OrderItem` → `order_item`, `userID` → `user_id`.
    public static func snakeCase(_ name: String) -> String {
        // Names are ASCII almost always: on bytes, without Unicode property look-ups (the checker calls this for
        // every field on every analysis, which an editor runs on each edit).
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(name.utf8)
            func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
            func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
            func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 4)
            for (i, byte) in bytes.enumerated() {
                if isUpper(byte) {
                    let prevIsLowerOrDigit = i > 0 && (isLower(bytes[i - 1]) || isDigit(bytes[i - 1]))
                    let nextIsLower = i + 1 < bytes.count && isLower(bytes[i + 1])
                    let prevIsUpper = i > 0 && isUpper(bytes[i - 1])
                    if i > 0 && (prevIsLowerOrDigit || (prevIsUpper && nextIsLower)) { out.append(0x5F) }
                    out.append(byte + 0x20)
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return snakeCaseOfCharacters(name)
    }

    /// The same rule on `Character`s, for names beyond ASCII.
    static func snakeCaseOfCharacters(_ name: String) -> String {
        let scalars = Array(name)
        var out = ""
        for (i, ch) in scalars.enumerated() {
            if ch.isUppercase {
                let prevIsLowerOrDigit = i > 0 && (scalars[i - 1].isLowercase || scalars[i - 1].isNumber)
                let nextIsLower = i + 1 < scalars.count && scalars[i + 1].isLowercase
                let prevIsUpper = i > 0 && scalars[i - 1].isUppercase
                if i > 0 && (prevIsLowerOrDigit || (prevIsUpper && nextIsLower)) { out.append("_") }
                out.append(contentsOf: ch.lowercased())
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// `full_name` → `fullName`; a name without underscores is returned unchanged.
    public static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return name }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `User` → `user`: the Swift name of a value of that type.
    public static func lowerFirst(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }

    /// The schema's Swift type: `store` → `StoreSchema`, `my-shop` → `MyShopSchema`. A name rule (the checker reserves
    /// it, the emitter declares it), so it lives here.
    public static func schemaType(_ schemaName: String) -> String {
        schemaPrefix(schemaName) + "Schema"
    }

    /// The schema's application facade: `store` → `StoreApplication` (every use case, repository and job).
    public static func applicationType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Application" }

    /// The schema's typed client: `store` → `StoreClient`.
    public static func clientType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Client" }

    /// The schema's DDL per dialect: `store` → `StoreSchemaStatements`.
    public static func schemaStatementsType(_ schemaName: String) -> String { schemaType(schemaName) + "Statements" }

    /// The schema's repositories, one property per model: `StoreRepositories`.
    public static func repositoriesType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Repositories" }

    /// The protocol listing the `check` predicates the user writes (`StoreCheckFunctions`), and the type the user
    /// writes them on (`StoreChecks`).
    public static func checkFunctionsProtocol(_ schemaName: String) -> String { schemaPrefix(schemaName) + "CheckFunctions" }
    public static func checksType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Checks" }
    /// The same for `compute` functions: `StoreComputeFunctions`, written on `StoreComputes`.
    public static func computeFunctionsProtocol(_ schemaName: String) -> String { schemaPrefix(schemaName) + "ComputeFunctions" }
    public static func computesType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Computes" }
    /// `HelpdeskPrincipal`: the typed caller of a schema with `auth`.
    public static func principalType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Principal" }
    /// `HelpdeskAuthenticator`: the protocol of an authenticator written in Swift.
    public static func authenticatorType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Authenticator" }
    /// `HelpdeskServices`: one implementation of each service the schema declares.
    public static func servicesType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Services" }
    /// `StoreImplementations`: the user's use cases, jobs and callbacks, each made once.
    public static func implementationsType(_ schemaName: String) -> String { schemaPrefix(schemaName) + "Implementations" }

    /// The generated types of one use case: the protocol the user's `CreateUser` conforms to, what it receives, and
    /// what it may use.
    public static func useCaseProtocol(_ useCase: String) -> String { useCase + "UseCase" }
    public static func useCaseInput(_ useCase: String) -> String { useCase + "Input" }
    public static func useCaseContext(_ useCase: String) -> String { useCase + "Context" }

    /// The generated types of a job and its callbacks: the protocol the user's `SendRestockEmail` conforms to, its
    /// queued arguments, the events its callbacks receive, and a callback's protocol.
    public static func jobProtocol(_ job: String) -> String { job + "Job" }
    public static func jobPayload(_ job: String) -> String { job + "Payload" }
    public static func jobSucceeded(_ job: String) -> String { job + "Succeeded" }
    public static func jobFailed(_ job: String) -> String { job + "Failed" }
    public static func jobGroupSucceeded(_ job: String) -> String { job + "GroupSucceeded" }
    public static func jobGroupFailed(_ job: String) -> String { job + "GroupFailed" }
    public static func callbackProtocol(_ callback: String) -> String { callback + "Callback" }

    /// `my-shop` → `MyShop` (`Loom` first when it would not start with a letter).
    private static func schemaPrefix(_ schemaName: String) -> String {
        let words = schemaName.split { !$0.isLetter && !$0.isNumber }
        let joined = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return joined.first?.isLetter == true ? joined : "Loom" + joined
    }

    /// `a User`, `an Address`: the article for a name in generated docs.
    public static func article(_ name: String) -> String {
        // `a User`, `a Unit`: a leading U mostly sounds like "you".
        name.first.map { "AEIOaeio".contains($0) } == true ? "an" : "a"
    }

    /// The default table of a model: snake_case, plural. `OrderItem` → `order_items`, `Address` → `addresses`.
    public static func tableName(forModel model: String) -> String {
        pluralize(snakeCase(model))
    }

    /// English plural of the last word, enough for table names; `table "…"` overrides it.
    public static func pluralize(_ word: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if word.hasSuffix("y"), word.count > 1, !vowels.contains(word[word.index(word.endIndex, offsetBy: -2)]) {
            return String(word.dropLast()) + "ies"
        }
        for suffix in ["s", "x", "z", "ch", "sh"] where word.hasSuffix(suffix) {
            return word + "es"
        }
        return word + "s"
    }

    /// Levenshtein distance, for "did you mean" hints.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate within a small edit distance, or nil.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let limit = Swift.max(1, name.count / 3)
        return candidates
            .map { ($0, editDistance(name, $0)) }
            .filter { $0.1 <= limit }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?
            .0
    }
}
