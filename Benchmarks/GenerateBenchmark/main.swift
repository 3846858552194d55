import Foundation

// `make bench-generate`: times `loomgen generate` end to end (a release build, a fresh process per run, so process
// start and file writes count; the command is `Generator.run`, the library entry point the golden tests run too) on
// synthetic schemas of 100, 1,000 and 5,000 models with relations and routes, and prints a Markdown table for
// docs/benchmarks.md. A benchmark, not a test: it asserts nothing, it reports medians and per-model cost.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: GenerateBenchmark LOOMGEN [SIZES…] (default sizes: 100 1000 5000)")
    exit(2)
}
let loomgen = arguments[1]
let sizes = arguments.count > 2 ? arguments.dropFirst(2).compactMap { Int($0) } : [100, 1000, 5000]
let runs = 5

/// A schema of `count` models in files of 50: each model has scalar fields, a unique and an indexed field, a foreign
/// key to the previous model (cascade), a profile over its has-many, and an auto-CRUD resource with cursor pages.
func writeSchema(models count: Int, into folder: URL) throws {
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

func run(_ executable: String, _ arguments: [String]) throws -> (seconds: Double, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    let errorText = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if process.terminationStatus != 0 {
        FileHandle.standardError.write(errorText.prefix(2000))
    }
    return (seconds, process.terminationStatus)
}

let root = FileManager.default.temporaryDirectory.appending(path: "loom-bench-generate")
var rows: [(Int, Double, Double, Int)] = []
for size in sizes {
    let schema = root.appending(path: "schema-\(size)")
    let output = root.appending(path: "out-\(size)")
    try writeSchema(models: size, into: schema)
    var times: [Double] = []
    for _ in 0..<runs {
        try? FileManager.default.removeItem(at: output)  // a cold write every run
        let (seconds, status) = try run(loomgen, ["generate", schema.path, "--name", "bench", "--output", output.path])
        guard status == 0 else {
            print("loomgen failed on \(size) models (exit \(status))")
            exit(1)
        }
        times.append(seconds)
    }
    times.sort()
    let median = times[times.count / 2]
    let lines = (try FileManager.default.contentsOfDirectory(atPath: output.path)).reduce(0) { total, name in
        total + ((try? String(contentsOf: output.appending(path: name), encoding: .utf8))?.split(separator: "\n").count ?? 0)
    }
    rows.append((size, median, median / Double(size) * 1000, lines))
    print("\(size) models: median \(String(format: "%.3f", median)) s over \(runs) runs (min \(String(format: "%.3f", times.first!)), max \(String(format: "%.3f", times.last!)))")
}

print("\n| models | median wall time | per model | generated Swift lines | time ÷ time at \(sizes[0]) models | size ratio |")
print("|---:|---:|---:|---:|---:|---:|")
for row in rows {
    let ratio = row.1 / rows[0].1
    print("| \(row.0) | \(String(format: "%.3f", row.1)) s | \(String(format: "%.3f", row.2)) ms | \(row.3) | \(String(format: "%.1f", ratio))× | \(row.0 / rows[0].0)× |")
}
