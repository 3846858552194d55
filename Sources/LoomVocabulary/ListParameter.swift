/// The query parameters of a list route besides its filters, and the members of the two page envelopes: what the
/// runtime reads and writes, the document declares and a client sends and decodes.
public enum ListParameter: String, Sendable, Hashable, CaseIterable {
    /// `offset` or `cursor`, on a route whose mode a client may choose.
    case pagination
    /// Offset pages: the page, from 1.
    case page
    case limit
    /// Cursor pages: the previous page's `nextCursor`.
    case after
    /// The same as `after` (the Python framework's name).
    case cursor
    /// Fields to sort by, comma-separated, `-` before one for descending.
    case sort
    /// The direction of the sort fields without `-`.
    case direction
    /// A read profile of the model.
    case profile

    /// Between a field and its operator: `price__gte`.
    public static let operatorSeparator = "__"
    /// The longest `like`/`contains`/`startswith` pattern a list accepts, in bytes.
    public static let maximumPatternBytes = 1_000
    /// The page size of a request that names no `limit`, unless the schema gives its list another (`limit 20`).
    public static let defaultLimit = 50
    /// The largest `limit` a request may name; a larger one is a 400.
    public static let maximumLimit = 1_000
}

/// `direction=asc|desc`. The runtime also accepts the upper-case spellings the Python framework's clients send; the
/// document lists the lower-case ones alone, since generators that normalise case make one name of `ASC` and `asc`.
public enum SortDirection: String, Sendable, Hashable, CaseIterable {
    case asc, desc

    /// The direction a query string names, in either case, or nil.
    public init?(queryValue: String) {
        self.init(rawValue: queryValue.lowercased())
    }
}

/// `pagination=offset|cursor`.
public enum PaginationMode: String, Sendable, Hashable, CaseIterable {
    case offset, cursor
}

/// The members of the page envelopes, in the order they are written.
public enum PageEnvelope {
    /// `{"items":[…],"totalCount":…,"page":…,"limit":…,"hasNext":…}`.
    public static let offsetMembers = ["items", "totalCount", "page", "limit", "hasNext"]
    /// `{"items":[…],"nextCursor":…|null,"hasNext":…}`.
    public static let cursorMembers = ["items", "nextCursor", "hasNext"]
}
