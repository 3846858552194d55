import LoomRuntime

struct Job: JobJob {
    func execute(_ input: JobInput, context: JobContext) async throws -> Bool {
        throw LoomError.notImplemented(message: "job 'Job' is not written yet")
    }
}
