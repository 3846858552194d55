// LoomValues: the value types a generated model's coding needs (`FieldKey`, `Patch`, `CalendarDate`, `Timestamp`,
// `Violations` and the `InvalidInput` it throws, `SchemaEnum`), and nothing else.
//
// Why a module of its own: generated entities, their `Create`/`Update` inputs, commands and enums are to compile in a
// target an iOS, macOS or Linux client app can import. Their `init(from:)` and `encode(to:)` need only these types,
// so this module takes Foundation and LoomVocabulary and no NIO, Hummingbird, database driver, swift-log,
// swift-crypto, metrics or tracing. What needs SQL or the server (a `Patch`'s column assignments, a `CalendarDate`'s
// `SQLValue`, constraint checks, the `LoomError` a 422 is answered with) stays in LoomRuntime as extensions, and
// LoomRuntime re-exports this module and keeps the old names (`LoomRuntime.FieldKey`, `LoomRuntime.Patch<Int>`) as
// typealiases, so generated code that spells them compiles unchanged.

// A generated model's `Json` fields are LoomVocabulary's `JSONValue`: one import gives a model target all it needs.
@_exported import LoomVocabulary
