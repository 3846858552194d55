/// The filter, sort and direction parameters of every list route, each written once in `components.parameters` and
/// referenced (`$ref`) from the routes. A list route takes about ten query parameters per field (`price`,
/// `price__gte`, `name__contains`, `tags__in`, …); written into every route they were most of a big schema's
/// document. A definition is keyed by its parameter name, so models that share a field name and type share its
/// filters; a name whose definitions differ (`id` an integer here, a UUID there) gets the type as a suffix:
/// `id__ne.int64`, `id__ne.uuid`. `sort` lists its model's fields, so it is one per model (`sort.Product`) unless
/// only one model is listed.
///
/// The filters stay one parameter each, as the server reads them, rather than one form-exploded object per model:
/// Swift OpenAPI Generator does not generate object query parameters (its supported features list `form` in query for
/// primitives and arrays only), so a client generated from the document would lose every filter.
struct SharedListParameters {
    /// `components.parameters` members, sorted by key.
    let definitions: [(String, JSONNode)]
    /// The `$ref`s of each list query, in the route's order, by `queryKey` (one node per key, shared by the routes).
    private let referencesByQuery: [String: [JSONNode]]

    /// One parameter of a list route before sharing: `tag` names what tells it apart from another of the same name
    /// (the field's type; the model, for a relation or `sort`), `variant` anything else its definition depends on
    /// (the fields `sort` lists).
    struct Candidate {
        var name: String
        var tag: String
        var variant: String
        /// Whether it is shared only within its tag: a model's `sort` names the model's fields, so another model's
        /// is another parameter even when it reads the same.
        var sharedWithinTag: Bool
        /// Candidates with the same identity have the same definition, so each identity is rendered once.
        let identity: String
        /// Built only for an identity not seen before: a big schema lists thousands of models.
        var parameter: () -> JSONNode

        init(
            name: String, tag: String, variant: String = "", sharedWithinTag: Bool = false,
            parameter: @autoclosure @escaping () -> JSONNode
        ) {
            self.name = name
            self.tag = tag
            self.variant = variant
            self.sharedWithinTag = sharedWithinTag
            identity = name + "\u{0}" + tag + "\u{0}" + variant
            self.parameter = parameter
        }
    }

    init(_ schema: ResolvedSchema) {
        var queries: [(key: String, candidates: [Candidate])] = []
        var seen = Set<String>()
        for query in schema.endpoints.compactMap(\.listQuery) where seen.insert(Self.queryKey(query)).inserted {
            guard let model = schema.model(named: query.model) else { continue }
            let candidates = TranslateOpenAPI.filterParameters(model, filterable: query.filterable, sortable: query.sortable, in: schema)
            queries.append((Self.queryKey(query), candidates))
        }
        // Per name, each different definition (compared as compact JSON) in order of first use, with the identities
        // that share it.
        var names: [String] = []
        var variants: [String: [(tag: String, text: String, parameter: JSONNode, identities: [String])]] = [:]
        var known = Set<String>()
        for query in queries {
            for candidate in query.candidates where known.insert(candidate.identity).inserted {
                let parameter = candidate.parameter()
                let text = (candidate.sharedWithinTag ? candidate.tag + "\u{0}" : "") + parameter.rendered(.compact)
                if variants[candidate.name] == nil { names.append(candidate.name) }
                if let index = variants[candidate.name]?.firstIndex(where: { $0.text == text }) {
                    variants[candidate.name]?[index].identities.append(candidate.identity)
                } else {
                    variants[candidate.name, default: []].append((candidate.tag, text, parameter, [candidate.identity]))
                }
            }
        }
        var referenceByIdentity: [String: JSONNode] = [:]
        var definitions: [(String, JSONNode)] = []
        for name in names {
            let list = variants[name] ?? []
            var used: [String: Int] = [:]
            for variant in list {
                var key = list.count == 1 && !Self.pagingKeys.contains(name) ? name : name + "." + variant.tag
                used[key, default: 0] += 1
                // Two definitions of one name and tag (two routes of a model sorting by different fields): numbered.
                if let count = used[key], count > 1 { key += "." + String(count) }
                let reference = TranslateOpenAPI.reference(parameter: key)
                for identity in variant.identities { referenceByIdentity[identity] = reference }
                definitions.append((key, variant.parameter))
            }
        }
        self.definitions = definitions.sorted { $0.0 < $1.0 }
        var referencesByQuery: [String: [JSONNode]] = [:]
        for (queryKey, candidates) in queries {
            referencesByQuery[queryKey] = candidates.compactMap { referenceByIdentity[$0.identity] }
        }
        self.referencesByQuery = referencesByQuery
    }

    /// The keys of the shared page parameters, which a field of the same name must not take.
    static let pagingKeys: Set<String> = ["page", "limit", "after", "cursor"]

    /// The `$ref`s of a list route's filter, sort and direction parameters.
    func references(for query: Endpoint.ListQuery) -> [JSONNode] {
        referencesByQuery[Self.queryKey(query)] ?? []
    }

    /// What decides a list route's parameters: its model and what it may filter and sort by.
    private static func queryKey(_ query: Endpoint.ListQuery) -> String {
        [query.model, query.filterable.map { $0.joined(separator: ",") } ?? "*", query.sortable.map { $0.joined(separator: ",") } ?? "*"]
            .joined(separator: "|")
    }

    /// The suffix that tells apart filters of one name on fields of different types.
    static func tag(_ type: ScalarType) -> String {
        switch type {
        case .int: "int64"
        case .int32: "int32"
        case .double: "double"
        case .decimal: "decimal"
        case .bool: "boolean"
        case .string(let maxLength): "string" + String(maxLength)
        case .text: "text"
        case .date: "date"
        case .dateTime: "date-time"
        case .uuid: "uuid"
        case .json: "json"
        case .enumeration(let name): name
        case .array(let element): "array-" + tag(element)
        }
    }
}
