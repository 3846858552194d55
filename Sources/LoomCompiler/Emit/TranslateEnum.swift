/// `enum OrderStatus { … }` → a `String`-backed Swift enum whose cases are stored by name (`SchemaEnum`: an unknown case
/// is a rule violation, not a decoding error); the server's side conforms it to `LoomEnum` (its column value, its
/// constraint subject).
enum TranslateEnum {
    static func translate(_ type: EnumType) -> TypeDeclarations {
        TypeDeclarations(
            type: .documented(
                type.doc.isEmpty ? ["The cases of `\(type.name)`, stored by name."] : type.doc,
                .type(SwiftType(
                    kind: .enum, name: type.name, conformances: ["String", "LoomValues.SchemaEnum"],
                    members: [.cases(type.cases.map(SwiftNames.safe))]
                ))
            ),
            server: [.extension(SwiftExtension(type: type.name, conformances: ["LoomRuntime.LoomEnum"]))]
        )
    }
}
