import LoomServer

/// The server of `make bench-generate`'s synthetic schema: the benchmark writes `Schema/*.loom` into this folder and
/// builds this target (declared only while `LOOM_BENCH_SERVER` is set, see Package.swift) with the build plugin, to
/// time the compile of generated code, whole and after a one-field edit, as a user's `swift build` does it.
@main
struct BenchServer {
    static func main() async throws {
        try await LoomServer.run(BenchServerSchema.self)
    }
}
