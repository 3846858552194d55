@testable import LoomCompiler

/// Diagnostic examples for what use cases say about values: `compute`, lookups by a field, `exists`, `when` and
/// comparison rules (L120–L123).
extension FrontendDiagnosticsTests {
    /// A product looked up by its unique `sku`, and a body to compute and compare.
    static let buyingSchema = """
        model Product {
          id Int @id @autoincrement
          sku String(20) @unique
          name String(80)
          stock Int
        }
        command Purchase {
          sku String(20)
          quantity Int
          note String(40)?
          slug String(80)
        }
        resource Product at "/products" {
          POST "/buy" -> Buy
        }

        """

    static let useCaseValueCases: [Case] = [
        // A rule needs constraints or a comparison; a value alone is neither.
        Case(code: .expectedToken, source: buyingSchema + "usecase Buy(body: Purchase) {\n  rule body.slug\n}", expected: [
            "bad.loom:17:17: error[L010]: expected a constraint such as @notBlank, or a comparison, after 'body.slug', found '}'",
            "bad.loom:17:17: note: write rule body.slug @notBlank, or rule body.slug <= other \"message\"",
        ]),
        Case(code: .computedTwice, source: buyingSchema + "usecase Buy(body: Purchase) {\n  compute body.slug = slugify(body.sku)\n  compute body.slug = body.sku\n}", expected: [
            "bad.loom:18:11: error[L120]: 'body.slug' is already computed in use case 'Buy'",
            "bad.loom:18:11: note: 'body.slug' is first computed at line 17; compute it once (a function may choose the value)",
        ]),
        Case(code: .statementTypeMismatch, source: buyingSchema + "usecase Buy(body: Purchase) {\n  load product = Product(sku: body.sku)\n  compute body.quantity = body.sku\n  rule body.quantity <= product.name \"not enough stock\"\n  compute body.slug = body.sku + body.quantity\n}", expected: [
            "bad.loom:18:27: error[L121]: 'body.sku' is 'String(20)', but 'body.quantity' is 'Int'",
            "bad.loom:18:27: note: compute it with a function: compute body.quantity = convert(body.sku)",
            "bad.loom:19:8: error[L121]: 'body.quantity' is 'Int', 'product.name' is 'String(80)': they cannot be compared",
            "bad.loom:19:8: note: compare values of one type",
            "bad.loom:20:32: error[L121]: '+' in 'compute body.slug' needs two numbers of its type, 'String(80)'",
            "bad.loom:20:32: note: compute it with a function: compute body.slug = combine(…)",
        ]),
        // A bare name beside an enum's value is one of its cases.
        Case(code: .statementTypeMismatch, source: "enum Kind { credit debit }\nmodel Entry {\n  id Int @id\n  kind Kind\n}\ncommand Posting {\n  kind Kind\n}\nusecase Post(body: Posting) {\n  rule body.kind != debitt \"no debits\"\n}\nresource Entry at \"/entries\" {\n  POST \"/post\" -> Post\n}", expected: [
            "bad.loom:10:21: error[L121]: 'debitt' is not a case of 'Kind'",
            "bad.loom:10:21: note: did you mean 'debit'?",
        ]),
        Case(code: .lookupFieldNotUnique, source: buyingSchema + "usecase Buy(body: Purchase) {\n  load product = Product(name: body.sku)\n}", expected: [
            "bad.loom:17:26: error[L122]: 'Product.name' is not unique, so it names no single row",
            "bad.loom:17:26: note: declare it '@unique' on the model, or ask with 'exists'",
        ]),
        Case(code: .invalidStatementCondition, source: buyingSchema + "usecase Buy(body: Purchase) {\n  rule body.quantity @range(1, _) when body.quantity != null\n  rule body.slug @notBlank when body.note == \"gift\"\n}", expected: [
            "bad.loom:17:40: error[L123]: 'body.quantity' is always there, so this is decided in advance",
            "bad.loom:17:40: note: test a field that may be absent: optional, or @patch",
            "bad.loom:18:33: error[L123]: 'body.note' may be absent, so a condition cannot compare it",
            "bad.loom:18:33: note: compare it in a rule (skipped when it is absent): rule body.note … \"message\"",
        ]),
    ]
}
