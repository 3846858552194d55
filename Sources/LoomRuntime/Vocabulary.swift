// The runtime's public API speaks the vocabulary's types (filter operators, pagination modes, error codes, JSON
// values), so importing the runtime imports them; the typealiases beside each use keep `LoomRuntime.FilterOperator`
// and the other names generated code spells module-qualified.
@_exported import LoomVocabulary
