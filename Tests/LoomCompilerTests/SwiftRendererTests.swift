@testable import LoomCompiler
import Testing

/// The renderer owns layout: what fits stays on one line, what does not is wrapped one item per line.
@Suite("Swift renderer")
struct SwiftRendererTests {
    @Test func longCallsAndParameterListsWrap() {
        let call = SwiftExpression.call("Thing", (1...12).map { SwiftArgument("argument\($0)", .raw("\($0)")) })
        let text = SwiftRenderer.render([
            .variable(SwiftVariable(isStatic: true, isConstant: true, name: "short", value: .call("Thing", [SwiftArgument("a", .raw("1"))]))),
            .variable(SwiftVariable(isStatic: true, isConstant: true, name: "long", value: call)),
        ])
        #expect(text.hasPrefix("public static let short = Thing(a: 1)\n\npublic static let long = Thing(\n    argument1: 1,\n"))
        #expect(text.hasSuffix("    argument12: 12\n)\n"))
    }

    @Test func switchCasesSitAtTheSwitchIndentation() {
        let text = SwiftRenderer.render([.function(SwiftFunction(
            kind: .function("f"), parameters: [SwiftParameter(nil, "x", "Int")], returnType: "Int",
            body: [.switch("x", [(pattern: "0", body: [.line("1")]), (pattern: "default", body: [.line("2")])])]
        ))])
        #expect(text == "public func f(x: Int) -> Int {\n    switch x {\n    case 0: 1\n    case default: 2\n    }\n}\n")
    }

    @Test func rawStringsOnlyWhenTheTextCannotCloseOrInterpolateThem() {
        #expect(TranslateSchema.canBeRawString("SELECT \"a\" FROM \"t\""))
        #expect(!TranslateSchema.canBeRawString("x \"\"\"# y"))
        #expect(!TranslateSchema.canBeRawString("x \\#(y)"))
        #expect(!TranslateSchema.canBeRawString("a\r\nb"))
        #expect(TranslateSchema.canBeRawString("\"\" # \\ #"))
    }

    /// A call of one array literal stays on one line when it fits, and otherwise opens `callee([` with one element per
    /// line, one level in.
    @Test func listCallsHugTheirArray() {
        let short = SwiftExpression.listCall(".all", [.raw(".a"), .raw(".b")])
        let long = SwiftExpression.listCall(".any", (1...8).map { .raw(".condition\($0)(\"some value\")") })
        let text = SwiftRenderer.render([
            .variable(SwiftVariable(isStatic: true, isConstant: true, name: "short", value: short)),
            .variable(SwiftVariable(isStatic: true, isConstant: true, name: "long", value: long)),
        ])
        #expect(text.hasPrefix("public static let short = .all([.a, .b])\n\npublic static let long = .any([\n    .condition1(\"some value\"),\n"))
        #expect(text.hasSuffix("    .condition8(\"some value\"),\n])\n"))
    }
}
