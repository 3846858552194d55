import Foundation
import BenchmarkSupport

// `make bench-generate`: how `loomgen generate` scales (100, 1,000 and 5,000 synthetic models), and, with `--compile
// PACKAGE_ROOT`, how long the Swift it writes for 100 models takes to compile, debug and release, whole and after a
// one-field edit. A benchmark, not a test: it asserts nothing, it reports medians and per-model figures as Markdown
// tables for docs/benchmarks.md.

var arguments = Array(CommandLine.arguments.dropFirst())
guard let loomgen = arguments.first else {
    print("usage: GenerateBenchmark LOOMGEN [--compile PACKAGE_ROOT [--no-release]] [SIZES…] (default sizes: 100 1000 5000)")
    exit(2)
}
arguments.removeFirst()
var packageRoot: URL?
if let flag = arguments.firstIndex(of: "--compile"), flag + 1 < arguments.count {
    packageRoot = URL(fileURLWithPath: arguments[flag + 1])
    arguments.removeSubrange(flag...(flag + 1))
}
// `--no-release` skips the release build (its dependencies take long to build the first time).
let withRelease = !arguments.contains("--no-release")
arguments.removeAll { $0 == "--no-release" }
let sizes = arguments.isEmpty ? [100, 1000, 5000] : arguments.compactMap { Int($0) }

do {
    let timing = LoomgenTiming(loomgen: loomgen, root: FileManager.default.temporaryDirectory.appending(path: "loom-bench-generate"))
    let rows = try sizes.map { try timing.measure(models: $0) }
    print("\n" + LoomgenTiming.table(rows))

    if let packageRoot {
        let compile = CompileTiming(packageRoot: packageRoot)
        try SyntheticSchema.write(models: 100, into: compile.schemaFolder)
        let debug = try compile.fullBuild("debug")
        let functions = try compile.functionBodies()
        let incremental = try compile.incrementalBuilds()
        let release = withRelease ? try compile.fullBuild("release") : nil
        print("""

            Generated code of 100 models, compiled by `swift build` with the build plugin and linked into a server:

            | build | wall time |
            |---|---:|
            | debug, every generated file | \(format(debug)) s |
            | debug, after a one-field edit (median of \(incremental.count): \(incremental.map { format($0) }.joined(separator: ", "))) | \(format(median(incremental))) s |
            | release, every generated file | \(release.map { format($0) + " s" } ?? "not measured") |

            Function bodies type-checked per model: \(format(Double(functions.total) / 100, 1)) (of which \
            \(format(Double(functions.storedAccessors) / 100, 1)) are the accessors Swift synthesizes for stored \
            `var`s; \(format(Double(functions.total - functions.storedAccessors) / 100, 1)) others).
            """)
    }
} catch {
    print("bench-generate: \(error)")
    exit(1)
}
