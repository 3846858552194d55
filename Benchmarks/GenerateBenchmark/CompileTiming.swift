import Foundation
import BenchmarkSupport

/// The compile of the generated code of 100 models as a user's `swift build` runs it: the `BenchServer` target
/// (declared while `LOOM_BENCH_SERVER` is set, see Package.swift) is the synthetic schema with the build plugin, linked
/// into a server. Its dependencies are built first and not timed.
struct CompileTiming {
    var packageRoot: URL
    var schemaFolder: URL { packageRoot.appending(path: "Benchmarks/BenchServer/Schema") }
    let environment = ["LOOM_BENCH_SERVER": "1"]

    func swift(_ arguments: [String]) throws -> (seconds: Double, output: String) {
        let result = try run("/usr/bin/env", ["swift"] + arguments, environment: environment, in: packageRoot)
        guard result.status == 0 else { throw BenchmarkFailure("swift \(arguments.joined(separator: " ")) failed") }
        return (result.seconds, result.output)
    }

    func build(_ configuration: String) throws -> Double {
        try swift(["build", "-c", configuration, "--product", "bench-server"]).seconds
    }

    /// Every generated file compiled and the server linked: the target's objects removed and the build re-planned
    /// (SwiftPM writes a target's output file map only when it plans, and it plans again when the manifest changes).
    func fullBuild(_ configuration: String) throws -> Double {
        _ = try build(configuration)  // dependencies, the plugin, a first compile: not timed
        let bin = try swift(["build", "-c", configuration, "--show-bin-path"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(at: URL(fileURLWithPath: bin).appending(path: "BenchServer.build"))
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: packageRoot.appending(path: "Package.swift").path)
        return try build(configuration)
    }

    /// A nullable field added to one model, the build, the field removed, the build: `rounds` builds, each a one-field
    /// edit (the plugin runs loomgen, which rewrites only the files whose bytes change; the compiler rebuilds those and
    /// what depends on them; the server is relinked).
    func incrementalBuilds(rounds: Int = 4) throws -> [Double] {
        _ = try build("debug")
        var times: [Double] = []
        for round in 0..<rounds {
            try SyntheticSchema.editOneField(in: schemaFolder, undo: round % 2 == 1)
            times.append(try build("debug"))
        }
        if rounds % 2 == 1 { try SyntheticSchema.editOneField(in: schemaFolder, undo: true) }
        return times
    }

    /// The function bodies the type checker checks in the generated code (`-debug-time-function-bodies`), and how many
    /// of them are the getter, setter and `_modify` Swift synthesizes for each stored `var`. The compile command is
    /// the one SwiftPM ran (from its build manifest), type-checking only.
    func functionBodies() throws -> (total: Int, storedAccessors: Int) {
        let bin = try swift(["build", "--show-bin-path"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let manifest = URL(fileURLWithPath: bin).deletingLastPathComponent().deletingLastPathComponent().appending(path: "debug.yaml")
        let lines = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n")
        guard let key = lines.firstIndex(where: { $0.hasPrefix("  \"C.BenchServer-") && $0.hasSuffix("-debug.module\":") }),
              let argsLine = lines[key...].first(where: { $0.hasPrefix("    args: [") }),
              let json = argsLine.firstIndex(of: "["),
              let arguments = try JSONSerialization.jsonObject(with: Data(argsLine[json...].utf8)) as? [String]
        else { throw BenchmarkFailure("no BenchServer compile command in \(manifest.path)") }
        let dropped: Set<String> = [
            "-emit-dependencies", "-emit-module", "-incremental", "-c", "-enable-batch-mode", "-serialize-diagnostics", "-parseable-output",
        ]
        let droppedWithValue: Set<String> = ["-emit-module-path", "-output-file-map", "-index-store-path"]
        var command: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if droppedWithValue.contains(argument) { index += 2; continue }
            if !dropped.contains(argument) && !argument.hasPrefix("-j") { command.append(argument) }
            index += 1
        }
        let result = try run(arguments[0], command + ["-typecheck", "-Xfrontend", "-debug-time-function-bodies"], in: packageRoot)
        let timings = (result.output + result.errors).split(separator: "\n").filter { $0.contains("GeneratedSources/") }
        return (timings.count, 3 * timings.filter { $0.contains("_modify accessor") }.count)
    }
}
