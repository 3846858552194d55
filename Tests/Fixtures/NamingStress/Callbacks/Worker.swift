import LoomRuntime

struct Worker: WorkerCallback {
    func execute(_ event: JobSucceeded, context: WorkerContext) async throws {
        throw LoomError.notImplemented(message: "callback 'Worker' is not written yet")
    }
}
