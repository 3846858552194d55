/// The schema's services as Swift: a protocol per `service` (the application implements it), and
/// `<Schema>Services`, one implementation of each, which the server's entry point must be given — a service left out
/// is a compile error, not a failure at run time. Contexts of use cases and jobs that say `uses X` offer `x`.
enum TranslateService {
    static func translate(_ schema: ResolvedSchema) -> [SwiftDeclaration] {
        guard !schema.services.isEmpty else { return [] }
        return schema.services.map(serviceProtocol) + [servicesType(schema)]
    }

    /// `public protocol Mailer: Sendable { func send(to: String, …) async throws }`.
    private static func serviceProtocol(_ service: Service) -> SwiftDeclaration {
        let requirements: [SwiftDeclaration] = service.methods.map { method in
            let function = SwiftFunction(
                access: .internal, kind: .function(SwiftNames.safe(method.name)),
                parameters: method.parameters.map { SwiftParameter(nil, SwiftNames.safe($0.name), SwiftNames.swiftType($0.type)) },
                isAsync: true, isThrowing: true, returnType: method.result.map(SwiftNames.swiftType), body: nil
            )
            return method.doc.isEmpty ? .function(function) : .documented(method.doc, .function(function))
        }
        let doc = service.doc.isEmpty ? ["`service \(service.name)`: implement it and give it to the server."] : service.doc
        return .documented(doc, .type(SwiftType(kind: .protocol, name: service.name, conformances: ["Sendable"], members: requirements)))
    }

    /// `public struct HelpdeskServices { public var mailer: any Mailer … }`.
    private static func servicesType(_ schema: ResolvedSchema) -> SwiftDeclaration {
        let properties = schema.services.map { (name: property($0.name), type: "any \($0.name)") }
        var members: [SwiftDeclaration] = properties.map { .variable(SwiftVariable(name: $0.name, type: $0.type)) }
        members.append(.function(SwiftFunction(
            kind: .initializer, parameters: properties.map { SwiftParameter(nil, $0.name, $0.type) },
            body: properties.map { .line("self.\($0.name) = \($0.name)") }
        )))
        return .documented(
            ["One implementation of each service of the `\(schema.name)` schema: what `LoomServer.run` (and a test's",
             "`\(Naming.applicationType(schema.name))(database:services:)`) must be given."],
            .type(SwiftType(kind: .struct, name: Naming.servicesType(schema.name), conformances: ["Sendable"], members: members))
        )
    }

    /// `mailer`: the property of a service in `<Schema>Services` and in contexts.
    static func property(_ service: String) -> String {
        SwiftNames.safe(Naming.lowerFirst(service))
    }

    /// `var mailer: any Mailer`, for the context of a use case or job that says `uses Mailer`.
    static func accessors(_ services: [String], in schema: ResolvedSchema) -> [SwiftDeclaration] {
        let type = Naming.servicesType(schema.name)
        return services.map { service in
            .documented(
                ["`uses \(service)`: the implementation the server was given."],
                .variable(SwiftVariable(
                    name: property(service), type: "any \(service)",
                    getter: [.line("scope.services(\(type).self).\(property(service))")]
                ))
            )
        }
    }
}
