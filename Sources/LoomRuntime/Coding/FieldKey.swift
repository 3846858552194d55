import LoomValues

/// The one coding key of every generated type (LoomValues, so that model types compile without the runtime); the
/// name generated code spells, `LoomRuntime.FieldKey`, still works. Its container helpers (`encodeField`,
/// `decodeField`, `encodePatch`…) come with it.
public typealias FieldKey = LoomValues.FieldKey
