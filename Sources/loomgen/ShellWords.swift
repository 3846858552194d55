import Foundation

/// Paths and names as a shell command line needs them, for the commands loomgen prints (`fix:` lines, next steps).
enum ShellWords {
    /// `schemas/store` as it is; anything with other characters in single quotes.
    static func quoted(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
            ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
