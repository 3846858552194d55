/// A generated type in two parts: the type itself (fields and JSON coding, what a client's target imports) and the
/// server's side of it (extensions conforming it to the runtime's protocols: tables, rows, SQL, constraint checks). A
/// target that holds both gets both in one file; a schema's models target gets the types and its server target the
/// extensions (`GeneratedPart`).
struct TypeDeclarations {
    var type: SwiftDeclaration
    var server: [SwiftDeclaration]
}

/// Which part of the generated code a target holds.
public enum GeneratedPart: Sendable, Hashable {
    /// Everything: the types, their server side, the schema, application, routes and document (one target).
    case all
    /// The models, enums and commands as types a client can import: no runtime, no SQL, no HTTP.
    case models
    /// The rest, for a target that depends on the models' target (`modelsModule`): the types' server side and the
    /// schema, application, routes and document.
    case server(modelsModule: String)
    /// The typed client (`StoreClient`, `loom-client.swift`), for a target that depends on the models' target and
    /// `LoomClient`.
    case client(modelsModule: String)
}
