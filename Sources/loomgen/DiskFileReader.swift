import Foundation
import LoomCompiler

extension SchemaInputs {
    /// `<first folder input>/migrations`, or nil when the schema is given as files.
    var migrationsFolder: String? {
        for input in inputs {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                return (input as NSString).appendingPathComponent(MigrationScript.folderName)
            }
        }
        return nil
    }
}
