@testable import LoomCompiler

/// Diagnostic examples for commands, use cases, resources and routes, jobs and callbacks: the exact output for
/// each code of L070–L089, and for the older codes these constructs also report.
extension FrontendDiagnosticsTests {
    static let behaviourCases: [Case] = [
        Case(code: .unknownUseCase, source: validUserModel + "usecase GetUser(userId: Int) -> User\nresource User at \"/users\" {\n  GET \"/{userId}/me\" -> GetUsr\n}", expected: [
            "bad.loom:6:25: error[L070]: unknown use case 'GetUsr'",
            "bad.loom:6:25: note: did you mean 'GetUser'?",
        ]),
        Case(code: .unknownJob, source: validUserModel + "job SendMail(userId: Int)\ncallback MailSent on success of SendMial", expected: [
            "bad.loom:5:33: error[L071]: unknown job 'SendMial'",
            "bad.loom:5:33: note: did you mean 'SendMail'?",
        ]),
        Case(code: .invalidCommandDefault, source: "command UpdateUser {\n  nickname String(40) @default(null)\n  fullName String(120)? @patch @default(\"x\")\n}", expected: [
            "bad.loom:2:23: error[L072]: field 'nickname' is not optional, so it cannot default to null",
            "bad.loom:2:23: note: write 'String(40)?' to allow null, or remove the default",
            "bad.loom:3:32: error[L072]: patch field 'fullName' cannot have a default",
            "bad.loom:3:32: note: an absent patch field leaves the value unchanged; remove the default",
        ]),
        Case(code: .unknownBodyField, source: validUserModel + "command UpdateUser {\n  email String(255)\n}\nusecase UpdateEmail(body: UpdateUser) {\n  check validEmail(body.emial) \"email must be valid\"\n}\nresource User at \"/users\" {\n  POST \"/email\" -> UpdateEmail\n}", expected: [
            "bad.loom:8:25: error[L073]: command 'UpdateUser' has no field 'emial'",
            "bad.loom:8:25: note: did you mean 'body.email'?",
        ]),
        Case(code: .unknownParameter, source: validUserModel + "usecase GetUser(userId: Int) -> User {\n  require User(usrId)\n}\nresource User at \"/users\" {\n  GET \"/{userId}/me\" -> GetUser\n}", expected: [
            "bad.loom:5:16: error[L074]: unknown parameter 'usrId' in use case 'GetUser'",
            "bad.loom:5:16: note: did you mean 'userId'?",
        ]),
        Case(code: .keyTypeMismatch, source: validUserModel + "usecase GetUser(userId: String(20)) -> User {\n  require User(userId)\n}\nresource User at \"/users\" {\n  GET \"/{userId}/me\" -> GetUser\n}", expected: [
            "bad.loom:5:16: error[L075]: 'userId' is 'String(20)', but the key of 'User' is 'Int'",
            "bad.loom:5:16: note: declare 'userId' as Int",
        ]),
        // One predicate, one signature: the second call passes another type.
        Case(code: .keyTypeMismatch, source: validUserModel + "command A {\n  n Int\n}\ncommand B {\n  n Decimal(8, 2)\n}\nusecase One(body: A) {\n  check positive(body.n) \"must be positive\"\n}\nusecase Two(body: B) {\n  check positive(body.n) \"must be positive\"\n}\nresource User at \"/users\" {\n  POST \"/one\" -> One\n  POST \"/two\" -> Two\n}", expected: [
            "bad.loom:14:3: error[L075]: check 'positive' takes (Int) in use case 'One', but (Decimal(8, 2)) here",
            "bad.loom:14:3: note: pass values of the same types, or give this predicate another name",
        ]),
        // A use case named like a member the generated facade or contexts already have.
        Case(code: .generatedNameClash, source: validUserModel + "job Mail(userId: Int)\nusecase RunMail(userId: Int)\nusecase Logger()\nresource User at \"/users\" {\n  POST \"/{userId}/mail\" -> RunMail\n  GET \"/logger\" -> Logger\n}", expected: [
            "bad.loom:5:9: error[L031]: use case 'RunMail' would have the name of the generated run method of job 'Mail' ('runMail')",
            "bad.loom:5:9: note: rename the use case",
            "bad.loom:6:9: error[L031]: use case 'Logger' would have the name of a member every use-case context has ('logger')",
            "bad.loom:6:9: note: rename the use case",
        ]),
        Case(code: .pathParameterTypeMismatch, source: validUserModel + "usecase At(when: DateTime) -> User\nresource User at \"/users\" {\n  GET \"/at/{when}\" -> At\n}", expected: [
            "bad.loom:6:7: error[L078]: path parameter '{when}' is 'DateTime' in use case 'At'; a path parameter is an integer, a number, a boolean, a string, a UUID, a date or an enum",
            "bad.loom:6:7: note: pass it in the body or the query instead",
        ]),
        Case(code: .pathParameterWithoutParameter, source: validUserModel + "usecase GetUser() -> User\nresource User at \"/users\" {\n  GET \"/{userId}/me\" -> GetUser\n}", expected: [
            "bad.loom:6:7: error[L076]: path parameter '{userId}' has no parameter in use case 'GetUser'",
            "bad.loom:6:7: note: add 'userId: Int' to the use case's parameters",
        ]),
        Case(code: .parameterNotInPath, source: validUserModel + "usecase GetUser(userId: Int) -> User\nresource User at \"/users\" {\n  GET \"/me\" -> GetUser\n}", expected: [
            "bad.loom:6:16: error[L077]: parameter 'userId' of use case 'GetUser' is not in the path '/users/me'",
            "bad.loom:6:16: note: add '{userId}' to the path, or move the value into the body",
        ]),
        Case(code: .pathParameterTypeMismatch, source: validUserModel + "model Address {\n  id Int @id\n  user User\n}\nusecase CountAddresses(userId: String(10)) -> Int\nresource Address at \"/users/{userId}/addresses\" under User {\n  GET \"/count\" -> CountAddresses\n}", expected: [
            "bad.loom:10:7: error[L078]: '{userId}' is the key of 'User', which is 'Int', but use case 'CountAddresses' declares it 'String(10)'",
            "bad.loom:10:7: note: declare 'userId: Int'",
        ]),
        Case(code: .missingParentReference, source: validUserModel + "model Address {\n  id Int @id\n  ownerId Int\n}\nresource Address at \"/users/{userId}/addresses\" under User {\n  crud\n}", expected: [
            "bad.loom:8:55: error[L079]: model 'Address' has no reference to 'User'",
            "bad.loom:8:55: note: add 'user User' to model 'Address'",
        ]),
        Case(code: .unserializableJobValue, source: validUserModel + "job Notify(user: User) -> User", expected: [
            "bad.loom:4:12: error[L080]: parameter 'user' of job 'Notify' is 'User', which cannot be queued",
            "bad.loom:4:12: note: pass the key instead and load the row in the job",
            "bad.loom:4:27: error[L080]: the result of job 'Notify' is model 'User', which cannot be queued",
            "bad.loom:4:27: note: return a command, a scalar or nothing",
        ]),
        Case(code: .unusedUseCase, source: validUserModel + "usecase Orphan(userId: Int)\njob Sync() -> Usr", expected: [
            "bad.loom:4:9: warning[L081]: use case 'Orphan' is never routed or invoked",
            "bad.loom:4:9: note: route it from a resource, e.g. POST \"/…\" -> Orphan, invoke it, or remove it",
            "bad.loom:5:15: error[L020]: unknown type 'Usr'",
            "bad.loom:5:15: note: did you mean 'User'?",
        ]),
        Case(code: .invalidStatusCode, source: validUserModel + "usecase Ping()\nresource User at \"/users\" {\n  POST \"/ping\" -> Ping status 99\n}", expected: [
            "bad.loom:6:31: error[L082]: status 99 is not an HTTP status code",
            "bad.loom:6:31: note: write a code from 100 to 599, e.g. status 202",
        ]),
        Case(code: .unknownHTTPMethod, source: validUserModel + "usecase Ping()\nresource User at \"/users\" {\n  get \"/ping\" -> Ping\n  FETCH \"/pong\" -> Ping\n}", expected: [
            "bad.loom:6:3: error[L083]: unknown HTTP method 'get'",
            "bad.loom:6:3: note: methods are written in capitals: GET",
            "bad.loom:7:3: error[L083]: unknown HTTP method 'FETCH'",
            "bad.loom:7:3: note: the methods are GET, POST, PUT, PATCH or DELETE",
        ]),
        Case(code: .invalidResultType, source: validUserModel + "usecase ListUsers() -> Page(User)\nusecase AllUsers() -> [User]\nresource User at \"/users\" {\n  GET \"/a\" -> ListUsers\n  GET \"/b\" -> AllUsers\n}", expected: [
            "bad.loom:4:24: error[L084]: 'Page(User)' needs a 'query: User' parameter",
            "bad.loom:4:24: note: add query: User to the parameters",
            "bad.loom:5:23: error[L084]: a result cannot be a list",
            "bad.loom:5:23: note: return Page(User) with a 'query: User' parameter, or a command holding the list",
        ]),
        Case(code: .invalidSpecialParameter, source: validUserModel + "usecase CreateUser(body: User, query: Int)\nresource User at \"/users\" {\n  POST \"/new\" -> CreateUser\n}", expected: [
            "bad.loom:4:26: error[L085]: 'body' must be a command, not 'User'",
            "bad.loom:4:26: note: declare a command and write body: ThatCommand",
            "bad.loom:4:39: error[L085]: 'query' must be a model, not 'Int'",
            "bad.loom:4:39: note: name the model whose rows the query filters: query: SomeModel",
        ]),
        Case(code: .invalidJobOption, source: "job Mail() {\n  queue Notifications\n  retries -1\n  backoff linear 2\n  priority 500\n}", expected: [
            "bad.loom:2:3: error[L086]: 'queue' takes one name of lowercase letters, digits, '-' and '_'",
            "bad.loom:2:3: note: write queue notifications",
            "bad.loom:3:3: error[L086]: 'retries' takes a whole number from 0 to 100",
            "bad.loom:3:3: note: write retries 2",
            "bad.loom:4:11: error[L086]: unknown backoff 'linear'; expected fixed or exponential",
            "bad.loom:4:11: note: write backoff exponential 1",
            "bad.loom:5:3: error[L086]: 'priority' takes a whole number from -100 to 100",
            "bad.loom:5:3: note: write priority 10",
        ]),
        Case(code: .bodyOnGetRoute, source: validUserModel + "command Filter {\n  name String(20)\n}\nusecase FindUsers(body: Filter) -> Bool\nresource User at \"/users\" {\n  GET \"/find\" -> FindUsers\n}", expected: [
            "bad.loom:9:3: error[L087]: a GET route cannot take a body, and use case 'FindUsers' has 'body: Filter'",
            "bad.loom:9:3: note: use POST, or pass the values as path parameters",
        ]),
        Case(code: .statementNotAllowed, source: validUserModel + "job Mail(userId: Int) {\n  unique User.id(userId)\n}\nusecase Ping() {\n  retries 2\n}\nresource User at \"/users\" {\n  POST \"/ping\" -> Ping\n}", expected: [
            "bad.loom:5:3: error[L088]: 'unique' is not allowed in job 'Mail'",
            "bad.loom:5:3: note: a job's body holds queue, retries, backoff, timeout, priority, require, load or uses; check the input in the use case that dispatches it",
            "bad.loom:8:3: error[L088]: 'retries' is a job option, not allowed in use case 'Ping'",
            "bad.loom:8:3: note: dispatch a job to run work on a queue",
        ]),
        Case(code: .unknownCallbackEvent, source: "job Mail()\ncallback Sent on succes of Mail\ncallback Done on success of any Mail\ncallback Failed on failure of all Mail", expected: [
            "bad.loom:2:18: error[L089]: unknown job event 'succes'; expected success or failure",
            "bad.loom:2:18: note: did you mean 'success'?",
            "bad.loom:3:29: error[L089]: a group's callback is 'on success of all' (every job succeeded) or 'on failure of any' (one failed for good)",
            "bad.loom:3:29: note: write on success of all Mail",
            "bad.loom:4:31: error[L089]: a group's callback is 'on success of all' (every job succeeded) or 'on failure of any' (one failed for good)",
            "bad.loom:4:31: note: write on failure of any Mail",
        ]),
        Case(code: .duplicateRoute, source: validUserModel + "usecase GetUser(userId: Int) -> User\nresource User at \"/users\" {\n  crud\n  GET \"/{userId}\" -> GetUser\n}", expected: [
            "bad.loom:7:7: error[L041]: route 'GET /users/{userId}' is already served by the auto-CRUD of resource 'User' (bad.loom:5)",
            "bad.loom:7:7: note: paths that differ only in parameter names are the same route; give one of them another path",
        ]),
        Case(code: .invalidPath, source: validUserModel + "model Address {\n  id Int @id\n  user User\n}\nresource Address at \"/users/{userId}/addresses\" {\n  crud\n}", expected: [
            "bad.loom:8:21: error[L042]: path '/users/{userId}/addresses' has parameter '{userId}', but resource 'Address' names no parent",
            "bad.loom:8:21: note: write under User after the path",
        ]),
        Case(code: .unknownProfile, source: validUserModel + "usecase GetUser(userId: Int) -> User\nresource User at \"/users\" {\n  GET \"/{userId}/full\" -> GetUser profile withAdresses\n}", expected: [
            "bad.loom:6:43: error[L056]: model 'User' has no profile 'withAdresses'",
            "bad.loom:6:43: note: model 'User' declares no profiles",
        ]),
        Case(code: .duplicateDeclaration, source: validUserModel + "command User {\n  name String(10)\n}", expected: [
            "bad.loom:4:9: error[L021]: duplicate command 'User'",
            "bad.loom:4:9: note: 'User' is first declared as a model at bad.loom:1",
        ]),
        Case(code: .duplicateField, source: "command Ping {\n  name String(10)\n  name Int\n}", expected: [
            "bad.loom:3:3: error[L022]: duplicate field 'name' in command 'Ping'",
            "bad.loom:3:3: note: 'name' is first declared at line 2",
        ]),
        Case(code: .unknownField, source: validUserModel + "command Change {\n  email String(255)\n}\nusecase ChangeEmail(body: Change) {\n  unique User.emial(body.email)\n}\nresource User at \"/users\" {\n  POST \"/email\" -> ChangeEmail\n}", expected: [
            "bad.loom:8:15: error[L050]: model 'User' has no field 'emial'",
        ]),
        Case(code: .attributeDoesNotFitType, source: "command Ping {\n  name String(10) @unique\n  count Int @notBlank\n}", expected: [
            "bad.loom:2:19: error[L026]: '@unique' applies to model fields, not to command fields",
            "bad.loom:2:19: note: remove it; a command is not stored",
            "bad.loom:3:13: error[L026]: '@notBlank' needs a String or Text field, and 'count' is 'Int'",
        ]),
        Case(code: .unknownMember, source: "job Ping() {\n  requir User(id)\n}", expected: [
            "bad.loom:2:3: error[L012]: unknown statement 'requir' in job 'Ping'; expected queue, retries, backoff, timeout, priority, require, load or uses",
            "bad.loom:2:3: note: did you mean 'require'?",
        ]),
        Case(code: .expectedToken, source: "callback Sent on success", expected: [
            "bad.loom:1:25: error[L010]: expected 'of' after 'success', found end of file",
            "bad.loom:1:25: note: write callback Sent on success of SomeJob",
        ]),
    ]
}
