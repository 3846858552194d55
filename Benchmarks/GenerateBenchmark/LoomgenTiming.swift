import Foundation
import BenchmarkSupport

/// `loomgen generate` end to end (a release build, a fresh process per run, so process start and file writes count;
/// the command is `Generator.run`, the library entry point the golden tests run too), five runs per size, writing into
/// an empty folder each time; and the size of what it writes.
struct LoomgenTiming {
    struct Row {
        var models: Int
        var median: Double
        var lines: Int
        var bytes: Int
        /// `openapi.json` and `loom-openapi.swift`, the document and its embedding.
        var openAPIBytes: Int
        var openAPILines: Int
    }

    var loomgen: String
    var root: URL
    let runs = 5

    func measure(models size: Int) throws -> Row {
        let schema = root.appending(path: "schema-\(size)")
        let output = root.appending(path: "out-\(size)")
        try SyntheticSchema.write(models: size, into: schema)
        var times: [Double] = []
        for _ in 0..<runs {
            try? FileManager.default.removeItem(at: output)  // a cold write every run
            let result = try run(loomgen, ["generate", schema.path, "--name", "bench", "--output", output.path])
            guard result.status == 0 else { throw BenchmarkFailure("loomgen failed on \(size) models (exit \(result.status))") }
            times.append(result.seconds)
        }
        var row = Row(models: size, median: median(times), lines: 0, bytes: 0, openAPIBytes: 0, openAPILines: 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: output.path) {
            let data = try Data(contentsOf: output.appending(path: name))
            let lines = data.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            row.bytes += data.count
            row.lines += lines
            if name == "openapi.json" || name == "loom-openapi.swift" {
                row.openAPIBytes += data.count
                row.openAPILines += lines
            }
        }
        print("\(size) models: median \(format(row.median, 3)) s over \(runs) runs (min \(format(times.min()!, 3)), max \(format(times.max()!, 3)))")
        return row
    }

    static func table(_ rows: [Row]) -> String {
        var text = "| models | median wall time | per model | ÷ time at \(rows[0].models) | lines per model | KB per model "
            + "| OpenAPI share (bytes / lines) |\n|---:|---:|---:|---:|---:|---:|---:|\n"
        for row in rows {
            let per = Double(row.models)
            text += "| \(row.models) | \(format(row.median, 3)) s | \(format(row.median / per * 1000, 3)) ms "
                + "| \(format(row.median / rows[0].median, 1))× | \(Int((Double(row.lines) / per).rounded())) "
                + "| \(format(Double(row.bytes) / per / 1024, 1)) "
                + "| \(Int((Double(row.openAPIBytes) / Double(row.bytes) * 100).rounded())) % / "
                + "\(Int((Double(row.openAPILines) / Double(row.lines) * 100).rounded())) % |\n"
        }
        return text
    }
}
