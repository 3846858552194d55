/// A model's create and PATCH bodies, synthesised as commands so that one translator emits them and declared commands
/// alike, with one presence semantics: a required field must be sent; an optional one may be absent (then its
/// default, or null); `null` is accepted only for a nullable field, never silently replaced by a default.
enum ModelInputSynthesis {
    static func inputs(of model: Model) -> ModelInputs {
        let create = model.fields.filter { !$0.isGenerated }.map { field in
            command(field, presence: field.isOptional || field.defaultValue != nil ? .optional : .required)
        }
        let update = model.fields.filter { !$0.isGenerated && !$0.isPrimaryKey }.map { command($0, presence: .patch) }
        return ModelInputs(
            create: Command(
                name: "Create", fields: create, doc: ["The fields a client sends to create \(Naming.article(model.name)) `\(model.name)`."],
                file: model.file, range: model.range, origin: .create(model: model.name)
            ),
            update: Command(
                name: "Update", fields: update,
                doc: ["A PATCH of \(Naming.article(model.name)) `\(model.name)`: only the fields sent are written; `null` clears a nullable field."],
                file: model.file, range: model.range, origin: .update(model: model.name)
            )
        )
    }

    private static func command(_ field: Field, presence: Command.Field.Presence) -> Command.Field {
        Command.Field(
            name: field.name, type: .scalar(field.type), isOptional: field.isOptional, presence: presence,
            defaultValue: presence == .patch ? nil : field.defaultValue, constraints: field.constraints, doc: field.doc,
            range: field.range, column: field.column
        )
    }
}
