import Foundation
import LoomRuntime

/// A small hand-written model, shaped like generated code: `name String(20) @unique @notBlank`,
/// `stock Int @range(0, _) @default(0)`.
struct Widget: LoomModel {
    typealias ID = Int

    var id: Int
    var name: String
    var stock: Int

    static var primaryKey: KeyPath<Widget, Int> & Sendable { \.id }

    static let table = TableSchema(
        model: "Widget",
        table: "widgets",
        columns: [
            ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
            ColumnSchema(field: "name", column: "name", type: .string(maxLength: 20), isUnique: true),
            ColumnSchema(field: "stock", column: "stock", type: .int),
        ],
        constraints: [TableConstraint("widgets_name_key", .unique, fields: ["name"])]
    )

    init(row: SQLRow) throws {
        id = try row.decode(at: 0)
        name = try row.decode(at: 1)
        stock = try row.decode(at: 2)
    }

    static func rowValues(of widget: Widget) -> [SQLValue] {
        [widget.id.sqlValue, widget.name.sqlValue, widget.stock.sqlValue]
    }

    static let ddl = [
        """
        CREATE TABLE "widgets" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(20) NOT NULL,
        "stock" INTEGER NOT NULL DEFAULT 0, CONSTRAINT "widgets_name_key" UNIQUE ("name"))
        """
    ]

    static let nameConstraints = [ValueConstraint(.maxLength(20)), ValueConstraint(.notBlank)]
    static let stockConstraints = [ValueConstraint(.range(min: 0, max: nil))]

    struct Create: LoomInput {
        var name: String
        var stock: Int

        init(name: String, stock: Int = 0) {
            self.name = name
            self.stock = stock
        }

        static let fieldNames: Set<String> = ["name", "stock"]

        private enum CodingKeys: String, CodingKey {
            case name, stock
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            var violations = Violations()
            let name = violations.required(String.self, .name, in: container)
            let stock = violations.optional(Int.self, .stock, in: container, default: 0)
            guard let name, let stock, violations.isEmpty else { throw violations.failure }
            self.init(name: name, stock: stock)
        }

        static func violations(in input: Create) -> [LoomError.Violation] {
            var violations = Violations()
            violations.check(input.name, field: "name", Widget.nameConstraints)
            violations.check(input.stock, field: "stock", Widget.stockConstraints)
            return violations.list
        }

        static func assignments(of input: Create) -> [ColumnAssignment] {
            [ColumnAssignment("name", input.name.sqlValue), ColumnAssignment("stock", input.stock.sqlValue)]
        }
    }

    struct Update: LoomInput {
        var name: Patch<String> = .absent
        var stock: Patch<Int> = .absent

        static let fieldNames: Set<String> = ["name", "stock"]

        private enum CodingKeys: String, CodingKey {
            case name, stock
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            var violations = Violations()
            let name = violations.patch(String.self, .name, in: container, nullable: false)
            let stock = violations.patch(Int.self, .stock, in: container, nullable: false)
            guard let name, let stock, violations.isEmpty else { throw violations.failure }
            self.name = name
            self.stock = stock
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodePatch(name, forKey: .name)
            try container.encodePatch(stock, forKey: .stock)
        }

        static func violations(in input: Update) -> [LoomError.Violation] {
            var violations = Violations()
            violations.check(input.name, field: "name", Widget.nameConstraints)
            violations.check(input.stock, field: "stock", Widget.stockConstraints)
            return violations.list
        }

        static func assignments(of input: Update) -> [ColumnAssignment] {
            var assignments: [ColumnAssignment] = []
            input.name.append(to: &assignments, column: "name")
            input.stock.append(to: &assignments, column: "stock")
            return assignments
        }
    }
}

/// A widget's part, served nested under it: `/widgets/{widgetId}/parts`.
struct Part: LoomModel {
    typealias ID = Int

    var id: Int
    var widgetId: Int
    var label: String

    static var primaryKey: KeyPath<Part, Int> & Sendable { \.id }

    static let table = TableSchema(
        model: "Part",
        table: "parts",
        columns: [
            ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
            ColumnSchema(
                field: "widgetId", column: "widget_id", type: .int,
                reference: ColumnReference(model: "Widget", table: "widgets", column: "id")),
            ColumnSchema(field: "label", column: "label", type: .string(maxLength: 20)),
        ]
    )

    init(row: SQLRow) throws {
        id = try row.decode(at: 0)
        widgetId = try row.decode(at: 1)
        label = try row.decode(at: 2)
    }

    static func rowValues(of part: Part) -> [SQLValue] {
        [part.id.sqlValue, part.widgetId.sqlValue, part.label.sqlValue]
    }

    static let ddl = [
        """
        CREATE TABLE "parts" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "widget_id" INTEGER NOT NULL REFERENCES "widgets" ("id"), "label" VARCHAR(20) NOT NULL)
        """
    ]

    struct Create: LoomInput {
        var widgetId: Int
        var label: String

        static let fieldNames: Set<String> = ["widgetId", "label"]

        private enum CodingKeys: String, CodingKey {
            case widgetId, label
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            var violations = Violations()
            let widgetId = violations.required(Int.self, .widgetId, in: container)
            let label = violations.required(String.self, .label, in: container)
            guard let widgetId, let label, violations.isEmpty else { throw violations.failure }
            self.widgetId = widgetId
            self.label = label
        }

        static func violations(in input: Create) -> [LoomError.Violation] { [] }

        static func assignments(of input: Create) -> [ColumnAssignment] {
            [ColumnAssignment("widget_id", input.widgetId.sqlValue), ColumnAssignment("label", input.label.sqlValue)]
        }
    }

    struct Update: LoomInput {
        var widgetId: Patch<Int> = .absent
        var label: Patch<String> = .absent

        static let fieldNames: Set<String> = ["widgetId", "label"]

        private enum CodingKeys: String, CodingKey {
            case widgetId, label
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            var violations = Violations()
            let widgetId = violations.patch(Int.self, .widgetId, in: container, nullable: false)
            let label = violations.patch(String.self, .label, in: container, nullable: false)
            guard let widgetId, let label, violations.isEmpty else { throw violations.failure }
            self.widgetId = widgetId
            self.label = label
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodePatch(widgetId, forKey: .widgetId)
            try container.encodePatch(label, forKey: .label)
        }

        static func violations(in input: Update) -> [LoomError.Violation] { [] }

        static func assignments(of input: Update) -> [ColumnAssignment] {
            var assignments: [ColumnAssignment] = []
            input.widgetId.append(to: &assignments, column: "widget_id")
            input.label.append(to: &assignments, column: "label")
            return assignments
        }
    }
}
