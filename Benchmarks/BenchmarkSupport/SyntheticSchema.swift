import Foundation

/// The benchmark's schema: `count` models in files of 50. Each model has scalar fields, a unique and an indexed field,
/// a foreign key to the previous model (cascade), a profile over its has-many, and an auto-CRUD resource with cursor
/// pages.
public enum SyntheticSchema {
    public static func write(models count: Int, into folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in stride(from: 0, to: count, by: 50) {
            var text = ""
            for index in file..<min(file + 50, count) {
                text += "/// Synthetic model \(index).\n"
                text += "model Item\(index) timestamps {\n"
                text += "  id        Int          @id @autoincrement\n"
                text += "  code      String(40)   @unique\n"
                text += "  name      String(120)  @notBlank\n"
                text += "  category  String(60)   @index\n"
                text += "  price     Int          @range(0, _)\n"
                text += "  note      Text?\n"
                if index > 0 { text += "  parent    Item\(index - 1)?  @onDelete(cascade)\n" }
                if index + 1 < count {
                    text += "\n  profile withChildren {\n    include item\(index + 1)s\n    count item\(index + 1)s as childCount\n  }\n"
                }
                text += "}\n\n"
                text += "resource Item\(index) at \"/items-\(index)\" {\n  pagination cursor\n  crud\n}\n\n"
            }
            try text.write(to: folder.appending(path: "part\(file / 50).loom"), atomically: true, encoding: .utf8)
        }
    }

    /// The one-field edit of the incremental build: a nullable field added to (or, with `undo`, removed from) one
    /// model in the middle of the second file.
    public static func editOneField(in folder: URL, undo: Bool = false) throws {
        let file = folder.appending(path: "part1.loom")
        var text = try String(contentsOf: file, encoding: .utf8)
        let opener = "model Item70 timestamps {\n"
        let added = opener + "  extra     Int?\n"
        text = undo ? text.replacingOccurrences(of: added, with: opener) : text.replacingOccurrences(of: opener, with: added)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
}
