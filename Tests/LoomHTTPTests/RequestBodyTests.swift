import Foundation
import Hummingbird
import HummingbirdTesting
@testable import LoomHTTP
import LoomRuntime
import Testing

/// Request bodies: every problem a 422 naming its field, all shape problems of a body at once.
@Suite("Request bodies")
struct RequestBodyTests {
    /// A body of the wrong shape is a `validation_error`; a well-formed one breaking constraints, `rule_violations`.
    func post(_ body: String, code: String = "validation_error") async throws -> [String] {
        try await withShop { client in
            let response = try await client.execute(uri: "/widgets", method: .post, body: json(body))
            #expect(response.status == .unprocessableContent)
            #expect(detail(response)["code"] as? String == code)
            return violations(response)
        }
    }

    @Test("malformed, not an object, unknown fields")
    func malformed() async throws {
        #expect(try await post("{") == ["body: is not valid JSON"])
        #expect(try await post("[1]") == ["body: must be a JSON object"])
        #expect(try await post(#"{"name": "Bolt", "colour": "red"}"#) == ["colour: is not a known field"])
        // Underscores at either end are part of the key, as the decoder reads it: not another spelling of `name`.
        #expect(try await post(#"{"name": "Bolt", "name_": "x"}"#) == ["name_: is not a known field"])
        #expect(try await post(#"{"_name": "Bolt"}"#) == ["_name: is not a known field"])
    }

    @Test("a key named twice in one object is refused, at any depth and however it is escaped")
    func duplicateKeys() async throws {
        #expect(try await post(#"{"name": "Bolt", "name": "Nut"}"#) == ["name: is sent more than once"])
        #expect(try await post(#"{"name": "Bolt", "n\u0061me": "Nut"}"#) == ["name: is sent more than once"])
        #expect(try await post(#"{"name": "Bolt", "stock": 1, "stock": 2, "name": "x"}"#)
            == ["stock: is sent more than once", "name: is sent more than once"])
    }

    @Test("the duplicate-key scan follows strings, escapes and nesting")
    func duplicateKeyScan() {
        func find(_ text: String) -> [String] { DuplicateJSONKeys.find(in: Data(text.utf8)) }
        #expect(find(#"{"a":1,"b":{"a":2}}"#) == [])
        #expect(find(#"{"a":"\"a\":1,","b":[{"c":1},{"c":2,"c":3}]}"#) == ["b[1].c"])
        #expect(find(#"{"a":{"x":1,"x":2},"a":3}"#) == ["a.x", "a"])
        #expect(find(#"[{"k":1,"k":2}]"#) == ["[0].k"])
        #expect(find(#"{"\u00e9":1,"é":2}"#) == ["é"])
    }

    @Test("every shape problem at once: missing, mistyped, null where a default exists")
    func onePass() async throws {
        #expect(try await post(#"{"stock": null}"#) == ["name: is required", "stock: must not be null"])
        #expect(try await post(#"{"name": 42, "stock": "many"}"#) == ["name: must be a string", "stock: must be an integer"])
    }

    @Test("constraints on typed values; lengths in Unicode scalars")
    func constraints() async throws {
        #expect(try await post(#"{"name": " ", "stock": -1}"#, code: "rule_violations") == ["name: must not be blank", "stock: must be at least 0"])
        // 20 graphemes but 40 code points: refused here, before the database.
        let decomposed = String(repeating: "e\u{301}", count: 20)
        #expect(try await post(#"{"name": "\#(decomposed)"}"#, code: "rule_violations") == ["name: must be at most 20 characters"])
        // Text that looks like a JSON array is text.
        try await withShop { client in
            let response = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "[1]", "stock": 2}"#))
            #expect(response.status == .created)
        }
    }

    @Test("a PATCH refuses null for a non-nullable field")
    func patchNull() async throws {
        try await withShop { client in
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Bolt"}"#))
            let response = try await client.execute(uri: "/widgets/1", method: .patch, body: json(#"{"name": null}"#))
            #expect(response.status == .unprocessableContent)
            #expect(violations(response) == ["name: must not be null"])
        }
    }
}
