/// What a schema may require of a field's value (`@minLength(2)`, `@range(0, 100)`, `@pattern(email)`, `@oneOf(…)`,
/// `@notBlank`, and a `Decimal(p, s)`'s digits): the compiler resolves attributes into these, writes them into the
/// generated inputs' checks, the SQL `CHECK`s and the OpenAPI document, and the runtime checks values against them.
/// One definition, so a constraint added to the language is one the runtime knows.
public enum ValueConstraintKind: Sendable, Hashable {
    /// In Unicode scalars (code points), as PostgreSQL's `VARCHAR(n)` and `char_length` and SQLite's `length()` count;
    /// for a list, its element count.
    case minLength(Int)
    case maxLength(Int)
    /// Inclusive; either bound may be absent.
    case range(min: Double?, max: Double?)
    /// A regular expression the whole value must match.
    case pattern(String)
    /// The built-in email check (`@pattern(email)`).
    case email
    case oneOf([String])
    /// Text with something besides whitespace.
    case notBlank
    /// The column is `NUMERIC(precision, scale)`: at most `precision - scale` digits before the point and `scale` after
    /// it, whatever the backend. Implied by the type `Decimal(p, s)`, never written as an attribute.
    case decimal(precision: Int, scale: Int)
}
