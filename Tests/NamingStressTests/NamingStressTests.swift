import Foundation
import LoomRuntime
import NamingStress
import Testing

/// The naming-stress schema compiles (the build is the main test); these check that the clashing names also behave.
@Suite struct NamingStressTests {
    @Test func fieldsNamedLikeGeneratedLocalsDecodeAndValidate() throws {
        let body = #"{"container": 1, "violations": [2], "decoder": "abc", "input": "some"}"#
        let request = try JSONDecoder().decode(NamingStress.Request.self, from: Data(body.utf8))
        #expect(request == NamingStress.Request(container: 1, violations: [2], decoder: "abc", encoder: true, input: .some))
        #expect(NamingStress.Request.violations(in: request).isEmpty)

        // The shape first (every field of the wrong type at once), then, on a well-formed value, every constraint.
        let broken = #"{"container": "x", "violations": {}, "decoder": 3}"#
        #expect {
            try JSONDecoder().decode(NamingStress.Request.self, from: Data(broken.utf8))
        } throws: { error in
            guard let invalid = error as? InvalidInput, case LoomError.validation(let violations) = LoomError(invalid) else { return false }
            return Set(violations.map(\.field)) == ["container", "violations", "decoder"]
        }
        let wellFormed = #"{"container": 1, "violations": [], "decoder": "far too long"}"#
        let breaksRules = try JSONDecoder().decode(NamingStress.Request.self, from: Data(wellFormed.utf8))
        #expect(Set(NamingStress.Request.violations(in: breaksRules).map(\.field)) == ["violations", "decoder"])
    }

    @Test func entityMembersNamedLikeRuntimeMembers() throws {
        let input = NamingStress.Repository.Create(primaryKey: "k", table: "t", relations: 3, violations: "v")
        #expect(NamingStress.Repository.Create.violations(in: input).isEmpty)
        let columns = NamingStress.Repository.Create.assignments(of: input).map(\.column)
        #expect(columns.contains("primary_key") && columns.contains("row_values"))
        #expect(NamingStress.Repository.table.table == "repositories")
    }

    @Test func nullOnADefaultedFieldIsRefused() {
        let body = #"{"primaryKey": "k", "table": "t", "relations": 1, "violations": "v", "rowValues": null}"#
        #expect(throws: InvalidInput.self) {
            try JSONDecoder().decode(NamingStress.Repository.Create.self, from: Data(body.utf8))
        }
    }
}
