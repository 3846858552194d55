/// How the compiler names what it creates in the database. Deterministic, so a snapshot, the DDL, the migrations and
/// the runtime's mapping of a violated constraint back to its fields all agree; PostgreSQL's own conventions, so the
/// names are the ones a DBA expects (and the foreign keys, which PostgreSQL names itself, match).
enum ConstraintNaming {
    /// `users_email_key`, `posts_user_id_title_key`.
    static func unique(table: String, columns: [String]) -> String { table + "_" + columns.joined(separator: "_") + "_key" }

    /// `users_name_idx`.
    static func index(table: String, columns: [String]) -> String { table + "_" + columns.joined(separator: "_") + "_idx" }

    /// `users_score_range`: one check per column and kind (`enum`, `min_length`, `max_length`, `range`, `one_of`,
    /// `not_blank`).
    static func check(table: String, column: String, kind: String) -> String { "\(table)_\(column)_\(kind)" }

    /// PostgreSQL's own name for an inline foreign key: `<table>_<column>_fkey`.
    static func foreignKey(table: String, column: String) -> String { "\(table)_\(column)_fkey" }
}
