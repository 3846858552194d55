import Foundation
import LoomRuntime
import LoomVocabulary

/// Reads a list route's query string in the Loom conventions, typed by the table:
/// filters `field__op=value` (a bare `field=value` is `eq`; camelCase or snake_case names; `in`/`not_in` take a comma
/// list; `is_null` takes true/false), `sort=a,-b` (`-` for descending; `direction=asc|desc`, either case, for the others),
/// `pagination=offset|cursor`, `page`, `limit`, `after` or `cursor`. Anything malformed is a 400 naming the parameter.
/// The operators each kind of field takes, and the parameters' names, are the vocabulary's (`LoomVocabulary`), which
/// the OpenAPI document lists: a filter the document does not name is refused here.
public struct ListQueryParser: Sendable {
    public let table: TableSchema
    public let defaultMode: PaginationMode
    public let modeOverridable: Bool
    public let limits: PageLimits
    /// The fields a filter may name (`filterable` in the schema); nil: every field.
    public let filterable: Set<String>?
    /// The fields `sort` may name (`sortable`); nil: every field.
    public let sortable: Set<String>?
    /// The model's many-to-many relations a filter may name (`tags=3`, `tags__in=1,2`: rows linked to any of them).
    public let relations: [RelationSpec]

    static let maximumFilters = 50
    /// SQLite refuses LIKE patterns over 50,000 bytes; anything near that is not a search a person types.
    static let maximumPatternBytes = ListParameter.maximumPatternBytes

    static let reserved = Set(ListParameter.allCases.map(\.rawValue))

    public init(
        table: TableSchema, defaultMode: PaginationMode, modeOverridable: Bool, limits: PageLimits,
        filterable: Set<String>? = nil, sortable: Set<String>? = nil, relations: [RelationSpec] = []
    ) {
        self.relations = relations.filter { $0.linkFilter != nil }
        self.table = table
        self.defaultMode = defaultMode
        self.modeOverridable = modeOverridable
        self.limits = limits
        self.filterable = filterable
        self.sortable = sortable
    }

    public func parse(_ query: QueryParameters) throws -> ListQuery {
        let mode = try paginationMode(query)
        let limit = try query.int("limit", in: 1...limits.maximumLimit, default: limits.defaultLimit)
        let page: ListQuery.Page
        switch mode {
        case .offset:
            if try Self.cursor(query, "after") != nil || Self.cursor(query, "cursor") != nil {
                throw LoomError.badRequest(message: "cursor parameters need pagination=cursor", parameter: "cursor")
            }
            page = .offset(page: try query.int("page", in: 1...(Int.max / limits.maximumLimit), default: 1), limit: limit)
        case .cursor:
            if try query.string("page") != nil {
                throw LoomError.badRequest(message: "'page' is for offset pagination; cursor pages follow 'nextCursor'", parameter: "page")
            }
            let after = try Self.cursor(query, "after")
            let cursor = try Self.cursor(query, "cursor")
            if after != nil && cursor != nil {
                throw LoomError.badRequest(message: "give 'after' or 'cursor', not both", parameter: "cursor")
            }
            page = .cursor(after: after ?? cursor, limit: limit)
        }
        var filters: [Filter] = []
        for (name, value) in query.all where !Self.reserved.contains(name) {
            try QueryParameters.rejectNUL(value, parameter: name)
            // SQLite nests each AND one level deeper and stops at a depth of 1,000: a bounded number of filters keeps
            // every request within what both backends evaluate.
            guard filters.count < Self.maximumFilters else {
                throw LoomError.badRequest(message: "at most \(Self.maximumFilters) filters per request", parameter: name)
            }
            filters.append(try filter(name, value))
        }
        return ListQuery(filter: filters.isEmpty ? nil : .all(filters), sort: try sort(query), page: page)
    }

    /// `after` or `cursor`; empty means the first page, since clients send the variable even when it is unset.
    static func cursor(_ query: QueryParameters, _ name: String) throws -> String? {
        try query.string(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func paginationMode(_ query: QueryParameters) throws -> PaginationMode {
        let hasCursor = try Self.cursor(query, "after") != nil || Self.cursor(query, "cursor") != nil
        guard let text = try query.string("pagination") else {
            if hasCursor && defaultMode == .offset && !modeOverridable {
                throw LoomError.badRequest(message: "this list pages by offset only", parameter: "cursor")
            }
            return hasCursor && modeOverridable ? .cursor : defaultMode
        }
        guard let mode = PaginationMode(rawValue: text.lowercased()) else {
            throw LoomError.badRequest(message: "'pagination' must be offset or cursor, got '\(text)'", parameter: "pagination")
        }
        if mode != defaultMode && !modeOverridable {
            throw LoomError.badRequest(message: "this list pages by \(defaultMode.rawValue) only", parameter: "pagination")
        }
        return mode
    }

    func sort(_ query: QueryParameters) throws -> [SortKey] {
        let direction: SortKey.Direction
        if let text = try query.string("direction") {
            guard let named = SortDirection(queryValue: text) else {
                throw LoomError.badRequest(message: "'direction' must be asc or desc, got '\(text)'", parameter: "direction")
            }
            direction = named == .asc ? .ascending : .descending
        } else {
            direction = .ascending
        }
        guard let text = try query.string("sort") else { return [] }
        var keys: [SortKey] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            let descending = name.hasPrefix("-")
            let fieldName = descending ? String(name.dropFirst()) : name
            guard let column = column(named: fieldName) else {
                throw LoomError.badRequest(message: "unknown sort field '\(fieldName)'\(suggestion(fieldName))", parameter: "sort")
            }
            guard column.type.kind.isFilterable else {
                throw LoomError.badRequest(message: "a list cannot be sorted by '\(column.field)' (\(column.type.noun))", parameter: "sort")
            }
            if let sortable, !sortable.contains(column.field) {
                throw LoomError.badRequest(
                    message: "this list cannot be sorted by '\(column.field)'; it sorts by \(Self.names(sortable))", parameter: "sort")
            }
            guard !keys.contains(where: { $0.column == column.column }) else {
                throw LoomError.badRequest(message: "sort field '\(fieldName)' is given twice", parameter: "sort")
            }
            keys.append(SortKey(column: column.column, direction: descending ? .descending : direction))
        }
        return keys
    }

    func filter(_ name: String, _ raw: String) throws -> Filter {
        let parts = name.components(separatedBy: "__")
        guard parts.count <= 2, let fieldName = parts.first, !fieldName.isEmpty else {
            throw LoomError.badRequest(message: "malformed filter '\(name)'; write field or field__op", parameter: name)
        }
        if filterable == nil, let relation = relations.first(where: { $0.name == fieldName }), let link = relation.linkFilter {
            return try linkedFilter(name, raw, operator: parts.count == 2 ? parts[1].lowercased() : "eq", keyType: link.keyType, link.rowsLinkedTo)
        }
        guard let column = column(named: fieldName) else {
            throw LoomError.badRequest(message: "unknown filter field '\(fieldName)'\(suggestion(fieldName))", parameter: name)
        }
        if let filterable, !filterable.contains(column.field) {
            throw LoomError.badRequest(
                message: "this list cannot be filtered on '\(column.field)'; it filters on \(Self.names(filterable))", parameter: name)
        }
        let opName = parts.count == 2 ? parts[1].lowercased() : "eq"
        let applicable = column.type.kind.filterOperators
        guard let op = FilterOperator(queryName: opName) else {
            let known = (applicable.isEmpty ? FilterOperator.allCases : applicable).map(\.rawValue).joined(separator: ", ")
            throw LoomError.badRequest(message: "unknown filter operator '\(opName)'; expected one of \(known)", parameter: name)
        }
        guard applicable.contains(op) else {
            let message = applicable.isEmpty
                ? "a list cannot be filtered on '\(column.field)' (\(column.type.noun))"
                : "'\(op.rawValue)' does not apply to '\(column.field)' (\(column.type.noun)); it takes "
                    + applicable.map(\.rawValue).joined(separator: ", ")
            throw LoomError.badRequest(message: message, parameter: name)
        }
        func value(_ text: String) throws -> SQLValue {
            guard let parsed = Self.value(text, type: column.type) else {
                throw LoomError.badRequest(message: "'\(name)' must be \(column.type.noun), got '\(text)'", parameter: name)
            }
            return parsed
        }
        switch op {
        case .isNull, .isNotNull:
            guard let flag = Self.bool(raw) else {
                throw LoomError.badRequest(message: "'\(name)' must be true or false, got '\(raw)'", parameter: name)
            }
            return .condition(.init(column: column.column, op: (op == .isNull) == flag ? .isNull : .isNotNull, values: []))
        case .in, .notIn:
            let items = raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return .condition(.init(column: column.column, op: op, values: try items.map(value)))
        case .like, .ilike, .contains, .startsWith:
            guard raw.utf8.count <= Self.maximumPatternBytes else {
                throw LoomError.badRequest(message: "'\(name)' is longer than \(Self.maximumPatternBytes) bytes", parameter: name)
            }
            return .condition(.init(column: column.column, op: op, values: [.string(raw)]))
        default:
            return .condition(.init(column: column.column, op: op, values: [try value(raw)]))
        }
    }

    /// `tags=3` or `tags__in=1,2` on a many-to-many relation: the rows linked to any of those keys.
    func linkedFilter(
        _ name: String, _ raw: String, operator op: String, keyType: ColumnType, _ rowsLinkedTo: ([SQLValue]) -> Filter
    ) throws -> Filter {
        guard op == "eq" || op == "in" else {
            throw LoomError.badRequest(message: "a relation filter takes eq or in, not '\(op)'", parameter: name)
        }
        let items = op == "in" ? raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init) : [raw]
        let keys = try items.map { text in
            guard let key = Self.value(text, type: keyType) else {
                throw LoomError.badRequest(message: "'\(name)' must be \(keyType.noun), got '\(text)'", parameter: name)
            }
            return key
        }
        return rowsLinkedTo(keys)
    }

    /// A column by field name (camelCase) or column name (snake_case).
    func column(named name: String) -> ColumnSchema? {
        table.column(forField: name) ?? table.column(named: name) ?? table.column(forField: RequestBody.camelCase(name))
    }

    func suggestion(_ name: String) -> String {
        let fields = table.columns.map(\.field)
        let close = fields.filter { Self.distance($0.lowercased(), name.lowercased()) <= max(1, name.count / 3) }
        return close.first.map { "; did you mean '\($0)'?" } ?? ""
    }

    /// `'a', 'b'` in order, or `no field` for an empty list.
    static func names(_ fields: Set<String>) -> String {
        fields.isEmpty ? "no field" : fields.sorted().map { "'\($0)'" }.joined(separator: ", ")
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    /// A query-string value parsed with the column's type.
    static func value(_ text: String, type: ColumnType) -> SQLValue? {
        switch type {
        case .int, .int32: Int(text).map(SQLValue.int)
        case .double: Double(text).map(SQLValue.double)
        case .decimal: isPlainDecimal(text) ? .string(text) : nil
        case .bool: bool(text).map(SQLValue.bool)
        case .string, .text: .string(text)
        case .date: CalendarDate(text).map(\.sqlValue)
        case .dateTime: Timestamp.parse(text).map(SQLValue.date)
        case .uuid: UUID(uuidString: text).map(\.sqlValue)
        case .enumeration(let cases): cases.contains(text) ? .string(text) : nil
        case .json, .array: nil
        }
    }

    /// `-12.50`: an optional sign, digits, and an optional point with digits — the whole text, nothing else, since
    /// it is bound as text and cast to `numeric` (`Decimal(string:)` accepts `1.5abc` by reading a prefix).
    static func isPlainDecimal(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let whole = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(whole.count)
        guard !whole.isEmpty, whole.count <= 1_000 else { return false }
        guard let point = bytes.first else { return true }
        guard point == UInt8(ascii: ".") else { return false }
        let fraction = bytes.dropFirst()
        return !fraction.isEmpty && fraction.count <= 1_000 && fraction.allSatisfy(isDigit)
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
