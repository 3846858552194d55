import LoomRuntime

/// Hand-written code next to the generated code, as a user would write it: it must see the generated names as
/// declared, with the schema's own names winning over runtime ones in this module.
extension Repository {
    /// The generated `Repository` model (not `LoomRuntime.Repository`) is what the bare name means here.
    static var sampleKey: String { "primaryKey" }
}
