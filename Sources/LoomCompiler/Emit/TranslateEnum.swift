/// `enum OrderStatus { … }` → a `String`-backed Swift enum whose cases are stored by name.
enum TranslateEnum {
    static func translate(_ type: EnumType) -> SwiftDeclaration {
        .documented(
            type.doc.isEmpty ? ["The cases of `\(type.name)`, stored by name."] : type.doc,
            .type(SwiftType(
                kind: .enum, name: type.name, conformances: ["String", "LoomRuntime.LoomEnum"],
                members: [.cases(type.cases.map(SwiftNames.safe))]
            ))
        )
    }
}
