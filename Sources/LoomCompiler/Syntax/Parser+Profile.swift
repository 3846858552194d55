extension Parser {
    /// `profile name {` (or `profile name` with a lowercase name, whose `{` may be missing). A field called
    /// `profile` has an uppercase type after it, so the two do not clash.
    var isAtProfileStart: Bool {
        guard current.isIdentifier("profile"), peek(1).kind == .identifier else { return false }
        return peek(2).kind == .leftBrace || peek(1).text.first?.isLowercase == true
    }

    /// `profile name { member* }`, the current token being `profile`.
    mutating func parseProfile() -> ProfileDeclaration {
        let keyword = advance()
        let name = consumeIdentifier()
        var members: [ProfileMember] = []
        parseBody(of: "profile '\(name.name)'", openingExpected: "'{' after profile name") { parser in
            if let member = parser.parseProfileMember(of: name.name) { members.append(member) }
        }
        return ProfileDeclaration(doc: keyword.leadingDoc, name: name, members: members, range: range(from: keyword.range.start))
    }

    /// `include relation (, relation)*`, `count relation as name` or `exists relation as name`.
    private mutating func parseProfileMember(of profile: String) -> ProfileMember? {
        let expectedMembers = "expected " + Suggestions.list(Keywords.profileMembers)
        guard current.kind == .identifier else {
            error(.unknownMember, "unexpected \(current.quoted) in profile '\(profile)'; \(expectedMembers)")
            skipToNextMember()
            return nil
        }
        let keyword = current
        if keyword.isIdentifier("include") {
            let keyword = consumeIdentifier()
            var relations: [Identifier] = []
            repeat {
                if !relations.isEmpty { advance() }  // the comma
                guard current.kind == .identifier, !Keywords.profileMembers.contains(current.text) else {
                    expected("a relation name after '\(relations.isEmpty ? "include" : ",")'")
                    break
                }
                relations.append(consumeIdentifier())
            } while current.kind == .comma
            return .include(keyword: keyword, relations: relations, range: range(from: keyword.range.start))
        }
        if keyword.isIdentifier("count") || keyword.isIdentifier("exists") {
            let keyword = consumeIdentifier()
            guard current.kind == .identifier, !Keywords.profileMembers.contains(current.text) else {
                expected("a relation name after '\(keyword.name)'")
                return nil
            }
            let relation = consumeIdentifier()
            var alias: Identifier?
            let example = keyword.name == "count" ? "\(relation.name)Count" : "has" + relation.name.prefix(1).uppercased() + relation.name.dropFirst()
            if current.isIdentifier("as") {
                advance()
                if current.kind == .identifier && !current.isAtStartOfLine {
                    alias = consumeIdentifier()
                } else {
                    expected("a name after 'as'", hint: "write \(keyword.name) \(relation.name) as \(example)")
                }
            } else {
                expected("'as' and a name after '\(keyword.name) \(relation.name)'", hint: "write \(keyword.name) \(relation.name) as \(example)")
            }
            return .computed(keyword: keyword, relation: relation, alias: alias, range: range(from: keyword.range.start))
        }
        let hint = Suggestions.didYouMean(keyword.text, among: Keywords.profileMembers)
        error(.unknownMember, "unknown member '\(keyword.text)' in profile '\(profile)'; \(expectedMembers)", hint: hint)
        skipToNextMember()
        return nil
    }
}
