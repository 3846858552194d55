/// Renders `SwiftDeclaration`s as text: the one place that owns layout. Four-space indentation; a blank line between
/// members except within a run of stored properties, enum cases or type aliases; parameter lists, calls and array
/// literals wrapped one item per line once a line would pass `lineLimit` (in UTF-8 bytes: cheap to count, and never
/// fewer than the characters a reader sees).
struct SwiftRenderer {
    var lineLimit = 120
    private let indentUnit = "    "
    /// The text so far; `lines.append` adds one line and its newline (one growing buffer, no array of lines).
    private var lines = Output()

    static func render(_ declarations: [SwiftDeclaration]) -> String {
        var renderer = SwiftRenderer()
        renderer.members(declarations, depth: 0)
        return renderer.lines.text
    }

    private struct Output {
        var text = ""

        /// One line from its pieces, written straight into the buffer.
        mutating func append(_ pieces: String...) {
            for piece in pieces { text += piece }
            text += "\n"
        }
    }

    /// Indentation by depth, built once.
    private static let indents = (0..<16).map { String(repeating: "    ", count: $0) }

    private func indentation(_ depth: Int) -> String {
        depth < Self.indents.count ? Self.indents[depth] : String(repeating: indentUnit, count: depth)
    }

    // MARK: Declarations

    private mutating func members(_ declarations: [SwiftDeclaration], depth: Int) {
        var previous: SwiftDeclaration?
        for declaration in declarations {
            if let previous, !Self.groups(previous, declaration) { lines.append("") }
            self.declaration(declaration, depth: depth)
            previous = declaration
        }
    }

    /// Runs that read as one list: stored properties, enum cases, type aliases, one-line static constants.
    private static func groups(_ first: SwiftDeclaration, _ second: SwiftDeclaration) -> Bool {
        switch (first.undocumented, second.undocumented) {
        case (.typealias, .typealias), (.cases, .cases): return true
        case (.variable(let a), .variable(let b)):
            return a.getter == nil && b.getter == nil && a.isStatic == b.isStatic && a.isOneLiner && b.isOneLiner
        default: return false
        }
    }

    private mutating func declaration(_ declaration: SwiftDeclaration, depth: Int) {
        let indent = indentation(depth)
        switch declaration {
        case .documented(let doc, let inner):
            for line in doc { lines.append(indent, (line.isEmpty ? "///" : "/// " + line)) }
            self.declaration(inner, depth: depth)
        case .type(let type):
            let conformances = type.conformances.isEmpty ? "" : ": " + type.conformances.joined(separator: ", ")
            block(indent, "\(type.access.prefix)\(type.kind.rawValue) \(type.name)\(conformances)", type.members, depth: depth)
        case .extension(let ext):
            let conformances = ext.conformances.isEmpty ? "" : ": " + ext.conformances.joined(separator: ", ")
            let whereClause = ext.whereClause.map { " where " + $0 } ?? ""
            block(indent, "extension \(ext.type)\(conformances)\(whereClause)", ext.members, depth: depth)
        case .typealias(let name, let type, let access):
            lines.append(indent, "\(access.prefix)typealias \(name) = \(type)")
        case .cases(let names):
            lines.append(indent, "case " + names.joined(separator: ", "))
        case .variable(let variable):
            self.variable(variable, depth: depth)
        case .function(let function):
            self.function(function, depth: depth)
        }
    }

    private mutating func block(_ indent: String, _ opener: String, _ members: [SwiftDeclaration], depth: Int) {
        guard !members.isEmpty else { return lines.append(indent, opener + " {}") }
        lines.append(indent, opener + " {")
        self.members(members, depth: depth + 1)
        lines.append(indent, "}")
    }

    private mutating func variable(_ variable: SwiftVariable, depth: Int) {
        let indent = indentation(depth)
        let head = variable.access.prefix + (variable.isStatic ? "static " : "") + (variable.isConstant ? "let " : "var ")
            + variable.name + (variable.type.map { ": " + $0 } ?? "")
        if let getter = variable.getter {
            if getter.count == 1, case .expression(let prefix, .raw(let text)) = getter[0], prefix.isEmpty,
               (indent + head + " { " + text + " }").utf8.count <= lineLimit {
                lines.append(indent, head + " { " + text + " }")
                return
            }
            lines.append(indent, head + " {")
            statements(getter, depth: depth + 1)
            lines.append(indent, "}")
        } else if let value = variable.value {
            expression(value, depth: depth, prefix: head + " = ", suffix: "")
        } else {
            lines.append(indent, head)
        }
    }

    private mutating func function(_ function: SwiftFunction, depth: Int) {
        let indent = indentation(depth)
        var head = function.access.prefix + (function.isStatic ? "static " : "")
        switch function.kind {
        case .function(let name): head += "func " + name
        case .initializer: head += "init"
        case .failableInitializer: head += "init?"
        }
        if !function.genericParameters.isEmpty { head += "<" + function.genericParameters.joined(separator: ", ") + ">" }
        var tail = (function.isAsync ? " async" : "") + (function.isThrowing ? " throws" : "")
        if let returnType = function.returnType { tail += " -> " + returnType }
        if function.body != nil { tail += " {" }
        let parameters = function.parameters.map(Self.parameter)
        let oneLine = indent + head + "(" + parameters.joined(separator: ", ") + ")" + tail
        if oneLine.utf8.count <= lineLimit || parameters.isEmpty {
            lines.append(oneLine)
        } else {
            lines.append(indent, head + "(")
            for (index, parameter) in parameters.enumerated() {
                lines.append(indent, indentUnit + parameter + (index == parameters.count - 1 ? "" : ","))
            }
            lines.append(indent, ")" + tail)
        }
        guard let body = function.body else { return }
        statements(body, depth: depth + 1)
        lines.append(indent, "}")
    }

    private static func parameter(_ parameter: SwiftParameter) -> String {
        let names = parameter.label.map { $0 + " " + parameter.name } ?? parameter.name
        return names + ": " + parameter.type + (parameter.defaultValue.map { " = " + $0 } ?? "")
    }

    // MARK: Statements and expressions

    private mutating func statements(_ statements: [SwiftStatement], depth: Int) {
        let indent = indentation(depth)
        for statement in statements {
            switch statement {
            case .blank:
                lines.append("")
            case .guard(let conditions, let otherwise):
                let oneLine = indent + "guard " + conditions.joined(separator: ", ") + " else { " + otherwise + " }"
                let opener = indent + "guard " + conditions.joined(separator: ", ") + " else {"
                if oneLine.utf8.count <= lineLimit {
                    lines.append(oneLine)
                } else if opener.utf8.count <= lineLimit {
                    lines.append(opener)
                    lines.append(indent, indentUnit + otherwise)
                    lines.append(indent, "}")
                } else {
                    lines.append(indent, "guard")
                    for (index, condition) in conditions.enumerated() {
                        lines.append(indent, indentUnit + condition + (index == conditions.count - 1 ? "" : ","))
                    }
                    lines.append(indent, "else { " + otherwise + " }")
                }
            case .if(let conditions, let body):
                let oneLine = indent + "if " + conditions.joined(separator: ", ") + " {"
                if oneLine.utf8.count <= lineLimit {
                    lines.append(oneLine)
                } else {
                    lines.append(indent, "if " + conditions[0] + (conditions.count > 1 ? "," : ""))
                    for (index, condition) in conditions.enumerated().dropFirst() {
                        lines.append(indent, "   " + condition + (index == conditions.count - 1 ? "" : ","))
                    }
                    lines.append(indent, "{")
                }
                self.statements(body, depth: depth + 1)
                lines.append(indent, "}")
            case .closure(let opener, let body):
                lines.append(indent, opener)
                self.statements(body, depth: depth + 1)
                lines.append(indent, "}")
            case .expression(let prefix, let value):
                expression(value, depth: depth, prefix: prefix, suffix: "")
            case .block(let opener, let body):
                lines.append(indent, opener + " {")
                self.statements(body, depth: depth + 1)
                lines.append(indent, "}")
            case .switch(let subject, let cases):
                lines.append(indent, "switch " + subject + " {")
                for item in cases {
                    if item.body.count == 1, case .expression(let prefix, .raw(let text)) = item.body[0],
                       (indent + "case " + item.pattern + ": " + prefix + text).utf8.count <= lineLimit {
                        lines.append(indent, "case " + item.pattern + ": " + prefix + text)
                    } else {
                        lines.append(indent, "case " + item.pattern + ":")
                        self.statements(item.body, depth: depth + 1)
                    }
                }
                lines.append(indent, "}")
            }
        }
    }

    /// Appends `prefix expression suffix`, on one line when it fits.
    private mutating func expression(_ value: SwiftExpression, depth: Int, prefix: String, suffix: String) {
        let indent = indentation(depth)
        if let width = Self.inlineWidth(value), indent.utf8.count + prefix.utf8.count + width + suffix.utf8.count <= lineLimit {
            lines.append(indent, prefix, Self.inline(value) ?? "", suffix)
            return
        }
        switch value {
        case .raw(let text):
            lines.append(indent, prefix + text + suffix)
        case .call(let callee, let arguments):
            lines.append(indent, prefix + callee + "(")
            for (index, argument) in arguments.enumerated() {
                let label = argument.label.map { $0 + ": " } ?? ""
                expression(argument.value, depth: depth + 1, prefix: label, suffix: index == arguments.count - 1 ? "" : ",")
            }
            lines.append(indent, ")" + suffix)
        case .array(let elements):
            lines.append(indent, prefix + "[")
            for element in elements { expression(element, depth: depth + 1, prefix: "", suffix: ",") }
            lines.append(indent, "]" + suffix)
        case .listCall(let callee, let elements):
            lines.append(indent, prefix + callee + "([")
            for element in elements { expression(element, depth: depth + 1, prefix: "", suffix: ",") }
            lines.append(indent, "])" + suffix)
        case .closure(let parameters, let body):
            lines.append(indent, prefix + "{ " + parameters + " in")
            statements(body, depth: depth + 1)
            lines.append(indent, "}" + suffix)
        case .rawString(let text):
            if !prefix.isEmpty { lines.append(indent, prefix.trimmingTrailingSpace) }
            lines.append(indent, "#\"\"\"")
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(line.isEmpty ? "" : indent + line)
            }
            lines.append(indent, "\"\"\"#" + suffix)
        }
    }

    /// The length in UTF-8 bytes of the one-line form, without building it; nil for a raw string.
    private static func inlineWidth(_ value: SwiftExpression) -> Int? {
        switch value {
        case .raw(let text): return text.utf8.count
        case .rawString, .closure: return nil
        case .call(let callee, let arguments):
            var width = callee.utf8.count + 2 + max(0, arguments.count - 1) * 2
            for argument in arguments {
                guard let inner = inlineWidth(argument.value) else { return nil }
                width += inner + (argument.label.map { $0.utf8.count + 2 } ?? 0)
            }
            return width
        case .array(let elements):
            var width = 2 + max(0, elements.count - 1) * 2
            for element in elements {
                guard let inner = inlineWidth(element) else { return nil }
                width += inner
            }
            return width
        case .listCall(let callee, let elements):
            return inlineWidth(.array(elements)).map { callee.utf8.count + 2 + $0 }
        }
    }

    /// The one-line form, or nil for a raw string (always multi-line).
    private static func inline(_ value: SwiftExpression) -> String? {
        switch value {
        case .raw(let text): return text
        case .rawString, .closure: return nil
        case .call(let callee, let arguments):
            var parts: [String] = []
            for argument in arguments {
                guard let inner = inline(argument.value) else { return nil }
                parts.append((argument.label.map { $0 + ": " } ?? "") + inner)
            }
            return callee + "(" + parts.joined(separator: ", ") + ")"
        case .array(let elements):
            var parts: [String] = []
            for element in elements {
                guard let inner = inline(element) else { return nil }
                parts.append(inner)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .listCall(let callee, let elements):
            return inline(.array(elements)).map { callee + "(" + $0 + ")" }
        }
    }
}

extension SwiftDeclaration {
    fileprivate var undocumented: SwiftDeclaration {
        if case .documented(_, let inner) = self { return inner.undocumented }
        return self
    }
}

extension SwiftVariable {
    /// A stored property, or a constant with a short value: these run together; a call or an array literal is set
    /// apart by blank lines.
    fileprivate var isOneLiner: Bool {
        switch value {
        case nil, .raw?: true
        default: false
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpace: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
