import Foundation
import LoomValues
import LoomRuntime

/// `store worker [--queues a,b] [--concurrency N]` and `store jobs dead|requeue ID|status ID`: the server binary's
/// job subcommands, read from its arguments (the runtime takes no argument-parsing dependency for three words).
enum JobCommand: Equatable {
    /// Run the HTTP server (with an in-process worker unless `JOBS_WORKER=false`).
    case serve
    case worker(queues: [String]?, concurrency: Int)
    case dead
    case requeue(UUID)
    case status(UUID)

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static let usage = "usage: worker [--queues a,b] [--concurrency N] | jobs dead | jobs requeue JOB_ID | jobs status JOB_ID"

    static func parse(_ arguments: [String]) throws -> JobCommand {
        let words = Array(arguments.dropFirst().filter { $0 != "--migrate" })
        guard let first = words.first else { return .serve }
        switch first {
        case "worker":
            var queues: [String]?
            var concurrency = 4
            var rest = words.dropFirst().makeIterator()
            while let option = rest.next() {
                switch option {
                case "--queues":
                    guard let list = rest.next() else { throw Invalid(description: "--queues needs a comma-separated list; " + usage) }
                    queues = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                case "--concurrency":
                    guard let text = rest.next(), let number = Int(text), (1...256).contains(number) else {
                        throw Invalid(description: "--concurrency needs a whole number from 1 to 256; " + usage)
                    }
                    concurrency = number
                default:
                    throw Invalid(description: "unknown option '\(option)'; " + usage)
                }
            }
            return .worker(queues: queues, concurrency: concurrency)
        case "jobs":
            let rest = Array(words.dropFirst())
            switch (rest.first, rest.count) {
            case ("dead"?, 1): return .dead
            case ("requeue"?, 2), ("status"?, 2):
                guard let id = UUID(uuidString: rest[1]) else { throw Invalid(description: "'\(rest[1])' is not a job id; " + usage) }
                return rest[0] == "requeue" ? .requeue(id) : .status(id)
            default: throw Invalid(description: usage)
            }
        default:
            throw Invalid(description: "unknown command '\(first)'; " + usage)
        }
    }

    /// Runs `dead`, `requeue` or `status`, printing JSON (one job per line); false when the job was not found.
    static func runQuery(_ command: JobCommand, store: any JobStore) async throws -> Bool {
        let encoder = LoomJSON.makeEncoder()
        func print(_ status: JobStatus) throws {
            FileHandle.standardOutput.write(try encoder.encode(JobStatusAnswer(status: status)) + Data("\n".utf8))
        }
        switch command {
        case .dead:
            for status in try await store.dead(limit: 1_000) { try print(status) }
            return true
        case .requeue(let id):
            guard try await store.requeue(id, now: Timestamp.now()) else {
                FileHandle.standardError.write(Data("no dead job \(id.lowercasedText)\n".utf8))
                return false
            }
            if let status = try await store.status(id) { try print(status) }
            return true
        case .status(let id):
            guard let status = try await store.status(id) else {
                FileHandle.standardError.write(Data("no job \(id.lowercasedText)\n".utf8))
                return false
            }
            try print(status)
            return true
        case .serve, .worker:
            return true
        }
    }
}
