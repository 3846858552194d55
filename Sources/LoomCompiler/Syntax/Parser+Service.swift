extension Parser {
    /// `service Name { method(parameters) (-> Result)? … }`, the current token being `service`.
    mutating func parseService() -> ServiceDeclaration? {
        let keyword = advance()
        guard current.kind == .identifier else {
            expected("a service name after 'service'", hint: "write service Mailer { send(to: String(255), body: Text) }")
            skipToNextDeclaration()
            return nil
        }
        let name = consumeIdentifier()
        var methods: [ServiceMethodDeclaration] = []
        parseBody(of: "service '\(name.name)'", openingExpected: "'{' after the service's name") { parser in
            if let method = parser.parseServiceMethod(of: name.name) { methods.append(method) }
        }
        return ServiceDeclaration(doc: keyword.leadingDoc, name: name, methods: methods, range: range(from: keyword.range.start))
    }

    private mutating func parseServiceMethod(of service: String) -> ServiceMethodDeclaration? {
        guard current.kind == .identifier else {
            error(.unknownMember, "unexpected \(current.quoted) in service '\(service)'; expected a method", hint: "write send(to: String(255))")
            skipToNextMember()
            return nil
        }
        let doc = current.leadingDoc
        let name = consumeIdentifier()
        guard current.kind == .leftParen else {
            expected("'(' after method '\(name.name)'", hint: "write \(name.name)() when it takes no parameters")
            skipToNextMember()
            return nil
        }
        let parameters = parseParameters(of: "method '\(name.name)'")
        let result = parseResult()
        return ServiceMethodDeclaration(doc: doc, name: name, parameters: parameters, result: result, range: range(from: name.range.start))
    }
}
