import Foundation
@testable import LoomCompiler
import Testing

/// `loomgen explain`: the steps of the store's and the helpdesk's use cases, in the order the generated facade runs
/// them, as text and as JSON (whose keys tools rely on), and the error for a name no use case has.
@Suite("Explain")
struct ExplainTests {
    static func explain(_ schema: String, _ useCase: String) throws -> UseCaseExplanation {
        let result = Generator.explain(schemaName: schema, files: try EmitGoldenTests.load(schema), useCase: useCase)
        guard case .explained(let explanation, _) = result else {
            Issue.record("no explanation of \(useCase): \(result)")
            throw CancellationError()
        }
        return explanation
    }

    @Test func updateUserAsText() throws {
        #expect(try Self.explain("store", "UpdateUser").text == #"""
            usecase UpdateUser(userId: Int, body: UserChanges) -> User
              declared at schemas/store/users.loom:45
              in one transaction: the steps, your code and what it invokes commit or roll back together
            routes:
              PATCH /users/{userId} -> 200
            steps:
              1. load user = User(userId)                               404 not_found naming User
              2. body: UserChanges                                      422 rule_violations (with the rules below, every violation at once)
              3. unique User.email(body.email) "email already exists"   422 rule_violations on email
              4. execute: your UpdateUser                               whatever your code throws

            """#)
    }

    @Test func runRestockWorkflowAsJSON() throws {
        #expect(try Self.explain("store", "RunRestockWorkflow").json == #"""
            {
              "useCase": "RunRestockWorkflow",
              "signature": "usecase RunRestockWorkflow(productId: Int, body: RestockEmailRequest) -> RestockWorkflowResult",
              "location": "schemas/store/products.loom:90",
              "transaction": "transaction",
              "routes": [
                {
                  "method": "POST",
                  "path": "/products/{productId}/workflows/restock",
                  "status": 202
                }
              ],
              "steps": [
                {
                  "kind": "require",
                  "model": "Product",
                  "key": "productId",
                  "statement": "require Product(productId)",
                  "failure": "404 not_found naming Product"
                },
                {
                  "kind": "validateBody",
                  "command": "RestockEmailRequest",
                  "statement": "body: RestockEmailRequest",
                  "failure": "422 rule_violations (with the rules below, every violation at once)"
                },
                {
                  "kind": "execute",
                  "useCase": "RunRestockWorkflow",
                  "statement": "execute: your RunRestockWorkflow",
                  "failure": "whatever your code throws"
                },
                {
                  "kind": "invoke",
                  "useCase": "GetProductSummary",
                  "statement": "invoke GetProductSummary",
                  "failure": "whatever GetProductSummary answers"
                },
                {
                  "kind": "dispatch",
                  "job": "SendRestockEmail",
                  "asCaller": false,
                  "statement": "dispatch SendRestockEmail",
                  "failure": null
                }
              ]
            }

            """#)
    }

    /// The statements of use-case values: a load by key, a compute under `when`, an `exists` that never answers 404.
    @Test func valueStatementsAsTextAndJSON() throws {
        #expect(try Self.explain("store", "CreateOrderItem").text == #"""
            usecase CreateOrderItem(body: NewOrderItem) -> OrderItem
              declared at schemas/store/orders.loom:69
              in one transaction: the steps, your code and what it invokes commit or roll back together
            routes:
              POST /order-items -> 201
            steps:
              1. require Order(body.orderId)                                                         404 not_found naming Order
              2. load product = Product(body.productId)                                              404 not_found naming Product
              3. compute body.unitPriceCents = product.priceCents when body.unitPriceCents == null
              4. body: NewOrderItem                                                                  422 rule_violations (with the rules below, every violation at once)
              5. execute: your CreateOrderItem                                                       whatever your code throws

            """#)
        #expect(try Self.explain("store", "UserHasOrders").json == #"""
            {
              "useCase": "UserHasOrders",
              "signature": "usecase UserHasOrders(userId: Int) -> Bool",
              "location": "schemas/store/users.loom:51",
              "transaction": "readonly",
              "routes": [
                {
                  "method": "GET",
                  "path": "/users/{userId}/has-orders",
                  "status": 200
                }
              ],
              "steps": [
                {
                  "kind": "exists",
                  "name": "hasOrders",
                  "model": "Order",
                  "key": "userId: userId",
                  "statement": "exists hasOrders = Order(userId: userId)",
                  "failure": null
                },
                {
                  "kind": "execute",
                  "useCase": "UserHasOrders",
                  "statement": "execute: your UserHasOrders",
                  "failure": "whatever your code throws"
                }
              ]
            }

            """#)
    }

    /// `require auth` first, a `check` predicate, a dispatch that cannot stop the request.
    @Test func assignTicketAsText() throws {
        #expect(try Self.explain("helpdesk", "AssignTicket").text == #"""
            usecase AssignTicket(ticketId: Int, body: Assignment) -> Ticket
              declared at schemas/helpdesk/tickets.loom:75
              in one transaction: the steps, your code and what it invokes commit or roll back together
            routes:
              POST /tickets/{ticketId}/assign -> 200
            steps:
              1. require auth.role in [agent, admin]                                            401 without a credential, 403 when the condition does not hold
              2. load ticket = Ticket(ticketId)                                                 404 not_found naming Ticket
              3. require User(body.assigneeId)                                                  404 not_found naming User
              4. body: Assignment                                                               422 rule_violations (with the rules below, every violation at once)
              5. check isAgent(body.assigneeId) on assigneeId "the assignee must be an agent"   422 rule_violations on assigneeId
              6. execute: your AssignTicket                                                     whatever your code throws
              7. dispatch NotifyAssignee

            """#)
    }

    /// `readonly`, and a bare `require auth`, which only a missing credential fails.
    @Test func countTicketsAsJSON() throws {
        #expect(try Self.explain("helpdesk", "CountTickets").json == #"""
            {
              "useCase": "CountTickets",
              "signature": "usecase CountTickets() -> TicketCounts",
              "location": "schemas/helpdesk/tickets.loom:84",
              "transaction": "readonly",
              "routes": [
                {
                  "method": "GET",
                  "path": "/tickets/stats",
                  "status": 200
                }
              ],
              "steps": [
                {
                  "kind": "requireAuth",
                  "condition": "",
                  "statement": "require auth",
                  "failure": "401 without a credential"
                },
                {
                  "kind": "execute",
                  "useCase": "CountTickets",
                  "statement": "execute: your CountTickets",
                  "failure": "whatever your code throws"
                }
              ]
            }

            """#)
    }

    /// The message for a use case the schema lacks; nil (and an issue) when the result is another.
    static func unknownMessage(_ schema: String, _ files: [SourceFile], _ useCase: String) -> String? {
        let result = Generator.explain(schemaName: schema, files: files, useCase: useCase)
        guard case .unknownUseCase(let message) = result else {
            Issue.record("expected an unknown use case, got \(result)")
            return nil
        }
        return message
    }

    @Test func anUnknownUseCaseNamesTheClosest() throws {
        #expect(Self.unknownMessage("store", try EmitGoldenTests.load("store"), "UpdateUsr")
            == "no use case 'UpdateUsr' in schema 'store'; did you mean 'UpdateUser'?")
        let bare = [SourceFile(path: "bare.loom", text: "model Thing {\n  id Int @id\n}\n")]
        #expect(Self.unknownMessage("bare", bare, "Go") == "no use case 'Go' in schema 'bare'; the schema declares no use case")
    }

    @Test func aSchemaWithErrorsGivesItsDiagnostics() {
        let result = Generator.explain(
            schemaName: "bad", files: [SourceFile(path: "bad.loom", text: "modle Thing {}\n")], useCase: "Go")
        guard case .schemaErrors(let diagnostics) = result else {
            Issue.record("expected the schema's errors, got \(result)")
            return
        }
        #expect(diagnostics.map(\.code) == [.unknownDeclaration])
    }
}
