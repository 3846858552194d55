/// The server binary's options that come before its command: `--config PATH` (or `--config=PATH`), the YAML file
/// of settings. (`--migrate` is read where migrations are applied.)
enum ServerArguments {
    /// The configuration file named, and the arguments without that option.
    static func configFile(in arguments: [String]) throws -> (path: String?, rest: [String]) {
        var path: String?
        var rest: [String] = []
        var words = arguments.makeIterator()
        while let word = words.next() {
            if word == "--config" {
                guard let value = words.next(), !value.hasPrefix("--") else {
                    throw JobCommand.Invalid(description: "--config needs the path of a YAML file")
                }
                path = value
            } else if word.hasPrefix("--config=") {
                path = String(word.dropFirst("--config=".count))
            } else {
                rest.append(word)
            }
        }
        return (path, rest)
    }
}
