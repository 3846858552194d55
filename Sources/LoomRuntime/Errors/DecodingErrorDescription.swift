import LoomValues

/// Turns a `DecodingError` into the violations a client can act on (LoomValues, where `Violations` uses it);
/// `LoomRuntime.DecodingErrorDescription` still names it.
public typealias DecodingErrorDescription = LoomValues.DecodingErrorDescription
