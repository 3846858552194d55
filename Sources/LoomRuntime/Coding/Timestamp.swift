import LoomValues

/// ISO-8601 instants with microsecond precision (LoomValues: a generated input's `@default(now)` calls
/// `Timestamp.now()`); `LoomRuntime.Timestamp` still names it.
public typealias Timestamp = LoomValues.Timestamp
