import LoomVocabulary

/// How a list pages: by page number and count (`page`, `limit`, `totalCount`) or by an opaque cursor over the sort
/// (`after`, `nextCursor`), the schema's `pagination:` setting. The vocabulary's, which the compiler reads the same.
public typealias PaginationMode = LoomVocabulary.PaginationMode
