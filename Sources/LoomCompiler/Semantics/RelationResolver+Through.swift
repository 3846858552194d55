/// Many-to-many relations, `tags [Tag] through ProductTag`: once every belongs-to is known, the join model must
/// belong to the owner once and to the related model once (L140); the relation then reads the related rows the join
/// rows link (`Relation.Kind.manyToMany`). It is no column: the links are the join model's rows, written through its
/// own routes or repository.
extension RelationResolver {
    mutating func resolveThrough(_ models: inout [Model], pending: [PendingThroughRelation]) {
        let indexByName = Dictionary(models.indices.map { (models[$0].name, $0) }) { first, _ in first }
        for relation in pending {
            guard let owner = indexByName[relation.model] else { continue }
            let example = "write \(relation.name.name) [Tag] through ProductTag, ProductTag holding 'product \(relation.model)' and 'tag Tag'"
            guard let type = relation.type, type.listBrackets != nil, type.optionalMark == nil, indexByName[type.name.name] != nil else {
                diagnostics.append(.error(
                    .invalidThroughRelation, "a 'through' relation is a list of a model, like [Tag]", at: relation.type?.range ?? relation.range,
                    hint: example))
                continue
            }
            guard let join = indexByName[relation.join.name] else {
                let hint = Suggestions.didYouMean(relation.join.name, among: models.map(\.name)) ?? example
                diagnostics.append(.error(.invalidThroughRelation, "unknown join model '\(relation.join.name)'", at: relation.join.range, hint: hint))
                continue
            }
            let belongsTo = models[join].relations.filter { $0.kind == .belongsTo }
            let toOwner = belongsTo.filter { $0.model == relation.model }
            let toTarget = belongsTo.filter { $0.model == type.name.name }
            guard toOwner.count == 1, toTarget.count == 1, relation.model != type.name.name else {
                diagnostics.append(.error(
                    .invalidThroughRelation,
                    "join model '\(relation.join.name)' must belong to '\(relation.model)' once and to '\(type.name.name)' once "
                        + "(it has \(toOwner.count) and \(toTarget.count))",
                    at: relation.join.range, hint: example))
                continue
            }
            let name = relation.name.name
            if models[owner].fields.contains(where: { $0.name == name }) || models[owner].relations.contains(where: { $0.name == name }) {
                diagnostics.append(.error(
                    .relationNameClash, "relation '\(name)' of model '\(relation.model)' has the name of another field or relation",
                    at: relation.name.range, hint: "rename it"))
                continue
            }
            models[owner].relations.append(Relation(
                name: name, kind: .manyToMany, model: type.name.name, foreignKey: toOwner[0].foreignKey,
                through: relation.join.name, throughTargetKey: toTarget[0].foreignKey))
            models[owner].relations.sort { $0.name < $1.name }
        }
    }
}
