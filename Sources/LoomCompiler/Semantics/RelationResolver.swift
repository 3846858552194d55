/// Finishes the relation fields once every model is resolved: gives each foreign key its target's key type, and adds
/// the relations on both sides — `belongsTo` named after the field on the model holding the key, `hasMany` on the
/// target, named after the holder's table in camelCase (`addresses`, `orderItems`) unless `@relation("…")` names it.
///
/// Also rejects what could never hold rows: a foreign key to a model without a key (L057), and a cycle of required
/// foreign keys, a required self-reference included (L059): no row of the cycle could be inserted first.
struct RelationResolver {
    /// Which models declare an `@id` in their syntax, resolved or not: a key with a bad type is reported as such, not
    /// as missing.
    let modelsDeclaringKeys: Set<String>
    var diagnostics: [Diagnostic] = []

    mutating func resolve(_ models: inout [Model], pending: [PendingRelation]) {
        let indexByName = Dictionary(models.indices.map { (models[$0].name, $0) }) { first, _ in first }
        var resolved: [PendingRelation] = []
        for relation in pending {
            guard let child = indexByName[relation.model], let parent = indexByName[relation.target],
                let fieldIndex = models[child].fields.firstIndex(where: { $0.name == relation.field })
            else { continue }
            guard let key = models[parent].fields.first(where: \.isPrimaryKey) else {
                if !modelsDeclaringKeys.contains(relation.target) {
                    diagnostics.append(.error(
                        .referencedModelHasNoKey,
                        "model '\(relation.target)' has no '@id' field for relation '\(relation.relationName)' to refer to",
                        at: relation.targetRange, hint: "add a key to '\(relation.target)', e.g. 'id Int @id @autoincrement'"
                    ))
                }
                // The key is missing or did not resolve (its error, perhaps a parse error, is reported): the foreign
                // key refers to nothing, so nothing downstream (identifier lengths, the snapshot) may follow it.
                models[child].fields[fieldIndex].reference = nil
                continue
            }
            models[child].fields[fieldIndex].type = key.type
            models[child].relations.append(Relation(
                name: relation.relationName, kind: .belongsTo, model: relation.target, foreignKey: relation.field
            ))
            resolved.append(relation)
        }
        addHasManyRelations(&models, resolved, indexByName: indexByName)
        checkRequiredCycles(models, resolved)
        for index in models.indices { models[index].relations.sort { $0.name < $1.name } }
    }

    /// One has-many per foreign key. Its name must be free on the target: not a field, not a belongs-to, not another
    /// has-many (two keys from one model to another clash by default and need `@relation`).
    private mutating func addHasManyRelations(
        _ models: inout [Model], _ relations: [PendingRelation], indexByName: [String: Int]
    ) {
        var owners: [String: [String: PendingRelation]] = [:]
        // Belongs-to names by model, so a has-many name is checked against them by look-up (an editor re-checks a
        // schema on each edit; a scan per relation is quadratic in the schema).
        var belongsTo: [String: Set<String>] = [:]
        for relation in relations { belongsTo[relation.model, default: []].insert(relation.relationName) }
        for relation in relations {
            guard let parent = indexByName[relation.target] else { continue }
            let defaultName = Naming.camelCase(Naming.tableName(forModel: relation.model))
            let name = relation.hasManyName?.value ?? defaultName
            let at = relation.hasManyName?.range ?? relation.targetRange
            func hint() -> String {
                "name it with @relation(\"\(defaultName)As\(relation.relationName.prefix(1).uppercased())\(relation.relationName.dropFirst())\")"
            }
            if let other = owners[relation.target]?[name] {
                diagnostics.append(.error(
                    .relationNameClash,
                    "relation '\(name)' of model '\(relation.target)' is already the other side of "
                        + "'\(other.model).\(other.relationName)'",
                    at: at, hint: hint()
                ))
                continue
            }
            let fieldClash = models[parent].fields.contains { $0.name == name }
                || belongsTo[relation.target]?.contains(name) == true
            if fieldClash {
                diagnostics.append(.error(
                    .relationNameClash,
                    "relation '\(name)' of model '\(relation.target)' has the name of one of its fields",
                    at: at, hint: hint()
                ))
                continue
            }
            owners[relation.target, default: [:]][name] = relation
            models[parent].relations.append(Relation(
                name: name, kind: .hasMany, model: relation.model, foreignKey: relation.field
            ))
        }
    }

    /// Reports each cycle of required foreign keys once, at the key that closes it (in schema order).
    private mutating func checkRequiredCycles(_ models: [Model], _ relations: [PendingRelation]) {
        var edges: [String: [PendingRelation]] = [:]
        for relation in relations where !relation.isOptional { edges[relation.model, default: []].append(relation) }
        var finished: Set<String> = []
        for model in models where !finished.contains(model.name) {
            // Iterative depth-first search: no recursion, whatever the schema.
            var stack: [(model: String, next: Int)] = [(model.name, 0)]
            var path: [PendingRelation] = []
            var onPath: Set<String> = [model.name]
            while let top = stack.last {
                let outgoing = edges[top.model] ?? []
                guard top.next < outgoing.count else {
                    stack.removeLast()
                    onPath.remove(top.model)
                    finished.insert(top.model)
                    if !path.isEmpty && !stack.isEmpty { path.removeLast() }
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = outgoing[top.next]
                if onPath.contains(edge.target) {
                    report(cycle: Array(path.drop { $0.model != edge.target }) + [edge])
                } else if !finished.contains(edge.target) {
                    path.append(edge)
                    onPath.insert(edge.target)
                    stack.append((edge.target, 0))
                }
            }
        }
    }

    private mutating func report(cycle: [PendingRelation]) {
        guard let closing = cycle.last else { return }
        if cycle.count == 1 {
            diagnostics.append(.error(
                .requiredRelationCycle,
                "relation '\(closing.relationName)' of model '\(closing.model)' refers to its own model and must be optional",
                at: closing.targetRange, hint: "make it '\(closing.target)?'; the first row has nothing to refer to"
            ))
            return
        }
        let chain = cycle.map { "\($0.model).\($0.relationName)" }.joined(separator: " → ")
        diagnostics.append(.error(
            .requiredRelationCycle, "required relations form a cycle, \(chain), so no row could be inserted first",
            at: closing.targetRange, hint: "make one of them optional, e.g. '\(closing.target)?'"
        ))
    }
}
