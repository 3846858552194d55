/// Every diagnostic the compiler emits has a stable code. docs/language.md has a wrong and a right example of each.
/// Codes are never reused: a retired check keeps its number.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    // Lexical
    case unexpectedCharacter = "L001"
    case unterminatedString = "L002"
    case unterminatedComment = "L003"
    case invalidNumber = "L004"
    // Syntax
    case expectedToken = "L010"
    case unknownDeclaration = "L011"
    case unknownMember = "L012"
    case nestingTooDeep = "L013"
    // Names and declarations
    case unknownType = "L020"
    case duplicateDeclaration = "L021"
    case duplicateField = "L022"
    case missingPrimaryKey = "L023"
    case multiplePrimaryKeys = "L024"
    case unknownAttribute = "L025"
    case attributeDoesNotFitType = "L026"
    case invalidAttributeArguments = "L027"
    case reservedName = "L028"
    case invalidTypeArguments = "L029"
    case invalidName = "L030"
    case defaultTypeMismatch = "L034"
    case duplicateAttribute = "L035"
    case invalidTableName = "L036"
    // Resources and routes
    case unknownModel = "L040"
    case duplicateRoute = "L041"
    case invalidPath = "L042"
    case unknownCRUDOperation = "L043"
    case duplicateResource = "L044"
    case unknownPaginationMode = "L045"
}
