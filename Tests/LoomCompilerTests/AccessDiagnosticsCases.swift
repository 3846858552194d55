@testable import LoomCompiler

/// Diagnostic examples for the access language: the `auth` declaration and the rules of a model.
extension FrontendDiagnosticsTests {
    static let accessCases: [Case] = [
        Case(code: .duplicateAuth, source: "auth {\n  id Int\n}\nauth {\n  id Int\n}", expected: [
            "bad.loom:4:1: error[L100]: a schema has one 'auth' declaration, and this is a second",
            "bad.loom:4:1: note: the first is at bad.loom:1; merge the two",
        ]),
        Case(code: .invalidPrincipalField, source: "model Org {\n  id Int @id\n}\nauth {\n  id Int\n  org Org\n  seen DateTime\n  tags [Text]\n}", expected: [
            "bad.loom:6:7: error[L101]: principal field 'org' cannot be model 'Org'",
            "bad.loom:6:7: note: hold the key instead, e.g. 'orgId Int'",
            "bad.loom:7:8: error[L101]: principal field 'seen' cannot be 'DateTime'",
            "bad.loom:7:8: note: a principal field is Int, Int32, String(n), Text, Bool, UUID or an enum",
            "bad.loom:8:8: error[L101]: principal field 'tags' cannot be a list",
            "bad.loom:8:8: note: a claim carries one value: a principal field is Int, Int32, String(n), Text, Bool, UUID or an enum",
        ]),
        Case(code: .invalidClaim, source: "auth {\n  id Int @claim(sub)\n  org Int @unique\n}", expected: [
            "bad.loom:2:16: error[L102]: '@claim' takes one string, the name of the claim",
            "bad.loom:2:16: note: write @claim(\"id\")",
            "bad.loom:3:11: error[L102]: '@unique' does not apply to a principal field",
            "bad.loom:3:11: note: a principal field takes only @claim(\"name\"), the claim it is read from",
        ]),
        Case(code: .unknownJWTSetting, source: "auth {\n  id Int\n  jwt {\n    isuer \"helpdesk\"\n  }\n}", expected: [
            "bad.loom:4:5: error[L103]: unknown jwt setting 'isuer'; expected issuer, audience or leeway",
            "bad.loom:4:5: note: did you mean 'issuer'?",
        ]),
        Case(code: .invalidJWTSetting, source: "auth {\n  id Int\n  jwt {\n    audience 3\n    leeway 7200\n  }\n}", expected: [
            "bad.loom:4:14: error[L104]: audience takes a string, not 3",
            "bad.loom:4:14: note: write audience \"3\"",
            "bad.loom:5:12: error[L104]: leeway must be between 0 and 3600 seconds, not 7200",
            "bad.loom:5:12: note: a few seconds of clock skew is usual: leeway 30",
        ]),
        Case(code: .emptyAuth, source: "auth {\n  jwt {\n    leeway 30\n  }\n}", expected: [
            "bad.loom:1:1: error[L105]: 'auth' declares no fields",
            "bad.loom:1:1: note: add the caller's key, e.g. 'id Int @claim(\"sub\")'",
        ]),
        Case(code: .unknownRuleName, source: "auth {\n  id Int\n  orgId Int?\n}\nmodel Note {\n  id Int @id\n  orgId Int\n  allow read when orgid == auth.orgId || orgId == auth.orgid\n}", expected: [
            "bad.loom:8:19: error[L106]: unknown field 'orgid' of model 'Note'",
            "bad.loom:8:19: note: did you mean 'orgId'?",
            "bad.loom:8:56: error[L106]: unknown field 'orgid' of auth",
            "bad.loom:8:56: note: did you mean 'orgId'?",
        ]),
        Case(code: .ruleWithoutAuth, source: "model Note {\n  id Int @id\n  ownerId Int\n  allow read when ownerId == auth.id\n}", expected: [
            "bad.loom:4:30: error[L107]: 'auth' in a rule of a schema without 'auth'",
            "bad.loom:4:30: note: declare who calls the API: auth { id Int @claim(\"sub\") }",
        ]),
        Case(code: .misplacedBefore, source: "enum State { draft done }\nauth {\n  id Int\n}\nmodel Note {\n  id Int @id\n  state State\n  allow read, update when before.state == draft\n}", expected: [
            "bad.loom:8:27: error[L108]: 'before' is the row before an update, so only a rule about 'update' alone may use it",
            "bad.loom:8:27: note: move this condition into a rule of its own: allow update when before.…",
        ]),
        Case(code: .invalidRulePath, source: "auth {\n  id Int\n}\nmodel User {\n  id Int @id\n}\nmodel Note {\n  id Int @id\n  owner User\n  allow read when owner == auth.id\n}", expected: [
            "bad.loom:10:19: error[L109]: 'owner' is a relation, not a value",
            "bad.loom:10:19: note: compare its key 'ownerId', or one of its fields: owner.id",
        ]),
        Case(code: .invalidRulePath, source: "auth {\n  id Int\n}\nmodel User {\n  id Int @id\n}\nmodel Note {\n  id Int @id\n  owner User\n}\nmodel Pin {\n  id Int @id\n  note Note\n  allow read when note.owner.notes.id == auth.id || noteId.id == 1\n}", expected: [
            "bad.loom:14:30: error[L109]: 'notes' is a has-many relation; a path cannot go through it",
            "bad.loom:14:30: note: use exists(notes where …)",
            "bad.loom:14:60: error[L109]: 'noteId' is a field of 'Pin', with no field 'id'",
            "bad.loom:14:60: note: go through the relation: note.id",
        ]),
        Case(code: .invalidExists, source: "auth {\n  id Int\n}\nmodel User {\n  id Int @id\n}\nmodel Note {\n  id Int @id\n  owner User\n  allow read when exists(owner where id == auth.id)\n}", expected: [
            "bad.loom:10:26: error[L110]: 'exists' needs a has-many relation, and 'owner' is the 'User' this model belongs to",
            "bad.loom:10:26: note: compare one of its fields instead: owner.… == …",
        ]),
        Case(code: .ruleTypeMismatch, source: "enum Role { customer agent }\nenum State { draft done }\nauth {\n  id Int\n  role Role\n}\nmodel Note {\n  id Int @id\n  title String(20)\n  state State\n  allow read when title == auth.id || state == \"done\" || auth.role == agnet || state == auth.role\n}", expected: [
            "bad.loom:11:25: error[L111]: cannot compare 'title' ('String(20)') with 'auth.id' ('Int')",
            "bad.loom:11:25: note: both sides must be numbers, strings, booleans, UUIDs or cases of one enum",
            "bad.loom:11:45: error[L111]: cannot compare 'state' ('State') with '\"done\"' (a string)",
            "bad.loom:11:45: note: write a case of 'State' unquoted, e.g. draft",
            "bad.loom:11:71: error[L111]: 'agnet' is not a case of enum 'Role', the type of 'auth.role'",
            "bad.loom:11:71: note: did you mean 'agent'?",
            "bad.loom:11:86: error[L111]: cannot compare 'state' ('State') with 'auth.role' ('Role')",
            "bad.loom:11:86: note: 'State' and 'Role' are different enums; compare each with its own cases",
        ]),
        Case(code: .unorderedComparison, source: "enum State { draft done }\nauth {\n  id Int\n  orgId Int?\n}\nmodel Note {\n  id Int @id\n  state State\n  size Int\n  allow read when state > draft || size <= auth.orgId\n}", expected: [
            "bad.loom:10:25: error[L112]: '>' needs ordered values, and 'state' is 'State'",
            "bad.loom:10:25: note: compare it with == or !=",
            "bad.loom:10:41: error[L112]: '<=' cannot compare optional 'auth.orgId'",
            "bad.loom:10:41: note: it may be null; compare it with == or != only",
        ]),
        Case(code: .ruleNeverHolds, source: "auth {\n  id Int\n}\nmodel Note {\n  id Int @id\n  ownerId Int\n  allow read when ownerId == null\n  allow delete when auth != null && 1 > 2\n}", expected: [
            "bad.loom:7:27: error[L113]: 'ownerId' is never null, so '== null' never holds",
            "bad.loom:7:27: note: remove the comparison, or make 'ownerId' optional",
            "bad.loom:8:21: error[L113]: this rule can never hold: its condition is false for every row and caller",
            "bad.loom:8:21: note: remove the rule, or fix the condition",
        ]),
        Case(code: .columnComparison, source: "auth {\n  id Int\n}\nmodel Note {\n  id Int @id\n  ownerId Int\n  editorId Int\n  allow update when ownerId == editorId\n}", expected: [
            "bad.loom:8:29: error[L114]: comparing 'ownerId' with 'editorId' is not supported yet: both are values of the row",
            "bad.loom:8:29: note: compare a value of the row with the caller (auth.…) or a literal",
        ]),
        Case(code: .nonBooleanCondition, source: "auth {\n  id Int\n}\nmodel Note {\n  id Int @id\n  title Text\n  allow read when title\n}", expected: [
            "bad.loom:7:19: error[L115]: 'title' is 'Text', not a condition",
            "bad.loom:7:19: note: compare it, e.g. title == …",
        ]),
        Case(code: .invalidRuleFields, source: "auth {\n  id Int\n}\nmodel Note {\n  id Int @id\n  title Text\n  allow create(title) when auth != null\n}", expected: [
            "bad.loom:7:9: error[L116]: a field list narrows 'read' and 'update' only, not 'create'",
            "bad.loom:7:9: note: write 'create' without fields; it is about the whole row",
        ]),
        Case(code: .unknownRuleOperation, source: "auth {\n  id Int\n}\nmodel Note {\n  id Int @id\n  allow raed when auth != null\n}", expected: [
            "bad.loom:6:9: error[L117]: unknown operation 'raed'; expected read, create, update, delete or all",
            "bad.loom:6:9: note: did you mean 'read'?",
        ]),
        // `require auth` in a use case: a schema without auth, a name that is not the caller's
        Case(code: .ruleWithoutAuth, source: "model Note {\n  id Int @id\n}\nusecase Look(noteId: Int) -> Note {\n  require auth\n}\nresource Note at \"/notes\" {\n  GET \"/{noteId}/look\" -> Look\n}", expected: [
            "bad.loom:5:3: error[L107]: 'require auth' in a schema without auth",
            "bad.loom:5:3: note: declare who calls: auth { id Int @claim(\"sub\") … }",
        ]),
        Case(code: .unknownRuleName, source: "auth {\n  id Int\n}\nmodel Note {\n  id Int @id\n}\nusecase Look(noteId: Int) -> Note {\n  require auth.id == noteId\n}\nresource Note at \"/notes\" {\n  GET \"/{noteId}/look\" -> Look\n}", expected: [
            "bad.loom:8:22: error[L106]: unknown name 'noteId': a use case's require names only auth and literals",
            "bad.loom:8:22: note: write require auth.<field> …; check the use case's inputs with rule or check",
        ]),
        // Services
        Case(code: .unknownService, source: "service Mailer {\n  send(to: Text)\n}\nmodel Note {\n  id Int @id\n}\njob Tell(noteId: Int) {\n  uses Mailr\n}", expected: [
            "bad.loom:8:8: error[L118]: unknown service 'Mailr'",
            "bad.loom:8:8: note: did you mean 'Mailer'?",
        ]),
        // `readonly`
        Case(code: .readOnlyWrites, source: "model Note {\n  id Int @id\n}\nusecase Touch(noteId: Int) -> Note {\n  require Note(noteId)\n}\nusecase Look(noteId: Int) -> Note readonly {\n  invoke Touch\n}\njob Tell(noteId: Int) readonly {\n  load note = Note(noteId)\n}\nresource Note at \"/notes\" {\n  GET \"/{noteId}/look\" -> Look\n  POST \"/{noteId}/touch\" -> Touch\n}", expected: [
            "bad.loom:7:1: error[L119]: readonly use case 'Look' invokes 'Touch', which writes",
            "bad.loom:7:1: note: declare 'Touch' readonly too, or remove readonly from 'Look'",
            "bad.loom:10:23: error[L119]: a job cannot be readonly",
            "bad.loom:10:23: note: a job runs in its own transaction; remove readonly",
        ]),
    ]
}
