/// One versioned migration of a schema, as `loomgen generate` embeds it from `migrations/<id>/` (so a server needs no
/// files at run time): the statements of each dialect's SQL file, and a checksum of that file that the migrator
/// compares with the one recorded when the migration was applied.
public struct Migration: Sendable, Hashable {
    public struct Script: Sendable, Hashable {
        /// FNV-1a 64 of the SQL file, 16 lower-case hex digits.
        public var checksum: String
        /// In order, without `;`.
        public var statements: [String]

        public init(checksum: String, statements: [String]) {
            self.checksum = checksum
            self.statements = statements
        }
    }

    /// `0001_init`: ordered by its number.
    public var id: String
    public var postgres: Script
    public var sqlite: Script

    public init(id: String, postgres: Script, sqlite: Script) {
        self.id = id
        self.postgres = postgres
        self.sqlite = sqlite
    }

    public func script(for dialect: SQLDialect) -> Script {
        switch dialect {
        case .postgres: postgres
        case .sqlite: sqlite
        }
    }
}
