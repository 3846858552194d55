import Foundation

/// Runs a program; its wall time and status (standard error kept for a failure, standard output returned).
@discardableResult
public func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil)
    throws -> (seconds: Double, status: Int32, output: String, errors: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    // Read both pipes while the process runs, so neither fills and blocks it.
    nonisolated(unsafe) var errorData = Data()
    let reader = Thread { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if process.terminationStatus != 0 {
        FileHandle.standardError.write(Data("\(executable) \(arguments.joined(separator: " ")) failed:\n".utf8))
        FileHandle.standardError.write(errorData.suffix(4000))
        FileHandle.standardError.write(outputData.suffix(4000))
    }
    return (seconds, process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
}

public func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

public func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

public struct BenchmarkFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
