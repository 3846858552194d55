// The runtime's public API speaks the vocabulary's types (filter operators, pagination modes, error codes, JSON
// values), so importing the runtime imports them; the typealiases beside each use keep `LoomRuntime.FilterOperator`
// and the other names generated code spells module-qualified.
@_exported import LoomVocabulary

// The value types of generated models' coding (`FieldKey`, `Patch`, `CalendarDate`, `Timestamp`, `Violations`,
// `InvalidInput`) live in LoomValues, so model types can compile without the runtime; importing the runtime imports
// them, and the typealiases beside each extension keep `LoomRuntime.FieldKey`, `LoomRuntime.Patch<Int>` working.
@_exported import LoomValues
