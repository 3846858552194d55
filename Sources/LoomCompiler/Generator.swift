/// The compiler's entry points, one per `loomgen` command: sources and the `migrations/` folder in (through an
/// injected `FileReader`), diagnostics and outputs out. The CLI, the golden tests and (through the CLI) the build
/// plugin and the benchmark all run these, so what is tested is the pipeline that ships. Nothing here writes files or
/// prints: the caller does, and decides the exit status.
public enum Generator {
    /// What a run produced.
    public struct Output: Sendable {
        /// Every diagnostic, in display order: the schema's and the migrations folder's.
        public var diagnostics: [Diagnostic]
        /// Empty when there is an error.
        public var files: [GeneratedFile]
        /// The resolved schema the files came from; nil when there is an error.
        public var schema: ResolvedSchema?

        public init(diagnostics: [Diagnostic], files: [GeneratedFile], schema: ResolvedSchema? = nil) {
            self.diagnostics = diagnostics
            self.files = files
            self.schema = schema
        }
    }

    /// `loomgen generate`: the Swift of the schema, with the migrations of `migrationsFolder` (nil or missing: none)
    /// embedded. Problems with the folder are reported alongside the schema's, and either prevents output.
    public static func run(
        schemaName: String, files: [SourceFile], migrationsFolder: String?, reader: some FileReader,
        layout: SwiftEmitter.Layout = .filePerSource, part: GeneratedPart = .all
    ) -> Output {
        let compiled = Frontend.compile(name: schemaName, files: files)
        let migrations = migrationsFolder.map { MigrationFolder.load($0, reader: reader) } ?? (entries: [], diagnostics: [])
        let diagnostics = (compiled.diagnostics + migrations.diagnostics).sortedForDisplay()
        guard let schema = compiled.schema, !diagnostics.hasErrors else { return Output(diagnostics: diagnostics, files: []) }
        let generated = SwiftEmitter.generate(schema, layout: layout, migrations: migrations.entries.map(\.source), part: part)
        return Output(diagnostics: diagnostics, files: generated, schema: schema)
    }

    /// `loomgen sql`: the create statements as one script, `<dialect>.sql`.
    public static func sql(schemaName: String, files: [SourceFile], dialect: SQLDialect) -> Output {
        let compiled = Frontend.compile(name: schemaName, files: files)
        guard let schema = compiled.schema else { return Output(diagnostics: compiled.diagnostics, files: []) }
        let script = SQLEmitter.createScript(schema, dialect: dialect)
        return Output(diagnostics: compiled.diagnostics, files: [GeneratedFile(name: "\(dialect.rawValue).sql", contents: script)])
    }
}
