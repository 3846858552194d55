/// Every declared name of a schema and every place it is written, with look-ups by position (a binary search in the
/// file's occurrences) and by symbol: what hover, go to definition, find references and rename ask. Built from the
/// syntax alone, so it is there whatever the checker thinks of the schema; names that resolve to nothing (a typo)
/// have no occurrence.
public struct SchemaIndex: Sendable {
    public private(set) var symbols: [SchemaSymbol] = []
    /// Per file, sorted by start offset.
    private var occurrencesByFile: [String: [SymbolOccurrence]] = [:]
    private var occurrencesBySymbol: [[SymbolOccurrence]] = []
    private var topLevel: [String: Int] = [:]
    private var members: [String: [String: Int]] = [:]

    /// The names found in each file, kept while its text is unchanged: an editor's index after an edit walks the
    /// edited file again, not the schema. Not thread-safe: one owner uses it.
    public final class Cache: @unchecked Sendable {
        var files: [String: (text: String, uses: SchemaIndexBuilder.FileUses)] = [:]
        /// How many files the last index walked (the others came from the cache).
        public private(set) var lastWalkCount = 0

        public init() {}

        func uses(in file: SourceFileSyntax) -> SchemaIndexBuilder.FileUses {
            if let cached = files[file.file.path], cached.text == file.file.text { return cached.uses }
            let uses = SchemaIndexBuilder.uses(in: file)
            files[file.file.path] = (file.file.text, uses)
            lastWalkCount += 1
            return uses
        }

        func begin(keeping paths: Set<String>) {
            lastWalkCount = 0
            files = files.filter { paths.contains($0.key) }
        }
    }

    public init(files: [SourceFileSyntax], cache: Cache = Cache()) {
        var builder = SchemaIndexBuilder()
        builder.declare(files)
        cache.begin(keeping: Set(files.map(\.file.path)))
        for file in files { builder.resolve(cache.uses(in: file)) }
        symbols = builder.symbols
        topLevel = builder.topLevel
        members = builder.members
        occurrencesBySymbol = Array(repeating: [], count: symbols.count)
        for occurrence in builder.occurrences {
            occurrencesByFile[occurrence.range.file, default: []].append(occurrence)
            occurrencesBySymbol[occurrence.symbol].append(occurrence)
        }
        for file in occurrencesByFile.keys { occurrencesByFile[file]?.sort { $0.range.start.offset < $1.range.start.offset } }
    }

    /// The occurrence whose name contains `offset` (a UTF-8 offset; the end of a name counts, so a cursor just after a
    /// name finds it).
    public func occurrence(at offset: Int, in file: String) -> SymbolOccurrence? {
        guard let occurrences = occurrencesByFile[file] else { return nil }
        // The last occurrence starting at or before the offset.
        var low = 0, high = occurrences.count
        while low < high {
            let middle = (low + high) / 2
            if occurrences[middle].range.start.offset <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let candidate = occurrences[low - 1]
        return offset <= candidate.range.end.offset ? candidate : nil
    }

    /// The declaration first, then the uses in file and position order.
    public func occurrences(of symbol: Int) -> [SymbolOccurrence] {
        occurrencesBySymbol[symbol].sorted {
            ($0.isDefinition ? 0 : 1, $0.range.file, $0.range.start.offset) < ($1.isDefinition ? 0 : 1, $1.range.file, $1.range.start.offset)
        }
    }

    /// A model, enum, command, use case, job, callback or service by name.
    public func topLevelSymbol(named name: String) -> Int? { topLevel[name] }

    /// The fields and profiles of a model, the cases of an enum, the fields of a command or the principal (`auth`),
    /// the methods of a service: by name.
    public func members(of container: String) -> [String: Int] { members[container] ?? [:] }

    /// Every top-level symbol's name, by kind (for completion).
    public func topLevelNames(_ kinds: Set<SchemaSymbol.Kind>) -> [String] {
        topLevel.filter { kinds.contains(symbols[$0.value].kind) }.keys.sorted()
    }
}
