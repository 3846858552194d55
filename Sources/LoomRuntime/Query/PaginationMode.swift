/// How a list pages: by page number and count (`page`, `limit`, `totalCount`) or by an opaque cursor over the sort
/// (`after`, `nextCursor`), the schema's `pagination:` setting.
public enum PaginationMode: String, Sendable, Hashable, CaseIterable {
    case offset
    case cursor
}
