import Foundation

/// A model's key must parse from a path parameter (`LoomModel.ID: LosslessStringConvertible`); `UUID` keys
/// (`id UUID @id @default(uuid)`) parse their canonical text. Found by the naming-stress schema, whose `Patch`
/// model has one.
extension UUID: @retroactive LosslessStringConvertible {
    public init?(_ description: String) {
        self.init(uuidString: description)
    }
}
