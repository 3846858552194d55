/// Which tables a delete reaches through foreign keys: deleting a row of a model deletes the rows that reference it
/// with `@onDelete(cascade)` (and, in turn, what references those), and sets to null the references written
/// `@onDelete(setNull)`. A cache of reads must drop its answers about those tables too; `restrict` and `noAction`
/// refuse the delete instead, so they reach nothing.
struct DeleteReach {
    /// The foreign keys pointing at each model, by the referenced model's name.
    private let references: [String: [(holder: Model, action: ReferentialAction)]]

    init(_ models: [Model]) {
        var references: [String: [(holder: Model, action: ReferentialAction)]] = [:]
        for model in models {
            for field in model.fields {
                guard let reference = field.reference else { continue }
                references[reference.model, default: []].append((model, reference.onDelete))
            }
        }
        self.references = references
    }

    /// The tables whose rows deleting a row of `model` deletes or changes, sorted: its own only when it reaches
    /// itself (a self-reference, or a cycle of cascades).
    func tables(changedByDeleting model: String) -> [String] {
        var tables: Set<String> = []
        var deleted: Set<String> = [model]
        var pending = [model]
        while let next = pending.popLast() {
            for (holder, action) in references[next] ?? [] {
                switch action {
                case .cascade:
                    tables.insert(holder.table)
                    // A cascaded delete cascades on.
                    if deleted.insert(holder.name).inserted { pending.append(holder.name) }
                case .setNull:
                    tables.insert(holder.table)
                case .restrict, .noAction:
                    continue
                }
            }
        }
        return tables.sorted()
    }
}
