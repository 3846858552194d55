import Foundation
import Testing

/// What a client app's build compiles, read from the build graph SwiftPM wrote (`.build/debug.yaml`, llbuild's
/// manifest): the modules each module's compile command takes as inputs, followed to the end. The models' and the
/// client's targets must reach no server: no Hummingbird, no NIO, no database driver, not the runtime.
@Suite("Build graph: what a client app compiles")
struct BuildGraphTests {
    /// Module name → the Swift modules its compile command reads.
    static func moduleInputs() throws -> [String: Set<String>] {
        let manifest = TestEnvironment.packageRoot.appending(path: ".build/debug.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        var inputs: [String: Set<String>] = [:]
        var module: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // `  "C.StoreClient-x86_64-unknown-linux-gnu-debug.module":`, whatever the triple.
            if line.hasPrefix("  \"C."), line.hasSuffix("-debug.module\":"), let dash = line.dropFirst(5).firstIndex(of: "-") {
                module = String(line[line.index(line.startIndex, offsetBy: 5)..<dash])
                continue
            }
            guard let current = module, line.hasPrefix("    inputs: ") else { continue }
            var found: Set<String> = []
            for part in line.split(separator: "\"") where part.hasSuffix(".swiftmodule") && part.contains("/Modules/") {
                found.insert(String(part.split(separator: "/").last!.dropLast(".swiftmodule".count)))
            }
            inputs[current] = found
            module = nil
        }
        return inputs
    }

    /// Every module `module` compiles against, directly or not.
    static func closure(of module: String, in inputs: [String: Set<String>]) -> Set<String> {
        var seen: Set<String> = []
        var queue = [module]
        while let next = queue.popLast() {
            for input in inputs[next] ?? [] where seen.insert(input).inserted { queue.append(input) }
        }
        return seen
    }

    static let serverModules = [
        "Hummingbird", "HummingbirdCore", "NIOCore", "NIOPosix", "NIOHTTP1", "PostgresNIO", "SQLiteNIO", "LoomRuntime",
        "LoomHTTP", "LoomServer", "LoomPostgres", "LoomSQLite", "LoomRedis", "Logging", "Crypto", "StoreServer",
    ]

    @Test("StoreModels and StoreClient reach no server module; StoreServer does (the check reads the real graph)")
    func clientTargetsStayServerFree() throws {
        let inputs = try Self.moduleInputs()
        let models = Self.closure(of: "StoreModels", in: inputs)
        let client = Self.closure(of: "StoreClient", in: inputs)
        #expect(models == ["LoomValues", "LoomVocabulary"], "\(models.sorted())")
        #expect(client.isSuperset(of: ["StoreModels", "LoomClient", "OpenAPIRuntime", "HTTPTypes"]), "\(client.sorted())")
        for module in Self.serverModules {
            #expect(!models.contains(module) && !client.contains(module), "\(module) is in a client's build")
        }
        // The same reading finds the server's modules where they are, so an empty or misread graph cannot pass.
        let server = Self.closure(of: "StoreServer", in: inputs)
        #expect(server.isSuperset(of: ["Hummingbird", "NIOCore", "LoomRuntime", "StoreModels"]), "\(server.sorted())")
    }
}
