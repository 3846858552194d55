extension String {
    /// Every `character` doubled: how SQL escapes a quote inside a quoted identifier or string. (LoomCompiler does
    /// not import Foundation, so no `replacingOccurrences`.)
    func doubling(_ character: Character) -> String {
        var out = ""
        out.reserveCapacity(count)
        for ch in self {
            out.append(ch)
            if ch == character { out.append(ch) }
        }
        return out
    }
}
